using BusinessValue.Domain.Periods;

namespace BusinessValue.Domain.Metrics;

/// <summary>
/// Every monthly technical measure, described once. Adding a measure here (and its column, through one migration
/// per provider) is all it takes for it to be validated, stored, read and written in portfolio documents and the
/// API, summarised over periods and, when it has a <see cref="Measure.TechnicalHealthScore"/>, counted in
/// technical health. Ticket statistics per severity are a structured measure of their own (<see cref="TicketStats"/>).
/// </summary>
/// <remarks>
/// The maxima are realistic upper bounds that keep every figure inside what the databases store
/// (numeric(20,6): below 10^14): docs/formulas.md#monthly-measures-and-their-ranges.
/// </remarks>
public static class Measures
{
    public const decimal MaxHours = 1_000_000m;
    public const decimal MaxCount = 1_000_000m;
    public const decimal MaxUsers = 10_000_000m;

    /// <summary>The first month metrics may be written for.</summary>
    public static readonly YearMonth EarliestMonth = Period.EarliestMonth;

    /// <summary>How far ahead of the current month a report may be (a tool in an earlier time zone, a plan for next month).</summary>
    public const int MonthsAhead = 1;

    private static readonly List<Measure> List = [];

    /// <summary>The last month metrics may be written for at <paramref name="nowUtc"/>.</summary>
    public static YearMonth LatestMonth(DateTime nowUtc) => YearMonth.Of(DateOnly.FromDateTime(nowUtc)).AddMonths(MonthsAhead);

    /// <summary>
    /// Refuses a month before <see cref="EarliestMonth"/> or, when the time is given, more than <see cref="MonthsAhead"/>
    /// month ahead of it (docs/formulas.md#bounds-of-every-value).
    /// </summary>
    /// <exception cref="DomainRuleException">The month is outside that window.</exception>
    public static void CheckMonth(YearMonth month, DateTime? nowUtc)
    {
        if (month < EarliestMonth || (nowUtc is { } now && month > LatestMonth(now)))
        {
            var latest = nowUtc is { } n ? $" and {LatestMonth(n)}" : " or later";
            throw new DomainRuleException("Month", $"must be between {EarliestMonth}{latest} (it is {month}).");
        }
    }

    public static readonly Measure Uptime = Add("uptimePercent", "Uptime %", "uptime", MeasureUnit.Percent, MeasureAggregation.Mean, 100m, phrase: "uptime");

    public static readonly Measure Downtime = Add("downtimeMinutes", "Unplanned downtime in operating hours (minutes)", "D", MeasureUnit.Minutes, MeasureAggregation.Sum, 44_640m, phrase: "downtime");

    public static readonly Measure SlaUptimeTarget = Add("slaUptimeTargetPercent", "SLA uptime target %", "SLA", MeasureUnit.Percent, MeasureAggregation.Mean, 100m, phrase: "uptime SLA target");

    public static readonly Measure PeakDegraded = Add("peakDegradedMinutes", "Peak-hour minutes above the response-time target", "G", MeasureUnit.Minutes, MeasureAggregation.Sum, 44_640m, phrase: "slow peak minutes");

    public static readonly Measure TicketSlaAttainment = Add("ticketSlaAttainmentPercent", "Ticket SLA attainment %", "ticket SLA %", MeasureUnit.Percent, MeasureAggregation.Mean, 100m, technicalHealthScore: v => v, phrase: "tickets resolved within SLA");

    public static readonly Measure PatchCompliance = Add("patchCompliancePercent", "Patch compliance %", "patch%", MeasureUnit.Percent, MeasureAggregation.Mean, 100m, technicalHealthScore: v => v, healthTerm: "patch %", phrase: "patch compliance");

    public static readonly Measure SecurityIncidents = Add("securityIncidents", "Security incidents", "incidents", MeasureUnit.Count, MeasureAggregation.Sum, MaxCount, wholeNumber: true);

    public static readonly Measure BlockedWork = Add("blockedWorkHours", "Hours of work blocked by security policy", "S", MeasureUnit.Hours, MeasureAggregation.Sum, MaxHours, phrase: "hours blocked by security policy");

    public static readonly Measure BackupSuccess = Add("backupSuccessPercent", "Backup success %", "backup %", MeasureUnit.Percent, MeasureAggregation.Mean, 100m, technicalHealthScore: v => v, phrase: "backup success");

    public static readonly Measure ActiveUsers = Add("activeUsers", "Active users", "A", MeasureUnit.Users, MeasureAggregation.Mean, MaxUsers, wholeNumber: true);

    public static readonly Measure Satisfaction = Add("satisfaction", "User satisfaction", "satisfaction", MeasureUnit.Rating, MeasureAggregation.Mean, 5m, minimum: 1m);

    /// <summary>Every measure, in the order documents write them.</summary>
    public static IReadOnlyList<Measure> All => List;

    /// <summary>The measure after which a document writes the tickets per severity (p1 to p4).</summary>
    public static Measure TicketsFollow => PeakDegraded;

    public static Measure? Find(string key) => List.Find(m => string.Equals(m.Key, key, StringComparison.Ordinal));

    private static Measure Add(
        string key,
        string name,
        string symbol,
        MeasureUnit unit,
        MeasureAggregation overMonths,
        decimal maximum,
        bool wholeNumber = false,
        decimal minimum = 0m,
        Func<decimal, decimal>? technicalHealthScore = null,
        string? healthTerm = null,
        string? phrase = null)
    {
        // Data coverage keeps one bit per measure and one for tickets in a 32-bit mask.
        if (List.Count >= 31)
        {
            throw new InvalidOperationException("At most 31 monthly measures: widen the coverage masks (MetricSummary) first.");
        }

        var measure = new Measure(List.Count, key, name, symbol, unit, overMonths, maximum, wholeNumber, minimum, technicalHealthScore, healthTerm, phrase);
        List.Add(measure);
        return measure;
    }
}
