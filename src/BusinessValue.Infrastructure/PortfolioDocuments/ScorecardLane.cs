using System.Diagnostics;
using System.Runtime.ExceptionServices;
using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Periods;

namespace BusinessValue.Infrastructure.PortfolioDocuments;

/// <summary>
/// One period's scorecards across a lineage of snapshots that differ only in months applied one by one
/// (<see cref="PortfolioSnapshots"/>). One calculation at a time, always of the newest snapshot known, folding in every
/// month changed since the last (<see cref="TranslationEngine.Recalculate"/>). At 50 writes a second the readers share
/// a few calculations a second instead of making one per version, each waiting on the one before
/// (docs/performance.md#freshness-under-writes).
/// </summary>
/// <remarks>
/// A reader of a version gets the scorecard of that version or of a newer one of the lineage: the systems, processes and
/// names are the same, only later months are already in it.
/// </remarks>
internal sealed class ScorecardLane
{
    /// <summary>As many as the periods a snapshot keeps derived (<see cref="PortfolioSnapshot.MaxDerived"/>).</summary>
    public const int MaxLanes = PortfolioSnapshot.MaxDerived;

    /// <summary>A lane nobody has read for this long is not carried on: its period is calculated in full when asked again.</summary>
    public static readonly TimeSpan IdleAfter = TimeSpan.FromMinutes(2);

    /// <summary>Beyond this many changed systems since the last scorecard, calculating everything again costs about the same.</summary>
    private const int MaxSystemsRecalculated = 5_000;

    private readonly Lock _gate = new();
    private readonly Period _period;

    // What the lane starts from: the full calculation of the snapshot it branched off, perhaps still under way.
    private Lazy<Task<object>>? _seed;
    private Scorecard? _card;
    private long _cardVersion;
    private PortfolioSnapshot _newest;
    private HashSet<Guid> _pending = [];
    private Task<bool>? _running;
    private (long Version, ExceptionDispatchInfo Error)? _failure;
    private long _lastRead = Stopwatch.GetTimestamp();

    /// <param name="seed">The scorecard of <paramref name="seededFrom"/>, made or being made.</param>
    public ScorecardLane(Period period, Lazy<Task<object>> seed, PortfolioSnapshot seededFrom)
    {
        _period = period;
        _seed = seed;
        _newest = seededFrom;
        _cardVersion = seededFrom.Version;
    }

    /// <summary>The lanes read within <see cref="IdleAfter"/>, the most recently read first, at most <see cref="MaxLanes"/>.</summary>
    /// <param name="now">A <see cref="Stopwatch"/> timestamp.</param>
    public static IEnumerable<KeyValuePair<string, ScorecardLane>> StillRead(IEnumerable<KeyValuePair<string, ScorecardLane>> lanes, long now) =>
        lanes.Where(l => Stopwatch.GetElapsedTime(Volatile.Read(ref l.Value._lastRead), now) < IdleAfter)
            .OrderByDescending(l => Volatile.Read(ref l.Value._lastRead))
            .Take(MaxLanes)
            .ToList();

    /// <summary>Learns of a newer snapshot of the lineage and the months it changed since the last one.</summary>
    public void Add(PortfolioSnapshot snapshot, IReadOnlySet<(Guid SystemId, YearMonth Month)> changed)
    {
        lock (_gate)
        {
            if (snapshot.Version <= _newest.Version)
            {
                return;
            }

            var nothingPending = _pending.Count == 0 && _running is null;
            foreach (var (systemId, month) in changed)
            {
                if (_period.Contains(month))
                {
                    _pending.Add(systemId);
                }
            }

            // Nothing of this period changed since the last scorecard: it is this version's too.
            if (nothingPending && _pending.Count == 0 && _cardVersion == _newest.Version)
            {
                _cardVersion = snapshot.Version;
            }

            _newest = snapshot;
        }
    }

    /// <summary>The scorecard of <paramref name="version"/> or of a newer version of the lineage.</summary>
    public async Task<Scorecard> ScorecardAsync(long version, TranslationEngine engine, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task running;
            lock (_gate)
            {
                _lastRead = Stopwatch.GetTimestamp();
                if (_cardVersion >= version && _card is not null)
                {
                    return _card;
                }

                if (_failure is { } failure && failure.Version >= version)
                {
                    failure.Error.Throw();
                }

                running = _running ??= Start(engine);
            }

            // Finishes without throwing: a failure is kept for the readers of the versions it was for.
            await running.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Runs a calculation on a thread of its own: a reader awaits it without holding a thread of the pool.</summary>
    private static Task<T> OnItsOwnThread<T>(Func<T> calculate) =>
        Task.Factory.StartNew(calculate, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    // Under _gate.
    private Task<bool> Start(TranslationEngine engine)
    {
        var snapshot = _newest;
        var changed = _pending;
        _pending = [];
        var previous = _card;
        var seed = _seed;
        return OnItsOwnThread(() =>
        {
            Scorecard? card = null;
            ExceptionDispatchInfo? error = null;
            try
            {
                var basis = previous ?? Seeded(seed);
                var portfolio = snapshot.Portfolio!;
                card = basis is not null && basis.Period == _period && changed.Count <= MaxSystemsRecalculated
                    ? engine.Recalculate(basis, portfolio, changed)
                    : engine.Calculate(portfolio, _period);
            }
            catch (Exception failed) when (failed is not OutOfMemoryException)
            {
                error = ExceptionDispatchInfo.Capture(failed);
            }

            lock (_gate)
            {
                _running = null;
                _seed = null;
                if (card is not null)
                {
                    _card = card;
                    _failure = null;
                    // Versions added meanwhile that changed nothing of this period have this scorecard too.
                    _cardVersion = _pending.Count == 0 ? _newest.Version : snapshot.Version;
                }
                else
                {
                    // The next attempt calculates everything, from the newest snapshot.
                    _card = null;
                    _cardVersion = 0;
                    _failure = (snapshot.Version, error!);
                }
            }

            return true;
        });
    }

    /// <summary>The seed's scorecard once made; null if it failed (then a full calculation).</summary>
    private static Scorecard? Seeded(Lazy<Task<object>>? seed)
    {
        try
        {
            // On the lane's own thread: waiting here holds no thread of the pool.
            return seed?.Value.GetAwaiter().GetResult() as Scorecard;
        }
        catch (Exception failed) when (failed is not OutOfMemoryException)
        {
            return null;
        }
    }
}
