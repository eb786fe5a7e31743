using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BusinessValue.Infrastructure.PortfolioDocuments;

/// <summary>
/// Tells <see cref="PortfolioSnapshots"/> when a write has been committed in this process, so the snapshot
/// can be reloaded before the next page needs it. Whether the portfolio really changed is left to the
/// version check: a false alarm costs one small query.
/// </summary>
internal sealed class PortfolioCommitObserver(PortfolioSnapshots snapshots) : DbTransactionInterceptor, ISaveChangesInterceptor
{
    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => snapshots.NotifyCommitted();

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        snapshots.NotifyCommitted();
        return Task.CompletedTask;
    }

    // Without an explicit transaction, SaveChanges has committed by the time it returns.
    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        NotifyUnlessInTransaction(eventData);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        NotifyUnlessInTransaction(eventData);
        return ValueTask.FromResult(result);
    }

    private void NotifyUnlessInTransaction(SaveChangesCompletedEventData eventData)
    {
        if (eventData.Context?.Database.CurrentTransaction is null)
        {
            snapshots.NotifyCommitted();
        }
    }
}
