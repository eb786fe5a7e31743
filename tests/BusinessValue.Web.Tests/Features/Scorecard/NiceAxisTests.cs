using BusinessValue.Web.Features.Scorecard;

namespace BusinessValue.Web.Tests.Features.Scorecard;

public sealed class NiceAxisTests
{
    [Fact]
    public void UpTo_87500_TicksOf20000UpTo100000()
    {
        // 87,500 / 10,000 needs 9 steps, more than 5; 87,500 / 20,000 needs 5 (4.4 rounded up)
        var axis = NiceAxis.UpTo(87_500);

        axis.Step.Should().Be(20_000);
        axis.Ticks.Should().Equal(0, 20_000, 40_000, 60_000, 80_000, 100_000);
    }

    [Theory]
    [InlineData(100, 20, 100)]
    [InlineData(7, 2, 8)]                  // 2.5 is no whole number, so 2
    [InlineData(3, 1, 3)]
    [InlineData(230, 50, 250)]
    [InlineData(1_100, 250, 1_250)]
    [InlineData(40_960, 10_000, 50_000)]
    [InlineData(81_920, 20_000, 100_000)]
    [InlineData(2_345_678, 500_000, 2_500_000)]
    public void UpTo_Max_SmallestRoundStepInFiveOrFewer(double max, double step, double top)
    {
        var axis = NiceAxis.UpTo(max);

        axis.Should().Be(new NiceAxis(0, top, step));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(13)]
    [InlineData(999)]
    [InlineData(40_960)]
    [InlineData(87_500)]
    [InlineData(123_456_789)]
    public void UpTo_AnyMax_StepIsOneTwoTwoAndAHalfOrFiveTimesAPowerOfTen(double max)
    {
        var axis = NiceAxis.UpTo(max);

        var mantissa = axis.Step / Math.Pow(10, Math.Floor(Math.Log10(axis.Step)));
        mantissa.Should().BeOneOf(1, 2, 2.5, 5);
        axis.Max.Should().BeGreaterThanOrEqualTo(max);
        axis.Intervals.Should().BeInRange(1, 5);
        axis.Ticks.Should().OnlyContain(t => t % axis.Step == 0, "every tick is a multiple of the step");
    }

    [Fact]
    public void UpTo_Zero_StillOneStepHigh() =>
        NiceAxis.UpTo(0).Should().Be(new NiceAxis(0, 1, 1));

    [Fact]
    public void For_NegativeValues_SpansThemAndZero()
    {
        var axis = NiceAxis.For(-30_000, 50_000);

        axis.Should().Be(new NiceAxis(-40_000, 60_000, 20_000));
        axis.Ticks.Should().Contain(0);
    }

    [Fact]
    public void UpTo_NotANumber_Throws() =>
        FluentActions.Invoking(() => NiceAxis.UpTo(double.NaN)).Should().Throw<ArgumentOutOfRangeException>();
}
