using System.Globalization;
using AngleSharp.Dom;
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

    [Fact]
    public void Render_SpendOf87500_MoneyAxisTicksInRoundStepsUpTo100000()
    {
        // Left to itself, MudBlazor doubled its step of 20 until the ticks fitted: 0, 81,920, 163,840.
        QuarterTrend[] quarters = [new("2026-Q2", 80_000m, 25_000m, 90m, 45m), new("2026-Q3", 87_500m, 30_000m, 92m, 50m)];

        var trends = Context.Render<Trends>(p => p.Add(c => c.Quarters, quarters).Add(c => c.Currency, "EUR"));

        TicksOf(trends.Find("[data-testid=trend-money]")).Should().Equal(0, 20_000, 40_000, 60_000, 80_000, 100_000);
        TicksOf(trends.Find("[data-testid=trend-scores]")).Should().Equal(0, 20, 40, 60, 80, 100);
    }

    // The y-axis labels as numbers, whatever the group separator of the culture the tests run in.
    private static IEnumerable<long> TicksOf(IElement chart) =>
        chart.QuerySelectorAll(".mud-charts-yaxis text").Select(t => long.Parse(new string(t.TextContent.Where(char.IsAsciiDigit).ToArray()), CultureInfo.InvariantCulture));
}
