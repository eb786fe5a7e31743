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

    // An array, not Measures.All: a foreach over the list's interface allocates an enumerator, once per month folded.
    private static readonly Measure[] AllMeasures = [.. Measures.All];

    /// <summary>How many values one summary keeps: one per measure.</summary>
    public static int ValuesPerSystem => AllMeasures.Length;

    // The period's value of each measure, worked out once when the months are folded (a mean is divided once, not
    // on every read), kept at _valuesAt in an array the calculation shares among its systems: one allocation for
    // 10,000 summaries instead of one each. The months and their coverage masks are likewise a slice of shared arrays.
    private readonly decimal?[] _values;
    private readonly int _valuesAt;
    private readonly decimal? _productivityHours;
    private readonly MonthlyMetrics[] _months;
    private readonly uint[] _recorded;
    private readonly int _first;
    private readonly int _monthCount;
    private InputSource? _source;
    private HashSet<InputSource>? _moreSources;
    private string? _sourceText;
    private readonly Func<InputSource, string> _describe = DescribedByItself;

    // True when the months, coverage and values are arrays of this summary alone (Detached).
    private bool _detached;

    // Static: a detached summary must not hold a calculation through its delegate's target.
    private static readonly Func<InputSource, string> DescribedByItself = s => s.ToString();

    public static readonly MetricSummary Empty = new();

    private MetricSummary()
    {
        _values = new decimal?[AllMeasures.Length];
        _months = [];
        _recorded = [];
    }

    private MetricSummary(MonthlyMetrics[] months, uint[] recorded, int first, int count, decimal?[] values, int valuesAt, decimal? productivityHours, Func<InputSource, string> describe)
    {
        _months = months;
        _recorded = recorded;
        _first = first;
        _monthCount = count;
        _values = values;
        _valuesAt = valuesAt;
        _productivityHours = productivityHours;
        _describe = describe;
    }

    public decimal? DowntimeMinutes => this[Measures.Downtime];

    public decimal? PeakDegradedMinutes => this[Measures.PeakDegraded];

    public decimal? BlockedWorkHours => this[Measures.BlockedWork];

    public decimal? ProductivityLostHours => _productivityHours;

    /// <summary>The period's value of a measure: the sum or the mean of the months that have one (its <see cref="Measure.OverMonths"/>).</summary>
    public decimal? this[Measure measure] => _values[_valuesAt + measure.Ordinal];

    /// <summary>
    /// How many of the period's months record every measure in <paramref name="mask"/> (tickets: bit
    /// <see cref="TicketsBit"/>), or, with <paramref name="any"/>, at least one of them.
    /// </summary>
    public int MonthsRecording(uint mask, bool any = false)
    {
        var count = 0;
        for (var i = _first; i < _first + _monthCount; i++)
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

    private ReadOnlySpan<MonthlyMetrics> Months => _months.AsSpan(_first, _monthCount);

    /// <summary>The period's tickets of one severity, added up over the months: for explanations.</summary>
    /// <remarks>Worked out on request from the months, so the quiet calculation does not pay for it.</remarks>
    public (int Count, decimal Hours, decimal UserHours) TicketsOf(Severity severity)
    {
        var totals = default(TicketTotals);
        foreach (var month in Months)
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
            foreach (var month in Months)
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

    /// <summary>
    /// This summary with its months, coverage and values copied into arrays of its own and its source described now:
    /// it no longer holds the calculation that made it (that calculation's arrays for every system, its portfolio through
    /// the describing delegate). For the systems an incremental recalculation keeps (TranslationEngine.Recalculate); once
    /// detached, a summary is kept as it is.
    /// </summary>
    public MetricSummary Detached()
    {
        if (_detached || ReferenceEquals(this, Empty))
        {
            return this;
        }

        var values = new decimal?[AllMeasures.Length];
        Array.Copy(_values, _valuesAt, values, 0, AllMeasures.Length);
        return new MetricSummary(Months.ToArray(), _recorded.AsSpan(_first, _monthCount).ToArray(), 0, _monthCount, values, 0, _productivityHours, DescribedByItself)
        {
            _source = _source,
            _moreSources = _moreSources,
            _sourceText = Source,
            _detached = true,
        };
    }

    /// <summary>
    /// Folds <paramref name="count"/> months from <paramref name="first"/> of <paramref name="months"/>, writing each
    /// month's coverage mask at the same place in <paramref name="recorded"/> and the measures' period values from
    /// <paramref name="valuesAt"/> in <paramref name="values"/> (<see cref="ValuesPerSystem"/> of them).
    /// </summary>
    public static MetricSummary Of(MonthlyMetrics[] months, uint[] recorded, int first, int count, decimal?[] values, int valuesAt,
        Assumptions assumptions, Func<InputSource, string> describe)
    {
        // Accumulators on the stack: the summary keeps only the results.
        Span<Accumulator> measures = stackalloc Accumulator[AllMeasures.Length];
        var productivity = default(Accumulator);
        InputSource? source = null;
        HashSet<InputSource>? moreSources = null;
        for (var i = first; i < first + count; i++)
        {
            var month = months[i];
            var mask = 0u;
            for (var m = 0; m < AllMeasures.Length; m++)
            {
                var measure = AllMeasures[m];
                if (month.ValueOf(measure) is { } value)
                {
                    measures[m].Add(value);
                    mask |= measure.Bit;
                }
            }

            var hours = ProductivityHoursOf(month, assumptions);
            productivity.Add(hours);
            if (hours is not null)
            {
                mask |= TicketsBit;
            }

            recorded[i] = mask;
            if (month.Source is { } recordedBy && !ReferenceEquals(recordedBy, source))
            {
                if (source is null)
                {
                    source = recordedBy;
                }
                else if (!recordedBy.Equals(source))
                {
                    (moreSources ??= [source]).Add(recordedBy);
                }
            }
        }

        for (var m = 0; m < AllMeasures.Length; m++)
        {
            values[valuesAt + m] = AllMeasures[m].OverMonths == MeasureAggregation.Sum ? measures[m].Sum : measures[m].Mean;
        }

        return new MetricSummary(months, recorded, first, count, values, valuesAt, productivity.Sum, describe)
        {
            _source = source,
            _moreSources = moreSources,
        };
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
