using System.Text.RegularExpressions;
using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.DemoData;
using BusinessValue.Testing;
using BusinessValue.Web.Features.Formulas;

namespace BusinessValue.Web.Tests.Features.Formulas;

public sealed partial class FormulaReferenceTests
{
    private static string DocsText => File.ReadAllText(Path.Combine(RepositoryFolder.Root, "docs", "formulas.md"));

    [Fact]
    public void Source_BuiltIntoTheApp_IsDocsFormulasMdUnchanged()
    {
        FormulaReference.Current.Source.Should().Be(DocsText, "the page and the docs are one text");
    }

    [Fact]
    public void Sections_EveryHeadingOfTheDocs_IsASectionInOrderWithItsGitHubAnchor()
    {
        var headings = HeadingPattern().Matches(DocsText).Select(m => m.Groups[1].Value.Trim()).ToList();

        FormulaReference.Current.Title.Should().Be("How every figure is calculated");
        FormulaReference.Current.Sections.Select(s => s.Title).Should().Equal(headings);
        FormulaReference.Current.Sections.Select(s => s.Id).Should()
            .Contain(["revenue-per-hour", "portfolio-totals-and-the-waste-ratio", "worked-example-the-manufacturing-company"]).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public void Sections_EveryFigureOfTheDemoScorecard_ExplainsWithASectionOfTheReference()
    {
        var scorecard = new TranslationEngine().Calculate(DemoPortfolio.Load(DateTime.UtcNow), Period.Parse("2026-Q3"));
        var figures = scorecard.Portfolio.Figures
            .Concat(scorecard.Systems.SelectMany(s => s.Figures.Append(s.ReadinessFigure)))
            .Concat(scorecard.Departments.Select(d => d.WorkaroundCost));

        var anchors = figures.Select(f => f.Why.DocsAnchor).Distinct().ToList();

        anchors.Should().HaveCountGreaterThan(15);
        anchors.Should().AllSatisfy(anchor =>
            FormulaReference.Current.Find(FormulaReference.LinkFor(anchor).Split('#')[1]).Should().NotBeNull(anchor));
    }

    [Theory]
    [InlineData("docs/formulas.md#revenue-per-hour", "/formulas#revenue-per-hour")]
    [InlineData("docs/formulas.md#portfolio-totals-and-the-waste-ratio", "/formulas#portfolio-totals-and-the-waste-ratio")]
    [InlineData("docs/formulas.md", "/formulas")]
    [InlineData("docs/formulas.md#", "/formulas")]
    [InlineData("docs/api.md#keys", "/formulas")]
    [InlineData(null, "/formulas")]
    public void LinkFor_DocsAnchorOfAnExplanation_IsThatSectionOfTheFormulaPage(string? docsAnchor, string expected)
    {
        FormulaReference.LinkFor(docsAnchor).Should().Be(expected);
    }

    [Fact]
    public void Render_LinkToAHeadingOfTheFile_PointsAtThatSectionInTheApp()
    {
        var reference = FormulaReference.Render("# Title\n\nSee [Rounding](#rounding).\n\n## Rounding\n\nHalf away from zero.\n");

        reference.Introduction.Value.Should().Contain("<a href=\"/formulas#rounding\">Rounding</a>");
        reference.Find("rounding")!.Html.Value.Should().Contain("id=\"rounding\"").And.Contain("Half away from zero.");
    }

    [Fact]
    public void Render_LinkToAnotherFileOfTheRepository_KeepsItsTextWithoutTheLink()
    {
        var reference = FormulaReference.Render("# Title\n\n## Keys\n\nSee [the API keys](api.md#keys) and ![a chart](images/chart.png).\n");

        var html = reference.Find("keys")!.Html.Value;
        html.Should().Contain("See the API keys and a chart.").And.NotContain("api.md").And.NotContain("images/").And.NotContain("<a ").And.NotContain("<img");
    }

    [Fact]
    public void Render_HtmlInTheMarkdown_IsShownAsTextNotRun()
    {
        var reference = FormulaReference.Render("# Title\n\n## Safe\n\n<script>alert(1)</script> and <b>bold</b>\n");

        reference.Find("safe")!.Html.Value.Should().NotContain("<script>").And.NotContain("<b>").And.Contain("&lt;script&gt;");
    }

    [Fact]
    public void Render_Table_IsDrawnAsAMudBlazorSimpleTable()
    {
        var reference = FormulaReference.Render("# Title\n\n## Periods\n\n| period | months |\n|---|---|\n| quarter | 3 |\n");

        var html = reference.Find("periods")!.Html.Value;
        html.Should().Contain("<div class=\"mud-table mud-simple-table").And.Contain("<table>").And.Contain("<td>quarter</td>");
        html.Should().Contain("class=\"mud-typography mud-typography-h5\"");
    }

    [GeneratedRegex(@"^## (.+)$", RegexOptions.Multiline)]
    private static partial Regex HeadingPattern();
}
