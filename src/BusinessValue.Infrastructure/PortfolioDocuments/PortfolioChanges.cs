using System.Runtime.CompilerServices;
using BusinessValue.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Infrastructure.PortfolioDocuments;

/// <summary>
/// One raise of the portfolio version made in this process: the version it raised to and, when the write is known to
/// have changed nothing but these monthly metric rows, their keys; null when it may have changed anything.
/// </summary>
public sealed record PortfolioChange(long Version, IReadOnlySet<(Guid SystemId, YearMonth Month)>? Metrics);

/// <summary>
/// What a context's writes raised the portfolio version to, kept with the context until its transaction commits
/// (then <see cref="PortfolioCommitObserver"/> hands it to <see cref="PortfolioSnapshots"/>) or rolls back.
/// </summary>
internal static class PortfolioChanges
{
    private static readonly ConditionalWeakTable<DbContext, State> States = [];

    private sealed class State
    {
        public bool ExpectMetricsOnly;

        public List<PortfolioChange> Raised { get; } = [];

        // A raise left for the commit (RaiseAtCommit), and the months when they are all its saves changed.
        public bool RaiseDue;

        public HashSet<(Guid SystemId, YearMonth Month)>? DueMetrics;
    }

    /// <summary>
    /// Says a save in an open transaction changed the portfolio: the version is raised when the transaction commits
    /// (PortfolioStore.RaiseDueBeforeCommit), not now, so its row is locked for the commit alone rather than from this save on.
    /// Several saves in one transaction make one raise; it is months-only when each of them was.
    /// </summary>
    public static void RaiseAtCommit(DbContext db, IReadOnlySet<(Guid SystemId, YearMonth Month)>? metrics)
    {
        var state = States.GetOrCreateValue(db);
        if (!state.RaiseDue)
        {
            state.RaiseDue = true;
            state.DueMetrics = metrics is null ? null : [.. metrics];
        }
        else if (metrics is null)
        {
            state.DueMetrics = null;
        }
        else
        {
            state.DueMetrics?.UnionWith(metrics);
        }
    }

    /// <summary>Takes the raise left for the commit, if any, with its months (null when it may have changed anything).</summary>
    public static bool TakeRaiseDue(DbContext db, out IReadOnlySet<(Guid SystemId, YearMonth Month)>? metrics)
    {
        metrics = null;
        if (!States.TryGetValue(db, out var state) || !state.RaiseDue)
        {
            return false;
        }

        metrics = state.DueMetrics;
        state.RaiseDue = false;
        state.DueMetrics = null;
        return true;
    }

    /// <summary>
    /// Says the next save of this context writes monthly metrics and nothing else of the portfolio (MetricsUpserts).
    /// The save's change tracker is still checked; anything else in it makes the change "unknown" again.
    /// </summary>
    public static void ExpectMetricsOnly(DbContext db) => States.GetOrCreateValue(db).ExpectMetricsOnly = true;

    /// <summary>Takes the flag set by <see cref="ExpectMetricsOnly"/>: it holds for one save only.</summary>
    public static bool TakeMetricsOnly(DbContext db) =>
        States.TryGetValue(db, out var state) && state.ExpectMetricsOnly && !(state.ExpectMetricsOnly = false);

    public static void Raised(DbContext db, PortfolioChange change) => States.GetOrCreateValue(db).Raised.Add(change);

    /// <summary>The versions raised and not yet committed, left in place.</summary>
    public static IReadOnlyList<long> Pending(DbContext db) =>
        States.TryGetValue(db, out var state) ? [.. state.Raised.Select(r => r.Version)] : [];

    /// <summary>The raises since the last call (or the start of the transaction), forgotten here.</summary>
    public static IReadOnlyList<PortfolioChange> Take(DbContext db)
    {
        if (!States.TryGetValue(db, out var state) || state.Raised.Count == 0)
        {
            return [];
        }

        var raised = state.Raised.ToList();
        state.Raised.Clear();
        return raised;
    }

    public static void Forget(DbContext db)
    {
        if (States.TryGetValue(db, out var state))
        {
            state.Raised.Clear();
            state.ExpectMetricsOnly = false;
            state.RaiseDue = false;
            state.DueMetrics = null;
        }
    }
}
