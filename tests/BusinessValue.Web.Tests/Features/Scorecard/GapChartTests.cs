using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Bunit;
using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.DemoData;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Web.Features.Scorecard;

namespace BusinessValue.Web.Tests.Features.Scorecard;

public sealed class GapChartTests : MudComponentTest
{
    private static readonly Domain.Engine.Scorecard Demo = new TranslationEngine().Calculate(DemoPortfolio.Load(DateTime.UtcNow), Period.Parse("2026-Q3"));

    private static readonly Domain.Engine.Scorecard Crowded = new TranslationEngine().Calculate(DemoWithCopies(3), Period.Parse("2026-Q3"));

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

    [Fact]
    public void Render_Demo_NamesEverySystemWithNoTwoNamesOverlapping()
    {
        var chart = Context.Render<GapChart>(p => p.Add(c => c.Systems, Demo.Systems).Add(c => c.Period, "2026-Q3"));

        var labels = chart.FindAll("[data-testid=bubble-label]");

        labels.Select(l => l.TextContent).Should().BeEquivalentTo(Demo.Systems.Select(s => s.Name));
        var boxes = labels.Select(BoxOf).ToList();
        for (var i = 0; i < boxes.Count; i++)
        {
            for (var j = i + 1; j < boxes.Count; j++)
            {
                boxes[i].Intersects(boxes[j]).Should().BeFalse($"{labels[i].TextContent} and {labels[j].TextContent} must not overlap");
            }
        }

        chart.FindAll("[data-testid=gap-chart-unlabelled]").Should().BeEmpty();
    }

    [Fact]
    public void Render_CrowdedCluster_NamesEverySystemOnTheChartOrInTheCaption()
    {
        var chart = Context.Render<GapChart>(p => p.Add(c => c.Systems, Crowded.Systems).Add(c => c.Period, "2026-Q3"));

        var labelled = chart.FindAll("[data-testid=bubble-label]").Select(l => l.TextContent).ToList();
        var caption = chart.Find("[data-testid=gap-chart-unlabelled]").TextContent;

        // "Too crowded to name on the chart: A, B and 3 more. Point at a bubble …"
        var match = Regex.Match(caption, @": (?<names>.+?)(?: and (?<more>\d+) more)?\. Point at a bubble");
        match.Success.Should().BeTrue(caption);
        var listed = match.Groups["names"].Value.Split(", ");
        var more = match.Groups["more"].Success ? int.Parse(match.Groups["more"].Value, CultureInfo.InvariantCulture) : 0;
        labelled.Should().NotIntersectWith(listed);
        labelled.Concat(listed).Should().OnlyHaveUniqueItems().And.BeSubsetOf(Crowded.Systems.Select(s => s.Name));
        (labelled.Count + listed.Length + more).Should().Be(Crowded.Systems.Count, "every system is named on the chart or said to be left off");
    }

    // The label's box as the chart placed it, rebuilt from its text's anchor and the same width estimate.
    private static LabelBox BoxOf(IElement label)
    {
        double At(string attribute) => double.Parse(label.GetAttribute(attribute)!, CultureInfo.InvariantCulture);
        var width = GapChartLabels.EstimateWidth(label.TextContent, 11);
        var left = label.GetAttribute("text-anchor") switch
        {
            "end" => At("x") - width,
            "middle" => At("x") - (width / 2),
            _ => At("x"),
        };
        return new LabelBox(left, At("y") - 11, width, 14);
    }

    // The demo with copies of each system and its metrics ("CRM 2", "CRM 3" …): copies score much as their
    // originals do, so the top-right cluster grows ever denser.
    private static Portfolio DemoWithCopies(int copies)
    {
        var document = JsonNode.Parse(DemoPortfolio.Json())!.AsObject();
        var systems = document["systems"]!.AsArray();
        var metrics = document["metrics"]!.AsArray();
        var (originalSystems, originalMetrics) = (systems.ToList(), metrics.ToList());
        foreach (var copy in Enumerable.Range(1, copies))
        {
            string Id(JsonNode? id) => id!.GetValue<string>()[..^4] + copy.ToString(CultureInfo.InvariantCulture) + id.GetValue<string>()[^3..];
            foreach (var system in originalSystems)
            {
                var clone = system!.DeepClone();
                clone["id"] = Id(system["id"]);
                clone["name"] = system["name"]!.GetValue<string>() + " " + (copy + 1).ToString(CultureInfo.InvariantCulture);
                systems.Add(clone);
            }

            foreach (var metric in originalMetrics)
            {
                var clone = metric!.DeepClone();
                clone["systemId"] = Id(metric["systemId"]);
                metrics.Add(clone);
            }
        }

        var result = PortfolioDocumentReader.Read(document.ToJsonString(), DateTime.UtcNow);
        result.Problems.Should().BeEmpty();
        return result.Portfolio!;
    }
}
