using BusinessValue.Domain.Organisation;
using BusinessValue.Domain.Periods;

namespace BusinessValue.Domain.Metrics;

/// <summary>
/// One system's technical metrics for one calendar month, as IT reports them. Every value is optional:
/// a missing value is missing, never zero (docs/formulas.md#missing-values).
/// </summary>
public sealed class MonthlyMetrics
{
    private MonthlyMetrics()
    {
        P1 = P2 = P3 = P4 = TicketStats.None;
    }

    public MonthlyMetrics(Guid systemId, YearMonth month)
    {
        SystemId = systemId;
        Month = month;
        P1 = P2 = P3 = P4 = TicketStats.None;
    }

    public Guid SystemId { get; private set; }

    public YearMonth Month { get; private set; }

    public decimal? UptimePercent { get; init; }

    /// <summary>D: unplanned downtime minutes inside operating hours.</summary>
    public decimal? DowntimeMinutes { get; init; }

    public decimal? SlaUptimeTargetPercent { get; init; }

    /// <summary>G: peak-hour minutes with p95 response above target.</summary>
    public decimal? PeakDegradedMinutes { get; init; }

    public TicketStats P1 { get; init; }

    public TicketStats P2 { get; init; }

    public TicketStats P3 { get; init; }

    public TicketStats P4 { get; init; }

    public decimal? TicketSlaAttainmentPercent { get; init; }

    public decimal? PatchCompliancePercent { get; init; }

    public int? SecurityIncidents { get; init; }

    /// <summary>S: hours of business work blocked by security policy.</summary>
    public decimal? BlockedWorkHours { get; init; }

    public decimal? BackupSuccessPercent { get; init; }

    /// <summary>A: active users in the month.</summary>
    public int? ActiveUsers { get; init; }

    /// <summary>User satisfaction, 1 to 5.</summary>
    public decimal? Satisfaction { get; init; }

    public InputSource? Source { get; private set; }

    public TicketStats Tickets(Severity severity) => severity switch
    {
        Severity.P1 => P1,
        Severity.P2 => P2,
        Severity.P3 => P3,
        _ => P4,
    };

    public MonthlyMetrics RecordedBy(InputSource source)
    {
        Source = source;
        return this;
    }

    /// <summary>Checks every value against its range and names the first field that is out of it.</summary>
    public MonthlyMetrics Validated()
    {
        Percentage.OfOptional(UptimePercent, "Uptime %");
        Percentage.OfOptional(SlaUptimeTargetPercent, "SLA uptime target %");
        Percentage.OfOptional(TicketSlaAttainmentPercent, "Ticket SLA attainment %");
        Percentage.OfOptional(PatchCompliancePercent, "Patch compliance %");
        Percentage.OfOptional(BackupSuccessPercent, "Backup success %");
        NotNegative(DowntimeMinutes, "Downtime minutes");
        NotNegative(PeakDegradedMinutes, "Peak degraded minutes");
        NotNegative(BlockedWorkHours, "Hours blocked by security policy");
        if (DowntimeMinutes > Month.LastDay.Day * 24 * 60)
        {
            throw new DomainRuleException("Downtime minutes", $"cannot exceed the minutes in {Month} (it is {DowntimeMinutes}).");
        }

        if (SecurityIncidents < 0)
        {
            throw new DomainRuleException("Security incidents", $"must be zero or more (it is {SecurityIncidents}).");
        }

        if (ActiveUsers < 0)
        {
            throw new DomainRuleException("Active users", $"must be zero or more (it is {ActiveUsers}).");
        }

        if (Satisfaction is { } s && (s < 1m || s > 5m))
        {
            throw new DomainRuleException("User satisfaction", $"must be between 1 and 5 (it is {s}).");
        }

        // TicketStats validate themselves when constructed.
        return this;
    }

    private static void NotNegative(decimal? value, string field)
    {
        if (value is { } v)
        {
            Guard.NotNegative(v, field);
        }
    }
}
