using BusinessValue.Domain.Organisation;

namespace BusinessValue.Web.Features.Settings;

/// <summary>The assumptions as the settings page edits them; <see cref="ToAssumptions"/> leaves the checks to the domain.</summary>
public sealed class AssumptionsForm
{
    public decimal LabourRatePerHour { get; set; }

    public int WorkingWeeksPerYear { get; set; }

    public decimal AbandonmentFactor { get; set; }

    public decimal Margin { get; set; }

    public decimal BlockingFactorP1 { get; set; }

    public decimal BlockingFactorP2 { get; set; }

    public decimal BlockingFactorP3 { get; set; }

    public decimal BlockingFactorP4 { get; set; }

    public decimal UntestedRecoveryHours { get; set; }

    public int VerifiedWindowDays { get; set; }

    public decimal ScoreThreshold { get; set; }

    public decimal WasteBenchmark { get; set; }

    public static AssumptionsForm From(Assumptions assumptions)
    {
        ArgumentNullException.ThrowIfNull(assumptions);
        return new AssumptionsForm
        {
            LabourRatePerHour = assumptions.LabourRatePerHour,
            WorkingWeeksPerYear = assumptions.WorkingWeeksPerYear,
            AbandonmentFactor = assumptions.AbandonmentFactor,
            Margin = assumptions.Margin,
            BlockingFactorP1 = assumptions.BlockingFactorP1,
            BlockingFactorP2 = assumptions.BlockingFactorP2,
            BlockingFactorP3 = assumptions.BlockingFactorP3,
            BlockingFactorP4 = assumptions.BlockingFactorP4,
            UntestedRecoveryHours = assumptions.UntestedRecoveryHours,
            VerifiedWindowDays = assumptions.VerifiedWindowDays,
            ScoreThreshold = assumptions.ScoreThreshold,
            WasteBenchmark = assumptions.WasteBenchmark,
        };
    }

    public Assumptions ToAssumptions() => new()
    {
        LabourRatePerHour = LabourRatePerHour,
        WorkingWeeksPerYear = WorkingWeeksPerYear,
        AbandonmentFactor = AbandonmentFactor,
        Margin = Margin,
        BlockingFactorP1 = BlockingFactorP1,
        BlockingFactorP2 = BlockingFactorP2,
        BlockingFactorP3 = BlockingFactorP3,
        BlockingFactorP4 = BlockingFactorP4,
        UntestedRecoveryHours = UntestedRecoveryHours,
        VerifiedWindowDays = VerifiedWindowDays,
        ScoreThreshold = ScoreThreshold,
        WasteBenchmark = WasteBenchmark,
    };
}
