using BusinessValue.Domain.Metrics;
using BusinessValue.Domain.Organisation;

namespace BusinessValue.Domain.Engine;

/// <summary>
/// One system's metrics folded over a period: counts, minutes and hours add up; percentages, active users
/// and satisfaction are means of the months that have a value. docs/formulas.md#periods-and-aggregation.
/// </summary>
internal sealed class MetricSummary
{
    private static readonly Severity[] Severities = [Severity.P1, Severity.P2, Severity.P3, Severity.P4];

    // Mutable structs updated in place: one summary per system, one slot per measure, no allocation per value.
    private readonly Accumulator[] _measures = new Accumulator[Measures.All.Count];
    private Accumulator _productivityHours;
    private uint[] _recorded = [];
    private int _monthCount;
    private IEnumerable<MonthlyMetrics> _months = [];
    private InputSource? _source;
    private HashSet<InputSource>? _moreSources;
    private string? _sourceText;
    private Func<InputSource, string> _describe = s => s.ToString();

    public static readonly MetricSummary Empty = new();

    public decimal? DowntimeMinutes => this[Measures.Downtime];

    public decimal? PeakDegradedMinutes => this[Measures.PeakDegraded];

    public decimal? BlockedWorkHours => this[Measures.BlockedWork];

    public decimal? ProductivityLostHours => _productivityHours.Sum;

    /// <summary>The period's value of a measure: the sum or the mean of the months that have one (its <see cref="Measure.OverMonths"/>).</summary>
    public decimal? this[Measure measure] => measure.OverMonths == MeasureAggregation.Sum ? _measures[measure.Ordinal].Sum : _measures[measure.Ordinal].Mean;

    /// <summary>
    /// How many of the period's months record every measure in <paramref name="mask"/> (tickets: bit
    /// <see cref="TicketsBit"/>), or, with <paramref name="any"/>, at least one of them.
    /// </summary>
    public int MonthsRecording(uint mask, bool any = false)
    {
        var count = 0;
        for (var i = 0; i < _monthCount; i++)
        {
            var recorded = _recorded[i] & mask;
            if (any ? recorded != 0 : recorded == mask)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The bit for "tickets recorded" (at least one severity complete) in a month's mask, after the measures' own bits.</summary>
    public static uint TicketsBit => 1u << Measures.All.Count;

    /// <summary>The period's tickets of one severity, added up over the months: for explanations.</summary>
    /// <remarks>Worked out on request from the months, so the quiet calculation does not pay for it.</remarks>
    public (int Count, decimal Hours, decimal UserHours) TicketsOf(Severity severity)
    {
        var totals = default(TicketTotals);
        foreach (var month in _months)
        {
            totals.Add(month.Tickets(severity));
        }

        return totals.Values;
    }

    /// <summary>Tickets of every severity over the months; null when no month records a count.</summary>
    public int? TicketCount
    {
        get
        {
            int? total = null;
            foreach (var month in _months)
            {
                foreach (var severity in Severities)
                {
                    if (month.Tickets(severity).Count is { } count)
                    {
                        total = (total ?? 0) + count;
                    }
                }
            }

            return total;
        }
    }

    public decimal? UptimePercent => this[Measures.Uptime];

    public decimal? SlaUptimeTargetPercent => this[Measures.SlaUptimeTarget];

    public decimal? TicketSlaAttainmentPercent => this[Measures.TicketSlaAttainment];

    public decimal? PatchCompliancePercent => this[Measures.PatchCompliance];

    public decimal? BackupSuccessPercent => this[Measures.BackupSuccess];

    public decimal? ActiveUsers => this[Measures.ActiveUsers];

    public decimal? Satisfaction => this[Measures.Satisfaction];

    /// <summary>Who recorded the months folded here; described once, when an explanation first needs it.</summary>
    public string Source => _sourceText ??= (_source, _moreSources) switch
    {
        (null, _) => _monthCount > 0 ? "recorded metrics" : "no metrics recorded",
        (_, null) => _describe(_source),
        _ => string.Join("; ", _moreSources.Select(_describe).Order(StringComparer.Ordinal)),
    };

    public static MetricSummary Of(IEnumerable<MonthlyMetrics> months, Assumptions assumptions, Func<InputSource, string> describe)
    {
        var summary = new MetricSummary { _describe = describe, _months = months };
        summary._recorded = new uint[months is ICollection<MonthlyMetrics> list ? list.Count : 12];
        foreach (var month in months)
        {
            summary.Add(month, assumptions);
        }

        return summary;
    }

    /// <summary>docs/formulas.md#productivity-lost-to-incidents: Σk hours_k × users_k × b_k, for one month.</summary>
    public static decimal? ProductivityHoursOf(MonthlyMetrics month, Assumptions assumptions)
    {
        decimal? total = null;
        foreach (var severity in Severities)
        {
            var tickets = month.Tickets(severity);
            if (!tickets.IsComplete)
            {
                // No count, or tickets without their hours or users: missing for this severity, never zero.
                continue;
            }

            var hours = tickets.Count == 0 ? 0m : tickets.TotalResolutionHours!.Value * tickets.AverageUsersAffected!.Value * assumptions.BlockingFactor(severity);
            total = (total ?? 0m) + hours;
        }

        return total;
    }

    private void Add(MonthlyMetrics month, Assumptions assumptions)
    {
        var mask = 0u;
        foreach (var measure in Measures.All)
        {
            if (month.ValueOf(measure) is { } value)
            {
                _measures[measure.Ordinal].Add(value);
                mask |= measure.Bit;
            }
        }

        var productivity = ProductivityHoursOf(month, assumptions);
        _productivityHours.Add(productivity);
        if (productivity is not null)
        {
            mask |= TicketsBit;
        }

        if (_monthCount == _recorded.Length)
        {
            Array.Resize(ref _recorded, Math.Max(4, _monthCount * 2));
        }

        _recorded[_monthCount++] = mask;
        if (month.Source is { } source && !ReferenceEquals(source, _source))
        {
            if (_source is null)
            {
                _source = source;
            }
            else if (!source.Equals(_source))
            {
                (_moreSources ??= [_source]).Add(source);
            }
        }
    }

    private struct TicketTotals
    {
        private int _count;
        private decimal _hours;
        private decimal _userHours;

        public readonly (int, decimal, decimal) Values => (_count, _hours, _userHours);

        public void Add(TicketStats tickets)
        {
            if (tickets.IsComplete && tickets.Count > 0)
            {
                _count += tickets.Count!.Value;
                _hours += tickets.TotalResolutionHours!.Value;
                _userHours += tickets.TotalResolutionHours!.Value * tickets.AverageUsersAffected!.Value;
            }
        }
    }

    private struct Accumulator
    {
        private decimal _sum;

        public int Count { get; private set; }

        public readonly decimal? Sum => Count == 0 ? null : _sum;

        public readonly decimal? Mean => Count switch
        {
            0 => null,
            1 => _sum,
            _ => _sum / Count,
        };

        public void Add(decimal? value)
        {
            if (value is { } v)
            {
                _sum += v;
                Count++;
            }
        }
    }
}
