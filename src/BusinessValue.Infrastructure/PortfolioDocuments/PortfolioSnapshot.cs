using System.Collections.Concurrent;
using BusinessValue.Domain.Engine;

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
    /// Takes over from <paramref name="previous"/> the scorecards of periods that contain none of
    /// <paramref name="changedMonths"/>: this snapshot differs from it only in those months.
    /// </summary>
    internal void CarryOver(PortfolioSnapshot previous, IReadOnlySet<Domain.Periods.YearMonth> changedMonths)
    {
        foreach (var (key, value) in previous._derived)
        {
            if (key.StartsWith(ScorecardKeyPrefix, StringComparison.Ordinal) && value.IsValueCreated
                && PeriodOf(key[ScorecardKeyPrefix.Length..]) is { } period && !changedMonths.Any(period.Contains))
            {
                _derived.TryAdd(key, value);
            }
        }
    }

    private static Domain.Periods.Period? PeriodOf(string label)
    {
        if (label.StartsWith("FY", StringComparison.Ordinal))
        {
            // A fiscal year's months depend on the organisation's fiscal start: not carried over.
            return null;
        }

        try
        {
            return Domain.Periods.Period.Parse(label);
        }
        catch (Domain.DomainRuleException)
        {
            return null;
        }
    }
}
