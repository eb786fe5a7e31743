using System.Data.Common;
using System.Runtime.CompilerServices;
using BusinessValue.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BusinessValue.Infrastructure.PortfolioDocuments;

/// <summary>
/// Raises the portfolio version after any saved change to the portfolio, so no future write path can leave
/// a cached snapshot stale by forgetting to: at once after a save that committed on its own, or just before the commit
/// of the transaction the save is in (PortfolioChanges.RaiseAtCommit). The explicit calls in PortfolioStore stay: they
/// raise it inside their own transaction; this is the safety net for everything else.
/// </summary>
internal sealed class PortfolioChangeInterceptor : SaveChangesInterceptor, IDbTransactionInterceptor
{
    public static readonly PortfolioChangeInterceptor Instance = new();

    // The value: the metric rows saved when the save is known to change nothing else (PortfolioChanges.ExpectMetricsOnly), else a plain marker.
    private static readonly ConditionalWeakTable<DbContext, object> Changed = [];

    // Only the portfolio's own records (the domain's types) change scorecards; accounts, keys and the audit trail do not.
    private static readonly System.Reflection.Assembly PortfolioAssembly = typeof(Domain.Systems.ItSystem).Assembly;

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Remember(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Remember(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is BusinessValueDbContext db && Changed.TryGetValue(db, out var changed) && Changed.Remove(db) && !LeftForTheCommit(db, changed))
        {
            PortfolioStore.MarkChangedAsync(db, changed as IReadOnlySet<(Guid SystemId, Domain.Periods.YearMonth Month)>).GetAwaiter().GetResult();
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is BusinessValueDbContext db && Changed.TryGetValue(db, out var changed) && Changed.Remove(db) && !LeftForTheCommit(db, changed))
        {
            await PortfolioStore.MarkChangedAsync(db, changed as IReadOnlySet<(Guid SystemId, Domain.Periods.YearMonth Month)>, cancellationToken);
        }

        return result;
    }

    /// <summary>
    /// In an open transaction the raise is left for its commit (TransactionCommitting below, PortfolioChanges.RaiseAtCommit);
    /// otherwise SaveChanges' own transaction has committed already and the caller raises the version on its own.
    /// </summary>
    private static bool LeftForTheCommit(DbContext db, object changed)
    {
        if (db.Database.CurrentTransaction is null)
        {
            return false;
        }

        PortfolioChanges.RaiseAtCommit(db, changed as IReadOnlySet<(Guid SystemId, Domain.Periods.YearMonth Month)>);
        return true;
    }

    // On every context, the app's or not (bv, tests): a raise left for the commit is made just before it.
    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        PortfolioStore.RaiseDueBeforeCommit(eventData.Context, transaction);
        return result;
    }

    public ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        // Synchronously on purpose (PortfolioStore.RaiseVersionBeforeCommit).
        PortfolioStore.RaiseDueBeforeCommit(eventData.Context, transaction);
        return ValueTask.FromResult(result);
    }

    // Reviews, decisions and action items are read beside the scorecard, not by the engine: they leave the snapshot current.
    private static bool IsReview(Type type) => type.Namespace == typeof(Domain.Reviews.Review).Namespace;

    private static void Remember(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var metricsOnly = PortfolioChanges.TakeMetricsOnly(context);
        HashSet<(Guid SystemId, Domain.Periods.YearMonth Month)>? metrics = metricsOnly ? [] : null;
        var changed = false;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && entry.Metadata.ClrType.Assembly == PortfolioAssembly
                && !IsReview(entry.Metadata.ClrType))
            {
                changed = true;
                // Only added or changed months are applied to a snapshot row by row; anything else reloads it whole.
                if (metrics is not null && entry.State is not EntityState.Deleted && entry.Entity is Domain.Metrics.MonthlyMetrics month)
                {
                    metrics.Add((month.SystemId, month.Month));
                }
                else
                {
                    metrics = null;
                    if (!metricsOnly)
                    {
                        break;
                    }
                }
            }
        }

        if (changed)
        {
            Changed.AddOrUpdate(context, metrics is { Count: > 0 } ? metrics : Instance);
        }
    }
}
