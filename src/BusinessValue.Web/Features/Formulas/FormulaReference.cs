using System.Reflection;
using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Extensions.Tables;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.AspNetCore.Components;

namespace BusinessValue.Web.Features.Formulas;

/// <summary>
/// The formula reference shown at <see cref="Page"/>: docs/formulas.md, built into the app as a resource
/// (BusinessValue.Web.csproj) so the page and the docs are one text, rendered with Markdig once per process
/// and then shared by every reader. Each <c>## Heading</c> keeps the GitHub anchor the docs and the engine's
/// explanations use (<c>docs/formulas.md#revenue-per-hour</c> is <c>/formulas#revenue-per-hour</c> here).
/// </summary>
public sealed class FormulaReference
{
    public const string Page = "/formulas";

    private const string ResourceName = "formulas.md";
    private const string DocsPrefix = "docs/formulas.md";

    // Raw HTML in the file is shown as text, never passed through: the page must not carry script or markup
    // the Content-Security-Policy or the layout did not expect (docs/security.md, hardening).
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
        .DisableHtml()
        .Build();

    private static readonly Lazy<FormulaReference> Rendered = new(() => Render(ReadSource()), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, FormulaSection> _byId;

    private FormulaReference(string source, string title, MarkupString introduction, IReadOnlyList<FormulaSection> sections)
    {
        Source = source;
        Title = title;
        Introduction = introduction;
        Sections = sections;
        _byId = sections.ToDictionary(s => s.Id, StringComparer.Ordinal);
    }

    /// <summary>The reference, rendered on first use and kept for the life of the process.</summary>
    public static FormulaReference Current => Rendered.Value;

    /// <summary>The Markdown as built into the app: docs/formulas.md, unchanged.</summary>
    public string Source { get; }

    /// <summary>The document's <c># Heading</c>.</summary>
    public string Title { get; }

    /// <summary>What comes before the first section.</summary>
    public MarkupString Introduction { get; }

    public IReadOnlyList<FormulaSection> Sections { get; }

    /// <summary>The section with this anchor, or null.</summary>
    public FormulaSection? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>
    /// Where an explanation's <c>docs/formulas.md#anchor</c> is read in the app: <c>/formulas#anchor</c>; the
    /// top of the reference when it names no section.
    /// </summary>
    public static string LinkFor(string? docsAnchor)
    {
        if (docsAnchor is null || !docsAnchor.StartsWith(DocsPrefix, StringComparison.Ordinal))
        {
            return Page;
        }

        var hash = docsAnchor.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 || hash == docsAnchor.Length - 1 ? Page : Page + docsAnchor[hash..];
    }

    internal static FormulaReference Render(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        KeepLinksInsideTheApp(document);
        AddTypography(document);

        var title = document.OfType<HeadingBlock>().FirstOrDefault(h => h.Level == 1) is { } h1 ? PlainText(h1) : "How every figure is calculated";
        var introduction = new List<Block>();
        var sections = new List<(HeadingBlock Heading, List<Block> Blocks)>();
        foreach (var block in document)
        {
            if (block is HeadingBlock { Level: 1 })
            {
                continue;
            }

            if (block is HeadingBlock { Level: 2 } heading)
            {
                sections.Add((heading, [heading]));
            }
            else if (sections.Count > 0)
            {
                sections[^1].Blocks.Add(block);
            }
            else
            {
                introduction.Add(block);
            }
        }

        return new FormulaReference(
            markdown,
            title,
            ToHtml(introduction),
            [.. sections.Select(s => new FormulaSection(s.Heading.GetAttributes().Id ?? string.Empty, PlainText(s.Heading), ToHtml(s.Blocks)))]);
    }

    private static string ReadSource()
    {
        using var stream = typeof(FormulaReference).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The resource {ResourceName} (docs/formulas.md) is not built into {typeof(FormulaReference).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// A link to a heading of the file goes to that section of the page (the app's base address is "/", so a
    /// bare "#anchor" would lead to the scorecard). A link to another file of the repository has no page in the
    /// app: its text stays, the link goes. Web addresses stay as they are.
    /// </summary>
    private static void KeepLinksInsideTheApp(MarkdownDocument document)
    {
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            var url = link.Url ?? string.Empty;
            if (url.StartsWith('#'))
            {
                link.Url = Page + url;
            }
            else if (!(Uri.TryCreate(url, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttps || absolute.Scheme == Uri.UriSchemeHttp)))
            {
                Unwrap(link);
            }
        }
    }

    private static void Unwrap(LinkInline link)
    {
        var child = link.FirstChild;
        while (child is not null)
        {
            var next = child.NextSibling;
            child.Remove();
            link.InsertBefore(child);
            child = next;
        }

        link.Remove();
    }

    /// <summary>MudBlazor's typography classes, so the reference reads like the rest of the product.</summary>
    private static void AddTypography(MarkdownDocument document)
    {
        foreach (var block in document.Descendants<Block>())
        {
            var typography = block switch
            {
                HeadingBlock { Level: 1 } => "mud-typography mud-typography-h4",
                HeadingBlock { Level: 2 } => "mud-typography mud-typography-h5",
                HeadingBlock => "mud-typography mud-typography-h6",
                ParagraphBlock or ListBlock => "mud-typography mud-typography-body1",
                _ => null,
            };
            if (typography is not null)
            {
                block.GetAttributes().AddClass(typography);
            }
        }
    }

    private static MarkupString ToHtml(IEnumerable<Block> blocks)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.ObjectRenderers.Replace<HtmlTableRenderer>(new MudTableRenderer());
        foreach (var block in blocks)
        {
            renderer.Render(block);
        }

        writer.Flush();
        return new MarkupString(writer.ToString());
    }

    private static string PlainText(HeadingBlock heading) => heading.Inline is null
        ? string.Empty
        : string.Concat(heading.Inline.Descendants<Inline>().Select(i => i switch
        {
            LiteralInline literal => literal.Content.ToString(),
            CodeInline code => code.Content,
            _ => string.Empty,
        }));

    /// <summary>A table as MudBlazor's simple table draws it: dense, bordered, scrolling sideways when narrow.</summary>
    private sealed class MudTableRenderer : HtmlObjectRenderer<Table>
    {
        private readonly HtmlTableRenderer _table = new();

        protected override void Write(HtmlRenderer renderer, Table obj)
        {
            renderer.Write("<div class=\"mud-table mud-simple-table mud-table-dense mud-table-bordered mud-elevation-0 formula-table\"><div class=\"mud-table-container\">");
            ((IMarkdownObjectRenderer)_table).Write(renderer, obj);
            renderer.Write("</div></div>");
        }
    }
}
