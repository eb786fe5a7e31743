using System.Collections.Concurrent;
using System.Diagnostics;
using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Periods;

namespace BusinessValue.Infrastructure.PortfolioDocuments;

/// <summary>
/// One version of the portfolio, read-only, with what has been worked out from it: a scorecard for a
/// period depends on nothing else, so it is calculated once per version and shared by every page.
/// </summary>
public sealed class PortfolioSnapshot(long version, Portfolio? portfolio)
{
    /// <summary>Enough for every period a board pack shows (current, previous, eight trend quarters) several times over.</summary>
    public const int MaxDerived = 48;

    private readonly ConcurrentDictionary<string, Lazy<Task<object>>> _derived = new(StringComparer.Ordinal);

    // Periods whose scorecards follow this snapshot's lineage of month writes (ScorecardLane), by key.
    private readonly ConcurrentDictionary<string, ScorecardLane> _lanes = new(StringComparer.Ordinal);

    /// <summary>The beginning of the key of a period's engine scorecard: "scorecard:2026-Q3".</summary>
    public const string ScorecardKeyPrefix = "scorecard:";

    public long Version { get; } = version;

    /// <summary>The periods whose scorecards follow this snapshot's lineage (for tests).</summary>
    internal IReadOnlyCollection<KeyValuePair<string, ScorecardLane>> Lanes => _lanes;

    /// <summary>Null when the database holds no organisation yet.</summary>
    public Portfolio? Portfolio { get; } = portfolio;

    private Lazy<YearMonth?>? _latestMonth;

    /// <summary>The latest month with metrics; null when there are none. Kept across month writes (<see cref="CarryOver"/>), not found again.</summary>
    public YearMonth? LatestMonth =>
        (_latestMonth ??= new Lazy<YearMonth?>(() => Portfolio is { Metrics.Count: > 0 } p ? p.Metrics.Max(m => m.Month) : null)).Value;

    /// <summary>
    /// What <paramref name="build"/> makes of this portfolio, made once per key however many readers ask at
    /// the same time. The key must say everything the result depends on besides the portfolio.
    /// </summary>
    /// <remarks>
    /// Keys that start with <see cref="ScorecardKeyPrefix"/> followed by a period's label must hold the engine's
    /// scorecard of that period: it rests only on the period's months (CalculationContext), so a newer snapshot that
    /// changed other months only keeps it (<see cref="CarryOver"/>).
    /// The build is not cancelled with a reader: others may share it. A reader stops waiting with its own token.
    /// </remarks>
    public async Task<T> DeriveAsync<T>(string key, Func<Portfolio, Task<T>> build, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(build);
        var portfolio = Portfolio ?? throw new InvalidOperationException("An empty database has nothing to derive from.");
        if (_derived.Count >= MaxDerived && !_derived.ContainsKey(key))
        {
            // Bounded memory: a rare sweep through many periods starts the cache again rather than growing it.
            _derived.Clear();
        }

        var lazy = _derived.GetOrAdd(key, _ => new Lazy<Task<object>>(async () => await build(portfolio), LazyThreadSafetyMode.ExecutionAndPublication));
        return (T)await lazy.Value.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// The engine's scorecard of <paramref name="period"/>, calculated once per version and shared. When this snapshot
    /// differs from earlier ones only in some systems' months (<see cref="CarryOver"/>), the period's scorecards follow
    /// that lineage one calculation at a time, on a thread of their own (<see cref="ScorecardLane"/>): a month write
    /// costs its systems' figures and the totals, not all 10,000 systems, and readers wait without holding a thread.
    /// </summary>
    public Task<Scorecard> ScorecardOfAsync(Period period, TranslationEngine engine, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(engine);
        var key = ScorecardKeyPrefix + period.Label;
        return _lanes.TryGetValue(key, out var lane)
            ? lane.ScorecardAsync(Version, engine, cancellationToken)
            // A full calculation (after a load, or of a period no write touched) runs in the first reader's request, as
            // every page's did before lanes: it happens once per version and period, not once per write.
            : DeriveAsync(key, portfolio => Task.FromResult(engine.Calculate(portfolio, period)), cancellationToken);
    }

    /// <summary>
    /// Takes over from <paramref name="previous"/> the scorecards of periods that contain none of
    /// <paramref name="changed"/> months: this snapshot differs from it only in those systems' months. The other periods'
    /// scorecards, made or being made, start or continue a lane (<see cref="ScorecardLane"/>) that recalculates them.
    /// </summary>
    internal void CarryOver(PortfolioSnapshot previous, IReadOnlySet<(Guid SystemId, YearMonth Month)> changed)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(changed);
        var changedMonths = changed.Select(c => c.Month).ToHashSet();
        if (previous._latestMonth is { IsValueCreated: true })
        {
            // Months are only added or replaced by such a write: the latest is the later of the two.
            var latest = previous.LatestMonth;
            foreach (var month in changedMonths)
            {
                latest = latest is { } known && known >= month ? known : month;
            }

            _latestMonth = new Lazy<YearMonth?>(() => latest);
        }

        // The lanes go on (those read lately, at most MaxLanes): each learns of this snapshot and the months it changed.
        foreach (var (key, lane) in ScorecardLane.StillRead(previous._lanes, Stopwatch.GetTimestamp()))
        {
            lane.Add(this, changed);
            _lanes[key] = lane;
        }

        foreach (var (key, value) in previous._derived)
        {
            if (!key.StartsWith(ScorecardKeyPrefix, StringComparison.Ordinal) || _lanes.ContainsKey(key) || value.IsValueCreated && value.Value.IsFaulted)
            {
                continue;
            }

            if (PeriodOf(key[ScorecardKeyPrefix.Length..]) is not { } period)
            {
                continue;
            }

            if (!changedMonths.Any(period.Contains))
            {
                // Its months are the same here: the same scorecard, made or being made.
                _derived.TryAdd(key, value);
            }
            else if (_lanes.Count < ScorecardLane.MaxLanes)
            {
                var lane = new ScorecardLane(period, value, previous);
                lane.Add(this, changed);
                _lanes[key] = lane;
            }
        }
    }

    private static Period? PeriodOf(string label)
    {
        if (label.StartsWith("FY", StringComparison.Ordinal))
        {
            // A fiscal year's months depend on the organisation's fiscal start: not carried over.
            return null;
        }

        try
        {
            return Period.Parse(label);
        }
        catch (Domain.DomainRuleException)
        {
            return null;
        }
    }
}
