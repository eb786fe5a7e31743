using System.Globalization;
using BusinessValue.Domain.Engine;

namespace BusinessValue.Domain.Reviews;

/// <summary>
/// Builds a draft review's agenda from the figures: systems that changed quadrant, the largest changes in value
/// leaks, recovery that is failing or unverified, overdue action items and translation requests ready for decision,
/// in that order. Pure: the same inputs always give the same agenda.
/// </summary>
public static class AgendaBuilder
{
    /// <summary>How many leak changes the agenda lists: the largest by absolute change.</summary>
    public const int LeakChangeCount = 5;

    /// <summary>The agenda from this quarter's scorecard and the previous review's (or quarter's) scorecard.</summary>
    public static IReadOnlyList<AgendaEntry> Build(
        Scorecard current,
        Scorecard? previous,
        IEnumerable<ActionItemState> actionItems,
        DateOnly today,
        IEnumerable<ReadyTranslationRequest> readyRequests) =>
        Build(QuarterFigures.From(current), previous is null ? null : QuarterFigures.From(previous), actionItems, today, readyRequests);

    /// <param name="current">This quarter's figures.</param>
    /// <param name="previous">The previous review's frozen figures, or with none, the previous quarter's live figures; null when there is nothing to compare with.</param>
    /// <param name="actionItems">Action items not yet done.</param>
    /// <param name="today">The day the agenda is built; items due before it are overdue.</param>
    /// <param name="readyRequests">Translation requests ready for decision.</param>
    public static IReadOnlyList<AgendaEntry> Build(
        QuarterFigures current,
        QuarterFigures? previous,
        IEnumerable<ActionItemState> actionItems,
        DateOnly today,
        IEnumerable<ReadyTranslationRequest> readyRequests)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(actionItems);
        ArgumentNullException.ThrowIfNull(readyRequests);
        var agenda = new List<AgendaEntry>();
        var names = current.Systems.ToDictionary(s => s.SystemId, s => s.Name);

        if (previous is not null)
        {
            foreach (var system in current.Systems.OrderBy(s => s.Name, StringComparer.Ordinal))
            {
                if (previous.Of(system.SystemId) is { Quadrant: { } before } && system.Quadrant is { } after && before != after)
                {
                    agenda.Add(new AgendaEntry(AgendaItemKind.QuadrantChange, system.Name,
                        $"moved from {before.Describe()} to {after.Describe()}", SystemId: system.SystemId));
                }
            }

            var leakChanges = current.Systems
                .Select(s => (System: s, Change: s.ValueLeaks - previous.Of(s.SystemId)?.ValueLeaks))
                .Where(x => x.Change is { } change && change != 0m)
                .OrderByDescending(x => Math.Abs(x.Change!.Value))
                .ThenBy(x => x.System.Name, StringComparer.Ordinal)
                .Take(LeakChangeCount);
            foreach (var (system, change) in leakChanges)
            {
                agenda.Add(new AgendaEntry(AgendaItemKind.ValueLeakChange, system.Name,
                    string.Create(CultureInfo.InvariantCulture, $"value leaks {(change > 0 ? "up" : "down")} {Math.Abs(change!.Value):#,0} since {previous.Quarter}"),
                    SystemId: system.SystemId));
            }
        }

        foreach (var system in current.Systems.Where(s => s.Readiness != RecoveryReadiness.Verified)
                     .OrderBy(s => s.Readiness == RecoveryReadiness.Failing ? 0 : 1).ThenBy(s => s.Name, StringComparer.Ordinal))
        {
            agenda.Add(new AgendaEntry(AgendaItemKind.RecoveryAtRisk, system.Name,
                system.Readiness == RecoveryReadiness.Failing
                    ? "recovery failing: the latest restore test failed or took longer than the business allows"
                    : $"recovery unverified: no passing restore test in the 90 days to the end of {current.Quarter}",
                SystemId: system.SystemId));
        }

        foreach (var item in actionItems.Where(i => i.IsOverdue(today)).OrderBy(i => i.DueDate).ThenBy(i => i.Title, StringComparer.Ordinal))
        {
            var days = today.DayNumber - item.DueDate.DayNumber;
            var system = item.SystemId is { } id && names.TryGetValue(id, out var name) ? $" ({name})" : string.Empty;
            agenda.Add(new AgendaEntry(AgendaItemKind.OverdueActionItem, item.Title,
                string.Create(CultureInfo.InvariantCulture, $"action item overdue{system}: due {item.DueDate:yyyy-MM-dd}, {days} {(days == 1 ? "day" : "days")} late"),
                SystemId: item.SystemId, ActionItemId: item.Id));
        }

        foreach (var request in readyRequests.OrderByDescending(r => r.EstimatedImpact).ThenBy(r => r.Title, StringComparer.Ordinal))
        {
            agenda.Add(new AgendaEntry(AgendaItemKind.TranslationRequestReady, request.Title,
                "translation request ready for decision", TranslationRequestId: request.Id));
        }

        return agenda;
    }
}
