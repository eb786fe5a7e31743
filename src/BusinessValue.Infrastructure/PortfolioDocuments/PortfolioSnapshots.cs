using System.Diagnostics;
using BusinessValue.Domain.Metrics;
using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Infrastructure.PortfolioDocuments;

/// <summary>
/// The portfolio as last read, shared by every reader until the database's portfolio version moves on.
/// A scorecard then costs one small query rather than a full load, and every open page shares one copy.
/// Consumers must treat the portfolio as read-only.
/// </summary>
/// <remarks>
/// A write committed in this process wakes <see cref="WaitForCommitAsync"/>, so a background reader can
/// reload the snapshot before the next page asks for it; a page that finds the version moved on loads it
/// itself, or waits for the load already under way.
/// When every version since the snapshot was made by a write of this process that changed only monthly metrics
/// (the API's and the forms' month writes, <see cref="MetricsUpserts"/>), the new snapshot is the old one with
/// those months read again (one query) instead of a full load, and keeps the scorecards of the periods they are
/// not in. A version this process did not make (another node, <c>bv import</c>) or made by any other write
/// reloads everything, as before.
/// </remarks>
public sealed class PortfolioSnapshots : IDisposable
{
    /// <summary>Above this many changed months a full load is about as cheap as reading them one by one.</summary>
    private const int MaxIncrementalRows = 20_000;

    /// <summary>
    /// How long a version missing from this process's commits is awaited before it counts as written elsewhere: the
    /// database shows a commit a moment before its interceptor tells us.
    /// </summary>
    private static readonly TimeSpan NoticeGrace = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a version this process is committing is awaited (a busy machine may delay the notice).</summary>
    private static readonly TimeSpan CommittingGrace = TimeSpan.FromSeconds(5);

    /// <summary>How old a check may be for the parts of a page that are not figures (<see cref="GetRecentAsync"/>).</summary>
    public static readonly TimeSpan PagePartsMaxAge = TimeSpan.FromSeconds(1);

    private readonly HashSet<long> _committing = [];

    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly SemaphoreSlim _committed = new(0, 1);
    private readonly Lock _gate = new();
    private readonly Dictionary<long, IReadOnlySet<(Guid SystemId, YearMonth Month)>?> _known = [];
    private PortfolioSnapshot? _current;

    // The last check that _current is the database's version (finished or under way), when it began, and how many
    // commits this process had announced by then (GetRecentAsync).
    private RecentCheck? _recent;
    private long _commits;

    // Where each month is in the current snapshot's metrics; built at the first incremental change after a full load,
    // kept up to date under _loading (positions never move: a replaced month keeps its place, a new one is appended).
    private Dictionary<(Guid, YearMonth), int>? _positions;

    /// <summary>
    /// False reloads the whole portfolio after every write, as before months were applied one by one: for the
    /// benchmark's before-and-after in one run (benchmarks: --freshness) and for tests that compare the two.
    /// </summary>
    public bool AppliesMonthsIncrementally { get; init; } = true;

    /// <summary>The snapshot last loaded, without asking the database whether it is still current.</summary>
    public PortfolioSnapshot? Current => _current;

    public async Task<Domain.Engine.Portfolio?> GetAsync(BusinessValueDbContext db, CancellationToken cancellationToken = default) =>
        (await GetSnapshotAsync(db, cancellationToken)).Portfolio;

    /// <summary>The current snapshot: one query when nothing changed since the last load.</summary>
    public async Task<PortfolioSnapshot> GetSnapshotAsync(BusinessValueDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var asked = Stopwatch.GetTimestamp();
        var commits = Volatile.Read(ref _commits);
        var version = await PortfolioStore.VersionAsync(db, cancellationToken);
        var snapshot = _current is { } cached && cached.Version == version ? cached : await LoadAsync(db, version, cancellationToken);
        if (snapshot.Version >= version)
        {
            _recent = new RecentCheck(Task.FromResult(snapshot), asked, commits);
        }

        return snapshot;
    }

    /// <summary>
    /// For the parts of a page that are not figures (the layout's organisation name, the first-run checklist): the
    /// snapshot another reader of this process found current, or is finding current, at most <paramref name="maxAge"/>
    /// ago, without asking the database again, so one page does not check the version once per part
    /// (docs/performance.md, round trips). A write committed in this process since that check means asking again, so
    /// a person's own change always shows; only a write made elsewhere may show up to <paramref name="maxAge"/> later.
    /// </summary>
    public async Task<PortfolioSnapshot> GetRecentAsync(BusinessValueDbContext db, TimeSpan maxAge, CancellationToken cancellationToken = default)
    {
        var commits = Volatile.Read(ref _commits);
        if (_recent is { } recent && recent.Commits == commits && Stopwatch.GetElapsedTime(recent.At) <= maxAge)
        {
            return await recent.Check.WaitAsync(cancellationToken);
        }

        // Started, not finished: a part asking a moment later shares this check instead of making its own.
        var check = GetSnapshotAsync(db, cancellationToken);
        _recent = new RecentCheck(check, Stopwatch.GetTimestamp(), commits);
        return await check;
    }

