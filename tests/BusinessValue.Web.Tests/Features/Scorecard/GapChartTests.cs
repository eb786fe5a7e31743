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
        var chart = Context.Render<GapChart>(p => p.Add(c => c.Systems, Demo.Systems));

        var bubbles = chart.FindAll("[data-testid=bubble]");
        bubbles.Should().HaveCount(12);
        var erp = bubbles.Single(b => b.GetAttribute("data-system") == "ERP");
        erp.QuerySelector("circle")!.GetAttribute("fill").Should().Be("#C62828", "ERP is green dashboard, red business");
        erp.QuerySelector("title")!.TextContent.Should().Contain("technical health").And.Contain("business value");
    }

    [Fact]
    public void Click_Bubble_AsksToOpenThatSystem()
    {
        Guid? opened = null;
        var chart = Context.Render<GapChart>(p => p.Add(c => c.Systems, Demo.Systems).Add(c => c.OnSelect, (Guid id) => opened = id));

        chart.Find("[data-testid=bubble][data-system='CRM']").Click();

        opened.Should().Be(Demo.Systems.Single(s => s.Name == "CRM").SystemId);
    }

    [Fact]
    public void Toggle_Table_ListsEverySystemWithItsScoresAndDecision()
    {
        var chart = Context.Render<GapChart>(p => p.Add(c => c.Systems, Demo.Systems));

        chart.Find("input[type=checkbox]").Change(true);

        var rows = chart.FindAll("[data-testid=gap-table] tbody tr");
        rows.Should().HaveCount(12);
        rows.Single(r => r.TextContent.Contains("Legacy Quoting Tool", StringComparison.Ordinal)).TextContent.Should().Contain("Rethink").And.Contain("Eliminate");
    }
}
