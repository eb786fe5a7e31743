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

    public long Version { get; } = version;

    /// <summary>Null when the database holds no organisation yet.</summary>
    public Portfolio? Portfolio { get; } = portfolio;

    /// <summary>
    /// What <paramref name="build"/> makes of this portfolio, made once per key however many readers ask at
    /// the same time. The key must say everything the result depends on besides the portfolio.
    /// </summary>
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
}
