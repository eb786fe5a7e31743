using BusinessValue.Web.Features.Scorecard;

namespace BusinessValue.Web.Tests.Features.Scorecard;

public sealed class LabelBoxTests
{
    private static readonly LabelBox Box = new(10, 10, 20, 10);   // x 10–30, y 10–20

    [Theory]
    [InlineData(25, 15, 20, 10, true)]     // overlaps the right half
    [InlineData(30, 10, 5, 5, false)]      // touches the right edge only
    [InlineData(0, 0, 5, 5, false)]
    public void Intersects_AnotherBox_OnlyWhenTheyShareArea(double left, double top, double width, double height, bool expected) =>
        Box.Intersects(new LabelBox(left, top, width, height)).Should().Be(expected);

    [Theory]
    [InlineData(35, 15, 6, true)]          // 5 from the right edge, radius 6
    [InlineData(35, 15, 5, false)]         // just touching
    [InlineData(33, 23, 4, false)]         // near the corner: 3² + 3² > 4²
    public void Intersects_ACircle_ByItsNearestPoint(double x, double y, double radius, bool expected) =>
        Box.Intersects(x, y, radius).Should().Be(expected);

    [Theory]
    [InlineData(0, 15, 40, 15, true)]      // straight through
    [InlineData(0, 0, 15, 15, true)]       // ends inside
    [InlineData(0, 15, 10, 15, false)]     // ends on the left edge
    [InlineData(0, 5, 40, 5, false)]       // passes above
    [InlineData(5, 5, 35, 25, true)]       // diagonal through
    public void Crosses_ALine_OnlyWhenItRunsThroughTheInside(double x1, double y1, double x2, double y2, bool expected) =>
        Box.Crosses(new GapChartLabels.Leader(x1, y1, x2, y2)).Should().Be(expected);

    [Fact]
    public void Contains_ABoxReachingOutside_IsFalse() =>
        Box.Contains(new LabelBox(25, 12, 6, 2)).Should().BeFalse();
}
