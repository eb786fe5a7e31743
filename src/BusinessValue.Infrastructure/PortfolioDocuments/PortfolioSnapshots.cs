using BusinessValue.Infrastructure.Persistence;

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
/// </remarks>
public sealed class PortfolioSnapshots : IDisposable
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly SemaphoreSlim _committed = new(0, 1);
    private PortfolioSnapshot? _current;

    /// <summary>The snapshot last loaded, without asking the database whether it is still current.</summary>
    public PortfolioSnapshot? Current => _current;

    public async Task<Domain.Engine.Portfolio?> GetAsync(BusinessValueDbContext db, CancellationToken cancellationToken = default) =>
        (await GetSnapshotAsync(db, cancellationToken)).Portfolio;

    /// <summary>The current snapshot: one query when nothing changed since the last load.</summary>
    public async Task<PortfolioSnapshot> GetSnapshotAsync(BusinessValueDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var version = await PortfolioStore.VersionAsync(db, cancellationToken);
        if (_current is { } cached && cached.Version == version)
        {
            return cached;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            // Someone else may have loaded it (or a newer one) while this reader waited.
            if (_current is { } loaded && loaded.Version >= version)
            {
                return loaded;
            }

            // Read after the version: a write in between makes the next reader see a newer version and reload.
            var portfolio = await PortfolioStore.LoadAsync(db, cancellationToken);
            var snapshot = new PortfolioSnapshot(version, portfolio);
            _current = snapshot;
            return snapshot;
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>Says a write was committed in this process; wakes one waiter of <see cref="WaitForCommitAsync"/>.</summary>
    public void NotifyCommitted()
    {
        try
        {
            _committed.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled and not yet seen: one wake-up covers any number of commits.
        }
    }

    /// <returns>True when a commit was signalled, false when the timeout passed first.</returns>
    public Task<bool> WaitForCommitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _committed.WaitAsync(timeout, cancellationToken);

    public void Dispose()
    {
        _loading.Dispose();
        _committed.Dispose();
    }
}
