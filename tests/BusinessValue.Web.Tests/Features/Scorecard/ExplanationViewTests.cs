using Bunit;
using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Metrics;
using BusinessValue.Domain.Organisation;
using BusinessValue.Domain.Periods;
using BusinessValue.Domain.Processes;
using BusinessValue.Domain.Systems;
using BusinessValue.Web.Features.Scorecard;

namespace BusinessValue.Web.Tests.Features.Scorecard;

public sealed class ExplanationViewTests : MudComponentTest
{
    private static readonly DateTime Now = new(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>A shop whose process earns 2,000 an hour, 120 slow peak minutes in July and no downtime figure.</summary>
    private static SystemScorecard Shop()
    {
        var shop = new ItSystem(Guid.NewGuid(), "Shop", "Sales", null, Lifecycle.Active, StrategicFit.SupportsStrategy, Now);
        var sales = new BusinessProcess(Guid.NewGuid(), "Online sales", null, 5_200_000m, 50m, StrategicImportance.High);
        var july = new MonthlyMetrics(shop.Id, new YearMonth(2026, 7)) { PeakDegradedMinutes = 120m };
        var portfolio = new Portfolio(new OrganisationSettings("Acme", Now), [], [sales], [shop], [new Dependency(sales.Id, shop.Id, 1m)], [], [], [july], []);
        return new TranslationEngine().Calculate(portfolio, Period.Parse("2026-07")).Systems.Single();
    }

    [Fact]
    public void Render_FigureOnADefaultAssumption_ShowsFormulaInputsSourcesAndTheDefaultFlag()
    {
        var view = Context.Render<ExplanationView>(p => p.Add(c => c.Figure, Shop().RevenueLostToSlowPeaks).Add(c => c.Currency, "EUR"));

        view.Find("[data-testid=explanation-formula]").TextContent.Should().Be("G/60 × RPH × f");
        view.Find("[data-testid=explanation-value]").TextContent.Should().Be(FigureText.Format(400m, FigureUnit.Money, "EUR"));
        var inputs = view.Find("[data-testid=explanation-inputs]").TextContent;
        inputs.Should().Contain("peak-hour minutes above the response-time target").And.Contain("abandonment factor").And.Contain("default assumption");
        view.FindAll("[data-testid=explanation-default]").Should().ContainSingle();
        view.FindAll("[data-testid=explanation-missing]").Should().BeEmpty();
    }

    [Fact]
    public void Render_FigureOnAnAssumption_LinksToWhereThatAssumptionIsChanged()
    {
        var view = Context.Render<ExplanationView>(p => p.Add(c => c.Figure, Shop().RevenueLostToSlowPeaks).Add(c => c.Currency, "EUR"));

        view.Find("[data-testid=change-assumption-f]").GetAttribute("href").Should().Be("/settings/assumptions#abandonment");
        view.FindAll("[data-testid^=change-assumption-]").Should().ContainSingle("only the abandonment factor is an assumption; the minutes are recorded data");
    }

    [Fact]
    public void Render_AnyFigure_LinksToItsSectionOfTheFormulaReferenceNotToTheDocsFile()
    {
        var view = Context.Render<ExplanationView>(p => p.Add(c => c.Figure, Shop().RevenueLostToSlowPeaks).Add(c => c.Currency, "EUR"));

        var link = view.Find("[data-testid=explanation-formula-link]");
        link.GetAttribute("href").Should().Be("/formulas#revenue-lost-to-slow-peaks");
        link.TextContent.Should().Be("How this is calculated");
        link.GetAttribute("target").Should().Be("_top", "the browser, not Blazor's router, opens the static page at its section");
        view.Markup.Should().NotContain("docs/formulas.md");
    }

    [Fact]
    public void Render_ReaderMayReadTheAuditTrail_LinksToTheHistoryOfTheSystemAndTheAssumptions()
    {
        var shop = Shop();

        var view = Context.Render<ExplanationView>(p => p.Add(c => c.Figure, shop.RevenueLostToSlowPeaks).Add(c => c.Currency, "EUR")
            .Add(c => c.SystemId, shop.SystemId).Add(c => c.ShowHistory, true));

        view.Find("[data-testid=history-system]").GetAttribute("href").Should().Be($"/audit?system={shop.SystemId}");
        view.Find("[data-testid=history-assumptions]").GetAttribute("href").Should().Be("/audit?entity=OrganisationSettings");
    }

    [Fact]
    public void Render_ReaderMayNotReadTheAuditTrail_ShowsNoHistoryLinks()
    {
        var view = Context.Render<ExplanationView>(p => p.Add(c => c.Figure, Shop().RevenueLostToSlowPeaks).Add(c => c.Currency, "EUR"));

        view.FindAll("[data-testid=explanation-history]").Should().BeEmpty();
    }

    [Fact]
    public void Render_FigureWithAMissingInput_SaysWhatIsMissingAndThatItIsNotZero()
    {
        var view = Context.Render<ExplanationView>(p => p.Add(c => c.Figure, Shop().RevenueDisrupted).Add(c => c.Currency, "EUR"));

        view.Find("[data-testid=explanation-value]").TextContent.Should().Be("not enough data");
        view.Find("[data-testid=explanation-missing]").TextContent.Should().Contain("unplanned downtime in operating hours").And.Contain("never counted as zero");
    }
}
