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

    private readonly Accumulator _downtime = new();
    private readonly Accumulator _peakDegraded = new();
    private readonly Accumulator _blocked = new();
    private readonly Accumulator _productivityHours = new();
    private readonly Accumulator _uptime = new();
    private readonly Accumulator _sla = new();
    private readonly Accumulator _ticketSla = new();
    private readonly Accumulator _patch = new();
    private readonly Accumulator _backup = new();
    private readonly Accumulator _activeUsers = new();
    private readonly Accumulator _satisfaction = new();
    private readonly HashSet<string> _sources = [];

    public static readonly MetricSummary Empty = new();

    public decimal? DowntimeMinutes => _downtime.Sum;

    public decimal? PeakDegradedMinutes => _peakDegraded.Sum;

    public decimal? BlockedWorkHours => _blocked.Sum;

    public decimal? ProductivityLostHours => _productivityHours.Sum;

    public decimal? UptimePercent => _uptime.Mean;

    public decimal? SlaUptimeTargetPercent => _sla.Mean;

    public decimal? TicketSlaAttainmentPercent => _ticketSla.Mean;

    public decimal? PatchCompliancePercent => _patch.Mean;

    public decimal? BackupSuccessPercent => _backup.Mean;

    public decimal? ActiveUsers => _activeUsers.Mean;

    public decimal? Satisfaction => _satisfaction.Mean;

    public string Source { get; private set; } = "no metrics recorded";

    public static MetricSummary Of(IEnumerable<MonthlyMetrics> months, Assumptions assumptions)
    {
        var summary = new MetricSummary();
        foreach (var month in months)
        {
            summary.Add(month, assumptions);
        }

        summary.Source = summary._sources.Count switch
        {
            0 => summary._uptime.Count + summary._downtime.Count > 0 ? "recorded metrics" : "no metrics recorded",
            _ => string.Join("; ", summary._sources.Order(StringComparer.Ordinal)),
        };
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
        if (month.Source is { } source)
        {
            _sources.Add(source.ToString());
        }
    }

    private sealed class Accumulator
    {
        private decimal _sum;

        public int Count { get; private set; }

        public decimal? Sum => Count == 0 ? null : _sum;

        public decimal? Mean => Count == 0 ? null : _sum / Count;

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
