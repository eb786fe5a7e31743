using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Metrics;

namespace BusinessValue.Domain.Tests.Engine;

/// <summary>Every figure says how many of the period's months record what it rests on.</summary>
public sealed class DataCoverageTests
{
    /// <summary>A fiscal year with metrics for three of its twelve months.</summary>
    private static Scorecard FiscalYearWithThreeMonths()
    {
        var builder = new PortfolioBuilder();
        var erp = builder.System("ERP", annualCost: 120_000m, intendedUsers: 100, benefit: 100_000m);
        builder.System("Wiki", annualCost: 12_000m);
        foreach (var month in new[] { "2026-01", "2026-02", "2026-03" })
        {
            builder.Metrics(erp, month, m => new MonthlyMetrics(m.SystemId, m.Month) { DowntimeMinutes = 10m, ActiveUsers = 80 });
        }

        return builder.Calculate("FY2026");
    }

    [Fact]
    public void Coverage_ThreeMonthsOfAFiscalYear_IsPartialAndSaysSo()
    {
        var erp = FiscalYearWithThreeMonths().Systems.Single(s => s.Name == "ERP");

        erp.RevenueDisrupted.Coverage.Should().Be(new DataCoverage(3, 12));
        erp.RevenueDisrupted.Coverage.IsPartial.Should().BeTrue();
        erp.RevenueDisrupted.Coverage.Describe().Should().Be("3 of 12 months recorded");
        erp.RevenueDisrupted.Why.Coverage.Describe().Should().Be("3 of 12 months recorded");
    }

    [Fact]
    public void Coverage_FigureOnNoMonthlyMeasure_DoesNotApply()
    {
        var scorecard = FiscalYearWithThreeMonths();

        scorecard.Systems[0].PeriodCost.Coverage.Applies.Should().BeFalse();
        scorecard.Portfolio.TechnologySpend.Coverage.IsPartial.Should().BeFalse();
        scorecard.Portfolio.TechnologySpend.Value.Should().Be(132_000m, "costs are pro rata for all twelve months");
    }

    [Fact]
    public void Coverage_Portfolio_CountsTheBestRecordedSystemsMonthsAndTheSystemsWithGaps()
    {
        var portfolio = FiscalYearWithThreeMonths().Portfolio;

        portfolio.RevenueDisrupted.Coverage.Should().Be(new DataCoverage(3, 12, SystemsWithGaps: 2, Systems: 2));
        portfolio.RevenueDisrupted.Coverage.Describe().Should().Be("3 of 12 months recorded; 2 of 2 systems have gaps");
        portfolio.RevenueDisrupted.Why.Coverage.IsPartial.Should().BeTrue();
    }

    [Fact]
    public void Coverage_EveryMonthRecorded_IsComplete()
    {
        var builder = new PortfolioBuilder();
        var erp = builder.System("ERP");
        foreach (var month in new[] { "2026-07", "2026-08", "2026-09" })
        {
            builder.Metrics(erp, month, m => new MonthlyMetrics(m.SystemId, m.Month) { DowntimeMinutes = 0m });
        }

        var figure = builder.Calculate("2026-Q3").Portfolio.RevenueDisrupted;

        figure.Coverage.Should().Be(new DataCoverage(3, 3, 0, 1));
        figure.Coverage.IsPartial.Should().BeFalse();
    }

    [Fact]
    public void Coverage_ScoreWithSomePartsEveryMonth_IsCompleteBecauseAScoreAveragesWhatIsRecorded()
    {
        var builder = new PortfolioBuilder();
        var erp = builder.System("ERP");
        foreach (var month in new[] { "2026-07", "2026-08", "2026-09" })
        {
            builder.Metrics(erp, month, m => new MonthlyMetrics(m.SystemId, m.Month) { PatchCompliancePercent = 90m });
        }

        builder.Metrics(erp, "2026-06", m => new MonthlyMetrics(m.SystemId, m.Month) { SecurityIncidents = 1 });
        var health = builder.Calculate("2026-Q3").Systems.Single().TechnicalHealth;

        health.Coverage.Should().Be(new DataCoverage(3, 3));
        builder.Calculate("2026-Q2").Systems.Single().TechnicalHealth.Coverage.Should().Be(new DataCoverage(0, 3), "June records no part of technical health");
    }
}
