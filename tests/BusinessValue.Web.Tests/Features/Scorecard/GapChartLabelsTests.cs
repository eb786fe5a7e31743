using BusinessValue.Web.Features.Scorecard;

namespace BusinessValue.Web.Tests.Features.Scorecard;

public sealed class GapChartLabelsTests
{
    // The gap chart's plot area, in its SVG units.
    private static readonly LabelBox Plot = new(48, 12, 656, 390);

    private static GapChartLabels.Bubble At(double technicalHealth, double businessValue, double radius, string name) =>
        new(Plot.Left + (technicalHealth / 100 * Plot.Width), Plot.Bottom - (businessValue / 100 * Plot.Height), radius, name);

    // Like the demo's top-right cluster: eight systems, largest first, all within ten points of each other.
    private static readonly GapChartLabels.Bubble[] Cluster =
    [
        At(88, 86, 28, "ERP"),
        At(92, 90, 22, "CRM"),
        At(85, 93, 18, "E-commerce Storefront"),
        At(94, 84, 15, "Data Warehouse"),
        At(90, 88, 12, "Inventory Management"),
        At(86, 89, 10, "Payroll"),
        At(93, 94, 8, "Warehouse Scanning"),
        At(87, 84, 6, "Secure File Sharing"),
    ];

    [Fact]
    public void Place_EightSystemsWithinTenPoints_LabelsEveryOneWithoutOverlap()
    {
        var placements = new GapChartLabels(Plot).Place(Cluster);

        placements.Should().AllSatisfy(p => p.Should().NotBeNull("there is room around the cluster for eight names"));
        ShouldBeReadable(Cluster, placements);
    }

    [Theory]
    [InlineData(1, 20)]
    [InlineData(2, 40)]
    [InlineData(3, 60)]
    [InlineData(4, 100)]
    public void Place_RandomDenseBubbles_NoLabelOverlapsAnotherOrABubbleOrLeavesThePlot(int seed, int count)
    {
        var random = new Random(seed);
        var bubbles = Enumerable.Range(0, count)
            .Select(i => At(70 + (random.NextDouble() * 30), 60 + (random.NextDouble() * 40), 5 + (random.NextDouble() * 23), $"System {i} {new string('x', random.Next(1, 20))}"))
            .ToArray();

        var placements = new GapChartLabels(Plot).Place(bubbles);

        placements.Count(p => p is not null).Should().BePositive();
        ShouldBeReadable(bubbles, placements);
    }

    [Fact]
    public void Place_BubblesInTheCorners_KeepsEveryLabelInsideThePlot()
    {
        GapChartLabels.Bubble[] corners =
        [
            At(0, 0, 20, "Bottom left system"), At(100, 0, 20, "Bottom right system"),
            At(0, 100, 20, "Top left system"), At(100, 100, 20, "Top right system"),
        ];

        var placements = new GapChartLabels(Plot).Place(corners);

        placements.Should().AllSatisfy(p => p.Should().NotBeNull());
        ShouldBeReadable(corners, placements);
    }

    [Fact]
    public void Place_LoneBubble_PutsItsNameRightOfItWithoutALeader()
    {
        var bubble = At(50, 50, 10, "CRM");

        var placement = new GapChartLabels(Plot).Place([bubble])[0]!;

        placement.Box.Left.Should().BeGreaterThan(bubble.X + bubble.Radius).And.BeLessThan(bubble.X + bubble.Radius + 5);
        placement.Anchor.Should().Be("start");
        placement.Leader.Should().BeNull();
    }

    [Fact]
    public void Place_NoFreePlace_LeavesTheLabelOff()
    {
        // One bubble covers the whole plot: no name fits anywhere, the second bubble's included.
        GapChartLabels.Bubble[] bubbles = [At(50, 50, 400, "Everything"), At(50, 50, 5, "Hidden")];

        var placements = new GapChartLabels(Plot).Place(bubbles);

        placements.Should().OnlyContain(p => p == null);
    }

    [Fact]
    public void Place_ReservedText_KeepsClearOfIt()
    {
        var bubble = At(50, 50, 10, "CRM");
        var right = new GapChartLabels(Plot).Place([bubble])[0]!.Box;

        var placement = new GapChartLabels(Plot).Place([bubble], [right])[0]!;

        placement.Box.Intersects(right).Should().BeFalse();
    }

    [Fact]
    public void Place_LabelSetFurtherOut_JoinsItToItsBubbleWithALeaderFromTheBubblesEdge()
    {
        var placements = new GapChartLabels(Plot).Place(Cluster);

        var (bubble, placement) = Cluster.Zip(placements).First(p => p.Second?.Leader is not null);
        var leader = placement!.Leader!.Value;
        Distance(bubble.X, bubble.Y, leader.X1, leader.Y1).Should().BeApproximately(bubble.Radius, 0.01);
        placement.Box.Nearest(leader.X2, leader.Y2).Should().Be((leader.X2, leader.Y2), "the leader ends on the label's box");
    }

    [Fact]
    public void Place_SameBubblesTwice_SamePlacements()
    {
        var first = new GapChartLabels(Plot).Place(Cluster);
        var second = new GapChartLabels(Plot).Place(Cluster);

        second.Should().Equal(first);
    }

    [Theory]
    [InlineData("Warehouse Scanning", 10.573)]          // the names' widths in DejaVu Sans, in em, from its metrics
    [InlineData("E-commerce Storefront", 11.678)]
    [InlineData("Inventory Management", 11.682)]
    [InlineData("Green dashboard, red business", 15.649)]
    public void EstimateWidth_DemoNames_AtLeastTheirWidthInAWideFont(string text, double em) =>
        GapChartLabels.EstimateWidth(text, 11).Should().BeGreaterThanOrEqualTo(em * 11);

    private static void ShouldBeReadable(GapChartLabels.Bubble[] bubbles, IReadOnlyList<GapChartLabels.Placement?> placements)
    {
        var placed = placements.Select((p, i) => (Placement: p, Index: i)).Where(p => p.Placement is not null).ToList();
        foreach (var (placement, index) in placed)
        {
            Plot.Contains(placement!.Box).Should().BeTrue($"{bubbles[index].Text}'s label stays inside the plot");
            placement.Box.Width.Should().BeGreaterThanOrEqualTo(GapChartLabels.EstimateWidth(bubbles[index].Text, 11));
            foreach (var (other, otherIndex) in placed.Where(p => p.Index != index))
            {
                placement.Box.Intersects(other!.Box).Should().BeFalse($"{bubbles[index].Text} and {bubbles[otherIndex].Text} must not overlap");
                if (other.Leader is { } leader)
                {
                    placement.Text.Crosses(leader).Should().BeFalse($"{bubbles[otherIndex].Text}'s leader must not cross {bubbles[index].Text}");
                    if (placement.Leader is { } own)
                    {
                        own.Crosses(leader).Should().BeFalse($"{bubbles[index].Text}'s and {bubbles[otherIndex].Text}'s leaders must not cross");
                    }
                }
            }

            bubbles.Should().NotContain(b => placement.Box.Intersects(b.X, b.Y, b.Radius), $"{bubbles[index].Text}'s label covers no bubble");
        }
    }

    private static double Distance(double x1, double y1, double x2, double y2) => Math.Sqrt(((x2 - x1) * (x2 - x1)) + ((y2 - y1) * (y2 - y1)));
}
