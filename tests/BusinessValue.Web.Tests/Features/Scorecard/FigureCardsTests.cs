using Bunit;
using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Metrics;
using BusinessValue.Domain.Organisation;
using BusinessValue.Domain.Periods;
using BusinessValue.Domain.Systems;
using BusinessValue.Web.Features.Scorecard;

namespace BusinessValue.Web.Tests.Features.Scorecard;

/// <summary>The headline cards mark a figure that rests on thin data, and only such a figure.</summary>
public sealed class FigureCardsTests : MudComponentTest
{
    private static readonly DateTime Now = new(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly int[] FirstQuarter = [1, 2, 3];

    private static PortfolioScorecard FiscalYearWithThreeMonths()
    {
        var erp = new ItSystem(Guid.NewGuid(), "ERP", "Finance", null, Lifecycle.Active, StrategicFit.SupportsStrategy, Now).WithBusinessCase(new AnnualCosts(120_000m, 0m, 0m, 0m), null, null, null);
        var months = FirstQuarter.Select(m => new MonthlyMetrics(erp.Id, new YearMonth(2026, m)) { DowntimeMinutes = 30m }).ToList();
        var portfolio = new Portfolio(new OrganisationSettings("Acme", Now), [], [], [erp], [], [], [], months, []);
        return new TranslationEngine().Calculate(portfolio, Period.Parse("FY2026")).Portfolio;
    }

    [Fact]
    public void Render_PartialCoverageFigure_IsMarkedWithItsMonths()
    {
        var portfolio = FiscalYearWithThreeMonths();

        var cards = Context.Render<FigureCards>(p => p.Add(c => c.Cards, [new FigureCardModel(portfolio.RevenueDisrupted), new FigureCardModel(portfolio.TechnologySpend)]).Add(c => c.Currency, "USD"));

        cards.Find("[data-testid=coverage-revenueDisrupted]").TextContent.Should().Contain("3 of 12 months recorded");
        cards.FindAll("[data-testid=coverage-technologySpend]").Should().BeEmpty("spend rests on no monthly measure");
    }
}
