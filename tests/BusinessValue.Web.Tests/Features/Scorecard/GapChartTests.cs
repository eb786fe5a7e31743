using Bunit;
using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.DemoData;
using BusinessValue.Web.Features.Scorecard;

namespace BusinessValue.Web.Tests.Features.Scorecard;

public sealed class GapChartTests : MudComponentTest
{
    private static readonly Domain.Engine.Scorecard Demo = new TranslationEngine().Calculate(DemoPortfolio.Load(DateTime.UtcNow), Period.Parse("2026-Q3"));

    [Fact]
    public void Render_Demo_DrawsOneBubblePerSystemColouredByQuadrant()
    {
        var chart = Context.Render<GapChart>(p => p.Add(c => c.Systems, Demo.Systems).Add(c => c.Period, "2026-Q3"));

        var bubbles = chart.FindAll("[data-testid=bubble]");
        bubbles.Should().HaveCount(12);
        var erp = bubbles.Single(b => b.GetAttribute("data-system") == "ERP");
        erp.QuerySelector("circle")!.GetAttribute("fill").Should().Be("#C62828", "ERP is green dashboard, red business");
        erp.QuerySelector("title")!.TextContent.Should().Contain("technical health").And.Contain("business value");
    }

    [Fact]
    public void Render_Bubble_LinksToThatSystem()
    {
        var chart = Context.Render<GapChart>(p => p.Add(c => c.Systems, Demo.Systems).Add(c => c.Period, "2026-Q3"));

        var crm = chart.Find("[data-testid=bubble][data-system='CRM']");

        crm.TagName.Should().BeEquivalentTo("a", "a link opens by mouse and keyboard alike");
        crm.GetAttribute("href").Should().Be($"/systems/{Demo.Systems.Single(s => s.Name == "CRM").SystemId}?period=2026-Q3");
    }

    [Fact]
    public void Render_MoreSystemsThanBubbles_DrawsTheLargestAndSaysSo()
    {
        var chart = Context.Render<GapChart>(p => p.Add(c => c.Systems, Demo.Systems).Add(c => c.MaxBubbles, 5).Add(c => c.Period, "2026-Q3"));

        var drawn = chart.FindAll("[data-testid=bubble]").Select(b => b.GetAttribute("data-system")).ToList();

        var largest = Demo.Systems.Where(s => s.TechnicalHealth.Value is not null && s.BusinessValue.Value is not null)
            .OrderByDescending(s => s.PeriodCost.Value).Take(5).Select(s => s.Name);
        drawn.Should().BeEquivalentTo(largest);
        chart.Find("[data-testid=gap-chart-bounded]").TextContent.Should().Contain("5 largest of 12");
    }

    [Fact]
    public void Toggle_Table_ListsEverySystemWithItsScoresAndDecision()
    {
        var chart = Context.Render<GapChart>(p => p.Add(c => c.Systems, Demo.Systems).Add(c => c.Period, "2026-Q3"));

        chart.Find("input[type=checkbox]").Change(true);

        var rows = chart.FindAll("[data-testid=gap-table] tbody tr");
        rows.Should().HaveCount(12);
        rows.Single(r => r.TextContent.Contains("Legacy Quoting Tool", StringComparison.Ordinal)).TextContent.Should().Contain("Rethink").And.Contain("Eliminate");
    }
}
