using BusinessValue.Domain.Metrics;
using BusinessValue.Domain.Periods;

namespace BusinessValue.Domain.Tests.Metrics;

/// <summary>The one description of the monthly measures: names, ranges and the checks every writer shares.</summary>
public sealed class MeasuresTests
{
    private static readonly YearMonth February = new(2026, 2);

    [Fact]
    public void All_Measures_HaveUniqueKeysColumnsAndOrdinalsInOrder()
    {
        Measures.All.Select(m => m.Key).Should().OnlyHaveUniqueItems();
        Measures.All.Select(m => m.Column).Should().OnlyHaveUniqueItems();
        Measures.All.Select(m => m.Ordinal).Should().Equal(Enumerable.Range(0, Measures.All.Count));
        Measures.All.Should().OnlyContain(m => m.Name.Length > 0 && m.Maximum > m.Minimum && Measures.Find(m.Key) == m);
    }

    [Fact]
    public void Checked_MinutesBeyondTheMonth_AreRefusedNamingTheMonth()
    {
        // February 2026 has 28 × 24 × 60 = 40,320 minutes.
        Measures.Downtime.Checked(40_320m, February).Should().Be(40_320m);

        var refused = () => Measures.Downtime.Checked(40_321m, February);

        refused.Should().Throw<DomainRuleException>().Which.Message.Should().Contain(Measures.Downtime.Name).And.Contain("40320, the minutes in 2026-02");
    }

    [Fact]
    public void Checked_HugeValue_IsRefusedBeforeAnyFigureCouldOverflow()
    {
        var refused = () => Measures.PeakDegraded.Checked(79228162514264337593543950335m, February);
        var hours = () => Measures.BlockedWork.Checked(Measures.MaxHours + 1m, February);

        refused.Should().Throw<DomainRuleException>();
        hours.Should().Throw<DomainRuleException>().Which.Field.Should().Be("Hours of work blocked by security policy");
    }

    [Fact]
    public void Checked_PercentOutOfRange_SaysItMustBeAPercentage()
    {
        var refused = () => Measures.Uptime.Checked(101m, February);

        refused.Should().Throw<DomainRuleException>().WithMessage("Uptime %: must be a percentage between 0 and 100 (it is 101).");
    }

    [Fact]
    public void Checked_FractionOfAUser_IsRefused()
    {
        var refused = () => Measures.ActiveUsers.Checked(10.5m, February);

        refused.Should().Throw<DomainRuleException>().WithMessage("*whole number*");
    }

    [Fact]
    public void Validated_MonthWithEveryMeasureAtItsMaximum_IsAccepted()
    {
        var month = new MonthlyMetrics(Guid.NewGuid(), February, m => m.MaximumIn(February));

        month.Validated().ValueOf(Measures.Downtime).Should().Be(40_320m);
    }

    [Fact]
    public void Validated_TicketCountAboveItsMaximum_IsRefusedNamingTheField()
    {
        var month = new MonthlyMetrics(Guid.NewGuid(), February) { P2 = new TicketStats(int.MaxValue, 1m, 1m) };

        var refused = () => month.Validated();

        refused.Should().Throw<DomainRuleException>().Which.Field.Should().Be("Ticket count");
    }

    [Fact]
    public void TicketStats_StoredAboveTheBoundsBeforeTheyExisted_StillLoad()
    {
        // The constructor also loads stored rows: only what can never be (negative values) is refused there.
        var stored = () => new TicketStats(2_000_000, 5_000_000m, 1m);

        stored.Should().NotThrow();
    }
}
