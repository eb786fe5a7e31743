using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BusinessValue.Infrastructure.PortfolioDocuments;

/// <summary>
/// Tells <see cref="PortfolioSnapshots"/> when a change to the portfolio has been committed in this process,
/// so the snapshot can be reloaded before the next page needs it. A change to the portfolio always raises
/// its version (PortfolioChangeInterceptor), so a context that wrote <c>portfolio_version</c> is the signal;
/// sign-ins, audit entries and accounts do not wake the reload.
/// </summary>
internal sealed class PortfolioCommitObserver(PortfolioSnapshots snapshots) : DbTransactionInterceptor, ISaveChangesInterceptor, IDbCommandInterceptor
{
    private static readonly ConditionalWeakTable<DbContext, object> VersionRaised = [];

    // A new transaction starts with nothing raised: what a failed attempt before it raised was never committed.
    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Forget(eventData.Context);
        return result;
    }

    public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return ValueTask.FromResult(result);
    }

    // Just before the commit: a raise left for it is made now; the versions the commit will make are ours, so a reader
    // that sees them before our notice waits for it.
    public override InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        Committing(transaction, eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        // Synchronously on purpose (PortfolioStore.RaiseVersionBeforeCommit).
        Committing(transaction, eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Forget(eventData.Context);

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => NotifyIfRaised(eventData.Context);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        NotifyIfRaised(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    // Without an explicit transaction, SaveChanges has committed by the time it returns.
    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        NotifyUnlessInTransaction(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        NotifyUnlessInTransaction(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Watch(command, eventData);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Watch(command, eventData);
        return ValueTask.FromResult(result);
    }

    public DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Watch(command, eventData);
        return result;
    }

    public ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Watch(command, eventData);
        return ValueTask.FromResult(result);
    }

    private static void Watch(DbCommand command, CommandEventData eventData)
    {
        var text = command.CommandText;
        if (eventData.Context is { } context && text.Contains("portfolio_version", StringComparison.Ordinal) && !text.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
        {
            VersionRaised.AddOrUpdate(context, VersionRaised);
        }
    }

    private void NotifyUnlessInTransaction(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            NotifyIfRaised(context);
        }
    }

    private void NotifyIfRaised(DbContext? context)
    {
        // A raise at the commit is not a command these interceptors see: it is among the pending changes.
        if (context is not null && (VersionRaised.Remove(context) | PortfolioChanges.Pending(context).Count > 0))
        {
            snapshots.NotifyCommitted(PortfolioChanges.Take(context));
        }
    }

    private void Committing(DbTransaction transaction, DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        // Whichever of this and PortfolioChangeInterceptor comes first raises; the versions raised are pending either way.
        PortfolioStore.RaiseDueBeforeCommit(context, transaction);
        snapshots.Committing(PortfolioChanges.Pending(context));
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            VersionRaised.Remove(context);
            snapshots.Abandoned(PortfolioChanges.Pending(context));
            PortfolioChanges.Forget(context);
        }
    }
}