    private async Task<PortfolioSnapshot> LoadAsync(BusinessValueDbContext db, long version, CancellationToken cancellationToken)
    {
        await _loading.WaitAsync(cancellationToken);
        try
        {
            // Someone else may have loaded it (or a newer one) while this reader waited.
            if (_current is { } loaded && loaded.Version >= version)
            {
                return loaded;
            }

            if (AppliesMonthsIncrementally && _current is { Portfolio: not null } previous && await ChangedMonthsAsync(previous.Version, version, cancellationToken) is { } months
                && await ApplyAsync(db, previous, version, months, cancellationToken) is { } applied)
            {
                _current = applied;
                Forget(version);
                return applied;
            }

            // Read after the version: a write in between makes the next reader see a newer version and reload.
            var portfolio = await PortfolioStore.LoadAsync(db, cancellationToken);
            var snapshot = new PortfolioSnapshot(version, portfolio);
            _positions = null;
            _current = snapshot;
            Forget(version);
            return snapshot;
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>
    /// The months changed between the two versions when every version in between is a committed months-only write of
    /// this process; null when any is not (then only a full load is right).
    /// </summary>
    private async Task<HashSet<(Guid SystemId, YearMonth Month)>?> ChangedMonthsAsync(long from, long to, CancellationToken cancellationToken)
    {
        var months = new HashSet<(Guid SystemId, YearMonth Month)>();
        var start = Stopwatch.GetTimestamp();
        for (var version = from + 1; version <= to; version++)
        {
            while (true)
            {
                lock (_gate)
                {
                    if (_known.TryGetValue(version, out var change))
                    {
                        if (change is null)
                        {
                            return null;
                        }

                        months.UnionWith(change);
                        break;
                    }

                    if (Stopwatch.GetElapsedTime(start) > (_committing.Contains(version) ? CommittingGrace : NoticeGrace))
                    {
                        return null;
                    }
                }

                await Task.Delay(5, cancellationToken);
            }

            if (months.Count > MaxIncrementalRows)
            {
                return null;
            }
        }

        return months;
    }

    /// <summary>The previous snapshot with <paramref name="changed"/> read again from the database; null if one has gone.</summary>
    private async Task<PortfolioSnapshot?> ApplyAsync(BusinessValueDbContext db, PortfolioSnapshot previous, long version,
        HashSet<(Guid SystemId, YearMonth Month)> changed, CancellationToken cancellationToken)
    {
        var portfolio = previous.Portfolio!;
        var systems = changed.Select(c => c.SystemId).Distinct().ToList();
        var monthsChanged = changed.Select(c => c.Month).ToHashSet();
        var months = monthsChanged.ToList();
        var rows = (await db.Metrics.AsNoTracking().Where(m => systems.Contains(m.SystemId) && months.Contains(m.Month)).ToListAsync(cancellationToken))
            .Where(m => changed.Contains((m.SystemId, m.Month)))
            .ToList();
        if (rows.Count != changed.Count)
        {
            // A month was removed meanwhile (by a write that reloads anyway): not worth a special case.
            return null;
        }

        var metrics = portfolio.Metrics as SnapshotMetrics ?? SnapshotMetrics.From(portfolio.Metrics);
        var positions = _positions ?? Positions(metrics);
        var replaced = new List<(int Index, MonthlyMetrics Row)>();
        var added = new List<MonthlyMetrics>();
        foreach (var row in rows)
        {
            if (positions.TryGetValue((row.SystemId, row.Month), out var index))
            {
                replaced.Add((index, row));
            }
            else
            {
                added.Add(row);
            }
        }

        var snapshot = new PortfolioSnapshot(version, portfolio with { Metrics = metrics.With(replaced, added) });
        for (var i = 0; i < added.Count; i++)
        {
            positions[(added[i].SystemId, added[i].Month)] = metrics.Count + i;
        }

        _positions = positions;
        snapshot.CarryOver(previous, changed);
        return snapshot;
    }

    private static Dictionary<(Guid, YearMonth), int> Positions(SnapshotMetrics metrics)
    {
        var positions = new Dictionary<(Guid, YearMonth), int>(metrics.Count);
        for (var i = 0; i < metrics.Count; i++)
        {
            positions[(metrics[i].SystemId, metrics[i].Month)] = i;
        }

        return positions;
    }

    private void Forget(long upTo)
    {
        lock (_gate)
        {
            foreach (var version in _known.Keys.Where(v => v <= upTo).ToList())
            {
                _known.Remove(version);
            }

            _committing.RemoveWhere(v => v <= upTo);
        }
    }

    /// <summary>Says a write was committed in this process; wakes one waiter of <see cref="WaitForCommitAsync"/>.</summary>
    public void NotifyCommitted() => NotifyCommitted([]);

    /// <summary>
    /// Says a write was committed in this process, with the versions it raised the portfolio to and what each
    /// changed; wakes one waiter of <see cref="WaitForCommitAsync"/>.
    /// </summary>
    public void NotifyCommitted(IReadOnlyList<PortfolioChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        Interlocked.Increment(ref _commits);
        lock (_gate)
        {
            foreach (var change in changes)
            {
                _committing.Remove(change.Version);
                // Two raises to one version can only mean one was rolled back unseen: then nothing is known of it.
                _known[change.Version] = _known.ContainsKey(change.Version) ? null : change.Metrics;
            }
        }

        try
        {
            _committed.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled and not yet seen: one wake-up covers any number of commits.
        }
    }

    /// <summary>Says this process is about to commit writes that raised the version to these.</summary>
    public void Committing(IReadOnlyList<long> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        Interlocked.Increment(ref _commits);
        lock (_gate)
        {
            _committing.UnionWith(versions);
        }
    }

    /// <summary>Says writes that raised the version to these were not committed: the numbers will be reused.</summary>
    public void Abandoned(IReadOnlyList<long> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        lock (_gate)
        {
            _committing.ExceptWith(versions);
        }
    }

    /// <returns>True when a commit was signalled, false when the timeout passed first.</returns>
    public Task<bool> WaitForCommitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _committed.WaitAsync(timeout, cancellationToken);

    public void Dispose()
    {
        _loading.Dispose();
        _committed.Dispose();
    }

    private sealed record RecentCheck(Task<PortfolioSnapshot> Check, long At, long Commits);
}
