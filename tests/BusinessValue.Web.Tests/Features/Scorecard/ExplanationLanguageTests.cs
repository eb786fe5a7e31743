using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Bunit;
using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Metrics;
using BusinessValue.Domain.Organisation;
using BusinessValue.Domain.Periods;
using BusinessValue.Domain.Processes;
using BusinessValue.Domain.Systems;
using BusinessValue.Web.Features.Scorecard;

namespace BusinessValue.Web.Tests.Features.Scorecard;

/// <summary>An explanation an executive can read: no code identifiers, no "money", coverage shown.</summary>
public sealed partial class ExplanationLanguageTests : MudComponentTest
{
    private static readonly DateTime Now = new(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly int[] FirstQuarter = [1, 2, 3];

    /// <summary>ERP (120,000 a year) and CRM (60,000 a year) in FY2026, with downtime recorded for three months only.</summary>
    private static Domain.Engine.Scorecard FiscalYear()
    {
        var erp = new ItSystem(Guid.NewGuid(), "ERP", "Finance", null, Lifecycle.Active, StrategicFit.SupportsStrategy, Now).WithBusinessCase(new AnnualCosts(100_000m, 20_000m, 0m, 0m), null, null, null);
        var crm = new ItSystem(Guid.NewGuid(), "CRM", "Sales", null, Lifecycle.Active, StrategicFit.SupportsStrategy, Now).WithBusinessCase(new AnnualCosts(60_000m, 0m, 0m, 0m), null, null, null);
        var sales = new BusinessProcess(Guid.NewGuid(), "Order to cash", null, 5_200_000m, 50m, StrategicImportance.High);
        var months = FirstQuarter.Select(m => new MonthlyMetrics(erp.Id, new YearMonth(2026, m)) { DowntimeMinutes = 30m }).ToList();
        var portfolio = new Portfolio(new OrganisationSettings("Acme", Now), [], [sales], [erp, crm], [new Dependency(sales.Id, erp.Id, 0.5m)], [], [], months, []);
        return new TranslationEngine().Calculate(portfolio, Period.Parse("FY2026"));
    }

    [GeneratedRegex(@"\b[a-z]+[A-Z][A-Za-z]*\b")]
    private static partial Regex CamelCaseIdentifier();

    /// <summary>What a reader sees: every text node, with space between cells and lines.</summary>
    private static string Words(IRenderedComponent<ExplanationView> view) =>
        string.Join(" ", view.Find("[data-testid=explanation]").GetDescendants().OfType<IText>().Select(t => t.Text));

    [Fact]
    public void Render_TechnologySpend_NamesEveryInputAsAPersonWouldInTheOrganisationsCurrency()
    {
        var view = Context.Render<ExplanationView>(p => p.Add(c => c.Figure, FiscalYear().Portfolio.TechnologySpend).Add(c => c.Currency, "EUR"));

        var text = Words(view);
        text.Should().Contain("ERP: technology spend for FY2026").And.Contain("120,000 EUR").And.Contain("CRM: technology spend for FY2026");
        text.Should().NotContain("money").And.NotContain("periodCost").And.NotContain("technologySpend");
        CamelCaseIdentifier().Matches(text).Select(m => m.Value).Should().BeEmpty("no identifier from the code reaches a reader");
    }

    [Fact]
    public void Render_EveryFigureOfTheScorecard_ShowsNoCodeIdentifierAndNoMoneyUnit()
    {
        var scorecard = FiscalYear();
        var figures = scorecard.Portfolio.Figures.Concat(scorecard.Systems.SelectMany(s => s.Figures));

        foreach (var figure in figures)
        {
            var text = Words(Context.Render<ExplanationView>(p => p.Add(c => c.Figure, figure).Add(c => c.Currency, "EUR")));

            text.Should().NotContain(" money", figure.Label).And.NotContain("money/", figure.Label);
            CamelCaseIdentifier().Matches(text).Select(m => m.Value).Should().BeEmpty(figure.Label);
        }
    }

    [Fact]
    public void Render_PartialCoverageFigure_SaysHowManyMonthsAreRecorded()
    {
        var erp = FiscalYear().Systems.Single(s => s.Name == "ERP");

        var view = Context.Render<ExplanationView>(p => p.Add(c => c.Figure, erp.RevenueDisrupted).Add(c => c.Currency, "EUR"));

        var coverage = view.Find("[data-testid=explanation-coverage]");
        coverage.TextContent.Should().Contain("3 of 12 months recorded (with downtime)").And.Contain("only the months recorded");
        coverage.ClassList.Should().Contain(c => c.Contains("warning", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_FigureOnNoMonthlyMeasure_ShowsNoCoverage()
    {
        var view = Context.Render<ExplanationView>(p => p.Add(c => c.Figure, FiscalYear().Portfolio.TechnologySpend).Add(c => c.Currency, "EUR"));

        view.FindAll("[data-testid=explanation-coverage]").Should().BeEmpty();
    }

    [Fact]
    public void Render_Figure_GivesTheFormulaAsASentenceAndInSymbolsForThePeriodInWords()
    {
        var erp = FiscalYear().Systems.Single(s => s.Name == "ERP");

        var view = Context.Render<ExplanationView>(p => p.Add(c => c.Figure, erp.RevenueDisrupted).Add(c => c.Currency, "EUR"));

        view.Find("[data-testid=explanation-sentence]").TextContent.Should().Be(FigureCatalogue.System.RevenueDisrupted.InWords);
        view.Find("[data-testid=explanation-formula]").TextContent.Should().Be("D/60 × RPH");
        view.Find("[data-testid=explanation]").TextContent.Should().Contain("FY2026 (January – December 2026)");
    }
}
