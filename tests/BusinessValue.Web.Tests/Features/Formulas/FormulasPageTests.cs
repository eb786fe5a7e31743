using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using BusinessValue.Domain.Engine;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BusinessValue.Web.Tests.Features.Formulas;

/// <summary>The formula reference as a reader gets it from the running app.</summary>
public sealed partial class FormulasPageTests
{
    private static async Task<IDocument> GetPageAsync(BusinessValueAppFactory app, string address, string role = Roles.Executive)
    {
        using var client = await app.CreateSignedInClientAsync(role);
        var html = await client.GetStringAsync(new Uri(address, UriKind.Relative));
        return new HtmlParser().ParseDocument(html);
    }

    private static string Normalised(string text) => Whitespace().Replace(text, " ").Trim();

    [Fact]
    public async Task Get_AsExecutive_EveryAnchorTheEngineLinksTo_IsASectionOnThePage()
    {
        // Every figure's anchor, as the catalogue declares it for the engine's explanations.
        var anchors = FigureCatalogue.SystemFigures.Concat(FigureCatalogue.PortfolioFigures).Concat(FigureCatalogue.DepartmentFigures)
            .Select(f => f.DocsAnchor).Distinct().ToList();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database);

        var page = await GetPageAsync(app, "/formulas");

        anchors.Should().HaveCountGreaterThan(15, "the engine links every figure to its formula");
        anchors.Should().AllSatisfy(anchor =>
        {
            page.GetElementById(anchor).Should().NotBeNull($"/formulas#{anchor} should land on its section");
            page.GetElementById(anchor)!.LocalName.Should().Be("h2");
        });
    }

    [Fact]
    public async Task Get_AsExecutive_ShowsTheDocsOwnWordsForEverySection()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryFolder.Root, "docs", "formulas.md"));
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database);

        var page = await GetPageAsync(app, "/formulas");

        var sections = page.QuerySelectorAll("[data-testid=formula-section]").ToDictionary(s => s.GetAttribute("data-section")!, s => Normalised(s.TextContent));
        Normalised(page.QuerySelector("[data-testid=formula-reference]")!.TextContent)
            .Should().Contain("This is the reference an analyst uses to check a number.");
        sections["revenue-per-hour"].Should().Contain(
            "Meaning: how much revenue flows through a system in each operating hour, and so how much stops if the system goes down.");
        // Every "Meaning:" of the docs, as written there (emphasis and code marks aside), is on the page in its section.
        var meanings = MeaningInDocs().Matches(docs).ToList();
        meanings.Should().HaveCountGreaterThan(15);
        foreach (Match meaning in meanings)
        {
            var text = Normalised(meaning.Groups[1].Value.Replace("`", "", StringComparison.Ordinal));
            sections.Values.Should().Contain(s => s.Contains("Meaning: " + text, StringComparison.Ordinal), text);
        }
    }

    [Fact]
    public async Task Get_AsExecutive_ListsEverySectionInTheContentsAndEveryLinkStaysOnThePage()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database);

        var page = await GetPageAsync(app, "/formulas");

        var contents = page.QuerySelectorAll("[data-testid=formula-contents] a").Select(a => a.GetAttribute("href")).ToList();
        var sections = page.QuerySelectorAll("[data-testid=formula-section]").Select(s => "/formulas#" + s.GetAttribute("data-section")).ToList();
        contents.Should().Equal(sections);
        var links = page.QuerySelectorAll("[data-testid=formula-reference] a").Select(a => a.GetAttribute("href")!).ToList();
        links.Should().NotBeEmpty().And.AllSatisfy(href =>
        {
            href.Should().StartWith("/formulas#");
            page.GetElementById(href["/formulas#".Length..]).Should().NotBeNull(href);
        });
        page.QuerySelector("[data-testid=formula-reference]")!.TextContent.Should().NotContain("](");
        page.QuerySelector("[data-testid=nav-formulas]")!.GetAttribute("aria-current").Should().Be("page");
    }

    [Fact]
    public async Task Get_OneSection_ShowsThatSectionAndLinksToTheWholeReference()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database);

        var page = await GetPageAsync(app, "/formulas/revenue-per-hour", Roles.BusinessOwner);

        page.QuerySelectorAll("[data-testid=formula-section]").Select(s => s.GetAttribute("data-section")).Should().Equal("revenue-per-hour");
        page.QuerySelector("h2#revenue-per-hour")!.TextContent.Should().Be("Revenue per hour");
        page.QuerySelector("[data-testid=formula-whole-reference]")!.GetAttribute("href").Should().Be("/formulas#revenue-per-hour");
        page.Title.Should().StartWith("Revenue per hour");
    }

    [Fact]
    public async Task Get_SectionThatDoesNotExist_IsNotFound()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database);
        using var client = await app.CreateSignedInClientAsync(Roles.Executive);

        using var response = await client.GetAsync(new Uri("/formulas/no-such-formula", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Page not found");
    }

    [Fact]
    public async Task Get_NotSignedIn_IsSentToSignIn()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost/"), AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri("/formulas", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Contain("/account/login");
        (await response.Content.ReadAsStringAsync()).Should().NotContain("revenue per hour", "a visitor who is not signed in sees nothing of the reference");
    }

    [Fact]
    public async Task Get_AsViewer_IsRefusedLikeExplanations()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database);
        using var client = await app.CreateSignedInClientAsync(Roles.Viewer);

        using var response = await client.GetAsync(new Uri("/formulas", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Contain("/account/access-denied");
    }

    // "- **Meaning:** …" up to the next bullet, across wrapped lines.
    [GeneratedRegex(@"^- \*\*Meaning:\*\* (.+?)(?=\n\s*- )", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex MeaningInDocs();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
