using System.Collections.Concurrent;
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

    private readonly ConcurrentDictionary<string, Lazy<object>> _derived = new(StringComparer.Ordinal);

    /// <summary>The beginning of the key of a period's engine scorecard: "scorecard:2026-Q3".</summary>
    public const string ScorecardKeyPrefix = "scorecard:";

    public long Version { get; } = version;

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
    /// </remarks>
    public T Derive<T>(string key, Func<Portfolio, T> build)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(build);
        var portfolio = Portfolio ?? throw new InvalidOperationException("An empty database has nothing to derive from.");
        if (_derived.Count >= MaxDerived && !_derived.ContainsKey(key))
        {
            // Bounded memory: a rare sweep through many periods starts the cache again rather than growing it.
            _derived.Clear();
        }

        var lazy = _derived.GetOrAdd(key, _ => new Lazy<object>(() => build(portfolio), LazyThreadSafetyMode.ExecutionAndPublication));
        return (T)lazy.Value;
    }

    /// <summary>
    /// The engine's scorecard of <paramref name="period"/>, calculated once per version and shared. When this snapshot
    /// differs from an earlier one only in some systems' months (<see cref="CarryOver"/>), it is that snapshot's scorecard
    /// with those systems calculated again (<see cref="TranslationEngine.Recalculate"/>): a month write costs its systems'
    /// figures and the totals, not all 10,000 systems. A calculation of the earlier version still under way is awaited
    /// and built on, so readers share one calculation at a time and each folds in every write since the last.
    /// </summary>
    public Scorecard ScorecardOf(Period period, TranslationEngine engine)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(engine);
        var key = ScorecardKeyPrefix + period.Label;
        return Derive(key, portfolio =>
        {
            // Used once: afterwards the earlier scorecard (and its portfolio) can go.
            if (_bases.TryRemove(key, out var basis) && Built(basis.Previous) is { } previous && previous.Period == period)
            {
                var systems = new HashSet<Guid>();
                foreach (var (systemId, month) in basis.Changed)
                {
                    if (period.Contains(month))
                    {
                        systems.Add(systemId);
                    }
                }

                return engine.Recalculate(previous, portfolio, systems);
            }

            return engine.Calculate(portfolio, period);
        });
    }

    /// <summary>The earlier version's scorecard once its calculation ends; null if it failed (then a full calculation).</summary>
    private static Scorecard? Built(Lazy<object> previous)
    {
        try
        {
            return previous.Value as Scorecard;
        }
        catch (Exception failed) when (failed is not OutOfMemoryException)
        {
            return null;
        }
    }

    /// <summary>
    /// Takes over from <paramref name="previous"/> the scorecards of periods that contain none of
    /// <paramref name="changed"/> months: this snapshot differs from it only in those systems' months. The scorecards of
    /// the other periods, made or being made, become what this snapshot's are recalculated from (<see cref="ScorecardOf"/>).
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

        foreach (var (key, value) in previous._derived)
        {
            if (!key.StartsWith(ScorecardKeyPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            if (value.IsValueCreated && PeriodOf(key[ScorecardKeyPrefix.Length..]) is { } period && !changedMonths.Any(period.Contains))
            {
                _derived.TryAdd(key, value);
            }
            else if (changed.Count <= MaxChangesBuiltOn)
            {
                _bases[key] = new Basis(value, changed);
            }
        }

        // Periods nobody asked for in the previous version: built on the scorecard before it, with both versions' months.
        foreach (var (key, basis) in previous._bases)
        {
            if (!_derived.ContainsKey(key) && !_bases.ContainsKey(key) && basis.Changed.Count + changed.Count <= MaxChangesBuiltOn)
            {
                _bases[key] = new Basis(basis.Previous, new HashSet<(Guid, YearMonth)>([.. basis.Changed, .. changed]));
            }
        }
    }

    /// <summary>Beyond this many changed months since a scorecard, calculating everything again costs about the same.</summary>
    private const int MaxChangesBuiltOn = 5_000;

    private readonly ConcurrentDictionary<string, Basis> _bases = new(StringComparer.Ordinal);

    /// <summary>An earlier version's scorecard (made, or being made) and the months changed since it.</summary>
    private sealed record Basis(Lazy<object> Previous, IReadOnlySet<(Guid SystemId, YearMonth Month)> Changed);

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
