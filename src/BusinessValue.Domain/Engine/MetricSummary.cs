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

    // Mutable structs, held in fields and updated in place: one summary per system, no allocation per value.
    private Accumulator _downtime;
    private Accumulator _peakDegraded;
    private Accumulator _blocked;
    private Accumulator _productivityHours;
    private Accumulator _uptime;
    private Accumulator _sla;
    private Accumulator _ticketSla;
    private Accumulator _patch;
    private Accumulator _backup;
    private Accumulator _activeUsers;
    private Accumulator _satisfaction;
    private IEnumerable<MonthlyMetrics> _months = [];
    private InputSource? _source;
    private HashSet<InputSource>? _moreSources;
    private string? _sourceText;
    private Func<InputSource, string> _describe = s => s.ToString();

    public static readonly MetricSummary Empty = new();

    public decimal? DowntimeMinutes => _downtime.Sum;

    public decimal? PeakDegradedMinutes => _peakDegraded.Sum;

    public decimal? BlockedWorkHours => _blocked.Sum;

    public decimal? ProductivityLostHours => _productivityHours.Sum;

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

    public decimal? UptimePercent => _uptime.Mean;

    public decimal? SlaUptimeTargetPercent => _sla.Mean;

    public decimal? TicketSlaAttainmentPercent => _ticketSla.Mean;

    public decimal? PatchCompliancePercent => _patch.Mean;

    public decimal? BackupSuccessPercent => _backup.Mean;

    public decimal? ActiveUsers => _activeUsers.Mean;

    public decimal? Satisfaction => _satisfaction.Mean;

    /// <summary>Who recorded the months folded here; described once, when an explanation first needs it.</summary>
    public string Source => _sourceText ??= (_source, _moreSources) switch
    {
        (null, _) => _uptime.Count + _downtime.Count > 0 ? "recorded metrics" : "no metrics recorded",
        (_, null) => _describe(_source),
        _ => string.Join("; ", _moreSources.Select(_describe).Order(StringComparer.Ordinal)),
    };

    public static MetricSummary Of(IEnumerable<MonthlyMetrics> months, Assumptions assumptions, Func<InputSource, string> describe)
    {
        var summary = new MetricSummary { _describe = describe, _months = months };
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
        _downtime.Add(month.DowntimeMinutes);
        _peakDegraded.Add(month.PeakDegradedMinutes);
        _blocked.Add(month.BlockedWorkHours);
        _productivityHours.Add(ProductivityHoursOf(month, assumptions));
        _uptime.Add(month.UptimePercent);
        _sla.Add(month.SlaUptimeTargetPercent);
        _ticketSla.Add(month.TicketSlaAttainmentPercent);
        _patch.Add(month.PatchCompliancePercent);
        _backup.Add(month.BackupSuccessPercent);
        _activeUsers.Add(month.ActiveUsers);
        _satisfaction.Add(month.Satisfaction);
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
