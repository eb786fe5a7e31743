using Bunit;
using BusinessValue.Web.Features.Scorecard;

namespace BusinessValue.Web.Tests.Features.Scorecard;

public sealed class TrendsTests : MudComponentTest
{
    [Fact]
    public void Render_QuarterWithoutAScore_LeavesItOutOfTheChartsButKeepsItInTheTable()
    {
        QuarterTrend[] quarters =
        [
            new("2026-Q1", 100_000m, 20_000m, null, 40m),
            new("2026-Q2", 100_000m, 25_000m, 90m, 45m),
            new("2026-Q3", 100_000m, 30_000m, 92m, 50m),
        ];

        var trends = Context.Render<Trends>(p => p.Add(c => c.Quarters, quarters).Add(c => c.Currency, "EUR"));

        trends.Find("[data-testid=trend-partial]").TextContent.Should().Contain("2026-Q2 to 2026-Q3").And.Contain("not drawn as zero");
        trends.Find("[data-testid=trend-scores]").TextContent.Should().NotContain("2026-Q1");
        var rows = trends.FindAll("[data-testid=trends] tbody tr");
        rows.Should().HaveCount(3);
        rows[0].TextContent.Should().Contain("2026-Q1").And.Contain("—");
    }

    [Fact]
    public void Render_EveryQuarterComplete_ChartsThemAllWithoutACaveat()
    {
        QuarterTrend[] quarters = [new("2026-Q2", 100_000m, 25_000m, 90m, 45m), new("2026-Q3", 100_000m, 30_000m, 92m, 50m)];

        var trends = Context.Render<Trends>(p => p.Add(c => c.Quarters, quarters).Add(c => c.Currency, "EUR"));

        trends.FindAll("[data-testid=trend-partial]").Should().BeEmpty();
        trends.Find("[data-testid=trend-money]").TextContent.Should().Contain("2026-Q2").And.Contain("2026-Q3");
    }
}
