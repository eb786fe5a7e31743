using BusinessValue.Domain.Organisation;
using BusinessValue.Domain.Periods;

namespace BusinessValue.Domain.Metrics;

/// <summary>
/// One system's technical metrics for one calendar month, as IT reports them. Every value is optional:
/// a missing value is missing, never zero (docs/formulas.md#missing-values).
/// </summary>
public sealed class MonthlyMetrics
{
    // One slot per measure of Measures.All: adding a measure adds a slot, not a property.
    private readonly decimal?[] _values = new decimal?[Measures.All.Count];

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

    /// <summary>A month whose measures are given by <paramref name="valueOf"/> (from a document, an import or a form).</summary>
    public MonthlyMetrics(Guid systemId, YearMonth month, Func<Measure, decimal?> valueOf)
        : this(systemId, month)
    {
        ArgumentNullException.ThrowIfNull(valueOf);
        // By index, not foreach: an import builds 100,000 months, and foreach over the list's interface allocates.
        var measures = Measures.All;
        for (var i = 0; i < measures.Count; i++)
        {
            _values[i] = valueOf(measures[i]);
        }
    }

    public Guid SystemId { get; private set; }

    public YearMonth Month { get; private set; }

    public decimal? UptimePercent { get => _values[Measures.Uptime.Ordinal]; init => _values[Measures.Uptime.Ordinal] = value; }

    /// <summary>D: unplanned downtime minutes inside operating hours.</summary>
    public decimal? DowntimeMinutes { get => _values[Measures.Downtime.Ordinal]; init => _values[Measures.Downtime.Ordinal] = value; }

    public decimal? SlaUptimeTargetPercent { get => _values[Measures.SlaUptimeTarget.Ordinal]; init => _values[Measures.SlaUptimeTarget.Ordinal] = value; }

    /// <summary>G: peak-hour minutes with p95 response above target.</summary>
    public decimal? PeakDegradedMinutes { get => _values[Measures.PeakDegraded.Ordinal]; init => _values[Measures.PeakDegraded.Ordinal] = value; }

    public TicketStats P1 { get; init; }

    public TicketStats P2 { get; init; }

    public TicketStats P3 { get; init; }

    public TicketStats P4 { get; init; }

    public decimal? TicketSlaAttainmentPercent { get => _values[Measures.TicketSlaAttainment.Ordinal]; init => _values[Measures.TicketSlaAttainment.Ordinal] = value; }

    public decimal? PatchCompliancePercent { get => _values[Measures.PatchCompliance.Ordinal]; init => _values[Measures.PatchCompliance.Ordinal] = value; }

    public int? SecurityIncidents { get => Whole(Measures.SecurityIncidents); init => _values[Measures.SecurityIncidents.Ordinal] = value; }

    /// <summary>S: hours of business work blocked by security policy.</summary>
    public decimal? BlockedWorkHours { get => _values[Measures.BlockedWork.Ordinal]; init => _values[Measures.BlockedWork.Ordinal] = value; }

    public decimal? BackupSuccessPercent { get => _values[Measures.BackupSuccess.Ordinal]; init => _values[Measures.BackupSuccess.Ordinal] = value; }

    /// <summary>A: active users in the month.</summary>
    public int? ActiveUsers { get => Whole(Measures.ActiveUsers); init => _values[Measures.ActiveUsers.Ordinal] = value; }

    /// <summary>User satisfaction, 1 to 5.</summary>
    public decimal? Satisfaction { get => _values[Measures.Satisfaction.Ordinal]; init => _values[Measures.Satisfaction.Ordinal] = value; }

    /// <summary>The month's value of <paramref name="measure"/>; null when not recorded (never zero).</summary>
    /// <remarks>A method, not an indexer: the database mapping uses the entity's one indexer, by key.</remarks>
    public decimal? ValueOf(Measure measure) => _values[measure.Ordinal];

    /// <summary>
    /// The stored values by measure key, as the database mapping sees them (one column per measure, see
    /// <see cref="Measures"/>); whole-number measures are stored as integers.
    /// </summary>
    public object? this[string key]
    {
        get
        {
            var measure = MeasureKeyed(key);
            // Boxed as the column's own type: int? for whole numbers, decimal? otherwise.
            return measure.WholeNumber ? (object?)Whole(measure) : _values[measure.Ordinal];
        }

        set => _values[MeasureKeyed(key).Ordinal] = value is null ? null : Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture);
    }

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

    /// <summary>
    /// Checks the month (with <paramref name="nowUtc"/>, also that it is not more than a month ahead: see
    /// <see cref="Measures.CheckMonth"/>) and every value against its measure's range; names the first field out of it.
    /// </summary>
    public MonthlyMetrics Validated(DateTime? nowUtc = null)
    {
        CheckMeasures(_values, Month, nowUtc);
        P1.Validated();
        P2.Validated();
        P3.Validated();
        P4.Validated();
        return this;
    }

    /// <summary>
    /// The checks <see cref="Validated"/> makes of the month and the measures, on values laid out in the order of
    /// <see cref="Measures.All"/>: one place for them, which the spreadsheet import also applies to values in place.
    /// </summary>
    /// <exception cref="DomainRuleException">The month or a value is out of its range.</exception>
    public static void CheckMeasures(ReadOnlySpan<decimal?> values, YearMonth month, DateTime? nowUtc)
    {
        Measures.CheckMonth(month, nowUtc);
        var measures = Measures.All;
        for (var i = 0; i < measures.Count; i++)
        {
            measures[i].Checked(values[i], month);
        }

        // Nobody is blocked for longer than the month lasts: at most its hours for each active user.
        if (values[Measures.BlockedWork.Ordinal] is { } blocked && values[Measures.ActiveUsers.Ordinal] is { } users
            && blocked > month.LastDay.Day * 24m * users)
        {
            throw new DomainRuleException(Measures.BlockedWork.Name, System.FormattableString.Invariant(
                $"must be at most {month.LastDay.Day * 24m * users:#,0}, the hours in {month} × {users:#,0} active users (it is {blocked})."));
        }
    }

    private int? Whole(Measure measure) => _values[measure.Ordinal] is { } v ? (int)v : null;

    private static Measure MeasureKeyed(string key) =>
        Measures.Find(key) ?? throw new ArgumentOutOfRangeException(nameof(key), key, "Not a monthly measure.");
}
