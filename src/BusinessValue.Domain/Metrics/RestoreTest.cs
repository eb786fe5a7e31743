namespace BusinessValue.Domain.Metrics;

/// <summary>A test restore of a system's backups: the only proof that recovery works. See docs/formulas.md#recovery-readiness.</summary>
public sealed class RestoreTest
{
    private RestoreTest()
    {
    }

    public RestoreTest(Guid id, Guid systemId, DateOnly testedOn, bool passed, decimal? measuredRecoveryHours)
    {
        Id = id;
        SystemId = systemId;
        TestedOn = testedOn;
        Passed = passed;
        MeasuredRecoveryHours = measuredRecoveryHours is { } h ? Amounts.Checked(h, Amounts.MaxRecoveryHours, "Measured recovery hours") : null;
    }

    public Guid Id { get; private set; }

    public Guid SystemId { get; private set; }

    public DateOnly TestedOn { get; private set; }

    public bool Passed { get; private set; }

    /// <summary>RTO_test: hours the restore took; null when not measured.</summary>
    public decimal? MeasuredRecoveryHours { get; private set; }

    public InputSource? Source { get; private set; }

    /// <summary>Corrects what the test found (the inventory's restore-test form).</summary>
    public RestoreTest Change(DateOnly testedOn, bool passed, decimal? measuredRecoveryHours)
    {
        TestedOn = testedOn;
        Passed = passed;
        MeasuredRecoveryHours = measuredRecoveryHours is { } h ? Amounts.Checked(h, Amounts.MaxRecoveryHours, "Measured recovery hours") : null;
        return this;
    }

    public RestoreTest RecordedBy(InputSource source)
    {
        Source = source;
        return this;
    }
}
