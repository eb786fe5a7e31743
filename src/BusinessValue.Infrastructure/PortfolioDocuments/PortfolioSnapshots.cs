using BusinessValue.Domain.Engine;
using BusinessValue.Infrastructure.Persistence;

namespace BusinessValue.Infrastructure.PortfolioDocuments;

/// <summary>
/// The portfolio as last read, shared by every reader until the database's portfolio version moves on.
/// A scorecard then costs one small query rather than a full load, and every open page shares one copy.
/// Consumers must treat the portfolio as read-only.
/// </summary>
public sealed class PortfolioSnapshots : IDisposable
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private Snapshot? _current;

    public async Task<Portfolio?> GetAsync(BusinessValueDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var version = await PortfolioStore.VersionAsync(db, cancellationToken);
        if (_current is { } cached && cached.Version == version)
        {
            return cached.Portfolio;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } loaded && loaded.Version == version)
            {
                return loaded.Portfolio;
            }

            // Read after the version: a write in between makes the next reader see a newer version and reload.
            var portfolio = await PortfolioStore.LoadAsync(db, cancellationToken);
            _current = new Snapshot(version, portfolio);
            return portfolio;
        }
        finally
        {
            _loading.Release();
        }
    }

    public void Dispose() => _loading.Dispose();

    private sealed record Snapshot(long Version, Portfolio? Portfolio);
}
