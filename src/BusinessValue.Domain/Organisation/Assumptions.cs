namespace BusinessValue.Domain.Organisation;

/// <summary>
/// Every assumption a business figure rests on, with the defaults of docs/formulas.md#assumptions-and-their-defaults.
/// Editable per organisation; a figure that uses an unchanged default says so.
/// </summary>
public sealed record Assumptions
{
    public static readonly Assumptions Default = new();

    /// <summary>R: default loaded labour rate, money per hour.</summary>
    public decimal LabourRatePerHour { get; init; } = 50m;

    /// <summary>W: working weeks per year.</summary>
    public int WorkingWeeksPerYear { get; init; } = 46;

    /// <summary>f: share of slow-peak revenue that is lost (abandoned transactions).</summary>
    public decimal AbandonmentFactor { get; init; } = 0.10m;

    /// <summary>μ: margin on revenue, to turn lost revenue into lost value.</summary>
    public decimal Margin { get; init; } = 0.30m;

    /// <summary>b for P1–P4: the share of an affected user's work an open ticket blocks.</summary>
    public decimal BlockingFactorP1 { get; init; } = 1.0m;

    public decimal BlockingFactorP2 { get; init; } = 0.5m;

    public decimal BlockingFactorP3 { get; init; } = 0.2m;

    public decimal BlockingFactorP4 { get; init; } = 0.05m;

    /// <summary>Recovery hours assumed when no restore test measured one (pessimistic).</summary>
    public decimal UntestedRecoveryHours { get; init; } = 72m;

    /// <summary>A restore test verifies recovery for this many days.</summary>
    public int VerifiedWindowDays { get; init; } = 90;

    /// <summary>A score at or above this is high, on both axes of the gap chart.</summary>
    public decimal ScoreThreshold { get; init; } = 70m;

    /// <summary>The article's benchmark for wasted technology spend, shown beside the waste ratio.</summary>
    public decimal WasteBenchmark { get; init; } = 0.30m;

    public decimal BlockingFactor(Severity severity) => severity switch
    {
        Severity.P1 => BlockingFactorP1,
        Severity.P2 => BlockingFactorP2,
        Severity.P3 => BlockingFactorP3,
        _ => BlockingFactorP4,
    };

    /// <summary>Checks every value and names the first one out of range.</summary>
    public Assumptions Validated()
    {
        Amounts.Checked(LabourRatePerHour, Amounts.MaxRatePerHour, "Loaded labour rate");
        Guard.InRange(WorkingWeeksPerYear, 1, 52, "Working weeks per year");
        Fraction(AbandonmentFactor, "Abandonment factor");
        Fraction(Margin, "Margin");
        Fraction(BlockingFactorP1, "Blocking factor P1");
        Fraction(BlockingFactorP2, "Blocking factor P2");
        Fraction(BlockingFactorP3, "Blocking factor P3");
        Fraction(BlockingFactorP4, "Blocking factor P4");
        Amounts.Checked(UntestedRecoveryHours, Amounts.MaxRecoveryHours, "Untested recovery hours");
        Guard.InRange(VerifiedWindowDays, 1, 3660, "Verified window (days)");
        if (ScoreThreshold is < 0m or > 100m)
        {
            throw new DomainRuleException("Score threshold", $"must be between 0 and 100 (it is {ScoreThreshold}).");
        }

        Fraction(WasteBenchmark, "Waste benchmark");
        return this;
    }

    private static void Fraction(decimal value, string field) => Share.Of(value, field);
}
