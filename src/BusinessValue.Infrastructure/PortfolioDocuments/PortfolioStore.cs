using System.Data.Common;
using BusinessValue.Domain.Engine;
using BusinessValue.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Infrastructure.PortfolioDocuments;

/// <summary>Loads the whole portfolio from the database, and replaces it in one transaction (restore, demo, import).</summary>
public static class PortfolioStore
{
    public static async Task<Portfolio?> LoadAsync(BusinessValueDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var organisation = await db.Organisation.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        if (organisation is null)
        {
            return null;
        }

        return new Portfolio(
            organisation,
            await db.Departments.AsNoTracking().ToListAsync(cancellationToken),
            await db.Processes.AsNoTracking().ToListAsync(cancellationToken),
            await db.Systems.AsNoTracking().ToListAsync(cancellationToken),
            await db.Dependencies.AsNoTracking().ToListAsync(cancellationToken),
            await db.Integrations.AsNoTracking().ToListAsync(cancellationToken),
            await db.Workarounds.AsNoTracking().Include(w => w.Systems).ToListAsync(cancellationToken),
            await db.Metrics.AsNoTracking().ToListAsync(cancellationToken),
            await db.RestoreTests.AsNoTracking().ToListAsync(cancellationToken));
    }

    /// <summary>
    /// The quarterly reviews and what they refer to, for the portfolio document's reviews section: reviews, agendas,
    /// decisions, frozen figures, action items, translation requests, and the accounts that own action items.
    /// </summary>
    public static async Task<ReviewRecords> LoadReviewsAsync(BusinessValueDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var actionItems = await db.ActionItems.AsNoTracking().ToListAsync(cancellationToken);
        var ownerIds = actionItems.SelectMany(a => new[] { a.ItOwnerId, a.BusinessOwnerId }).Distinct().ToList();
        var owners = await db.Users.AsNoTracking().Where(u => ownerIds.Contains(u.Id))
            .Select(u => new { u.Id, u.UserName, u.Email, u.DisplayName }).ToListAsync(cancellationToken);
        return new ReviewRecords(
            [.. owners.Select(u => new ReviewAccount(u.Id, u.UserName ?? u.Email ?? u.Id.ToString(), u.DisplayName))],
            await db.Reviews.AsNoTracking().ToListAsync(cancellationToken),
            await db.AgendaItems.AsNoTracking().ToListAsync(cancellationToken),
            await db.ReviewDecisions.AsNoTracking().ToListAsync(cancellationToken),
            await db.FrozenReviews.AsNoTracking().ToListAsync(cancellationToken),
            actionItems,
            await db.TranslationRequests.AsNoTracking().Include(r => r.Systems).ToListAsync(cancellationToken));
    }

    /// <summary>Deletes the current portfolio and writes this one: all of it, or nothing if anything fails. The database's reviews stay as they are.</summary>
    public static Task ReplaceAsync(BusinessValueDbContext db, Portfolio portfolio, CancellationToken cancellationToken = default) =>
        ReplaceAsync(db, portfolio, reviews: null, cancellationToken);

    /// <summary>
    /// Deletes the current portfolio and writes this one, all of it or nothing. With <paramref name="reviews"/> (a
    /// document with a reviews section), the database's reviews and translation requests are replaced by those too;
    /// without, they stay as they are (docs/portfolio-format.md#reviews).
    /// </summary>
    /// <exception cref="PortfolioRestoreException">An action item's owner cannot be restored; nothing was changed.</exception>
    public static async Task ReplaceAsync(BusinessValueDbContext db, Portfolio portfolio, ReviewRecords? reviews, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(portfolio);
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var accountsAdded = 0;
            if (reviews is not null)
            {
                await ClearReviewsAsync(db, cancellationToken);
                accountsAdded = await RestoreAccountsAsync(db, reviews.Accounts, cancellationToken);
            }

            await ClearAsync(db, cancellationToken);
            db.Organisation.Add(portfolio.Organisation);
            db.Departments.AddRange(portfolio.Departments);
            db.Processes.AddRange(portfolio.Processes);
            db.Systems.AddRange(portfolio.Systems);
            db.Dependencies.AddRange(portfolio.Dependencies);
            db.Integrations.AddRange(portfolio.Integrations);
            db.Workarounds.AddRange(portfolio.Workarounds);
            db.Metrics.AddRange(portfolio.Metrics);
            db.RestoreTests.AddRange(portfolio.RestoreTests);
            if (reviews is not null)
            {
                db.TranslationRequests.AddRange(reviews.TranslationRequests);
                db.Reviews.AddRange(reviews.Reviews);
                db.ActionItems.AddRange(reviews.ActionItems);
                db.AgendaItems.AddRange(reviews.Agenda);
                db.ReviewDecisions.AddRange(reviews.Decisions);
                db.FrozenReviews.AddRange(reviews.Frozen);
            }

            db.AuditTrail.Add(Audit.AuditEntry.Event(DateTime.UtcNow, Audit.AuditAction.PortfolioReplaced, db.Actor, "Portfolio", null,
                $"Replaced the whole portfolio of {portfolio.Organisation.Name}: {portfolio.Departments.Count} departments, " +
                $"{portfolio.Systems.Count} systems, {portfolio.Metrics.Count} monthly metric rows, {portfolio.Workarounds.Count} workarounds, " +
                $"{portfolio.Integrations.Count} integrations, {portfolio.RestoreTests.Count} restore tests" +
                (reviews is null
                    ? "; the reviews were kept as they were."
                    : $"; and the reviews: {reviews.Reviews.Count} reviews ({reviews.Frozen.Count} closed with frozen figures), {reviews.Decisions.Count} decisions, " +
                      $"{reviews.ActionItems.Count} action items, {reviews.TranslationRequests.Count} translation requests, {accountsAdded} disabled owner accounts added.")));
            // One entry for the whole replacement (above), not one per row.
            db.RecordsRowChanges = false;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            finally
            {
                db.RecordsRowChanges = true;
            }

            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
        });
    }

    /// <summary>The portfolio's version: raised by every write (docs: PortfolioVersion); 0 before the first.</summary>
    public static async Task<long> VersionAsync(BusinessValueDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.PortfolioVersions.AsNoTracking().Select(v => v.Version).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Raises the portfolio's version. Every write to the portfolio calls it inside its own transaction, so
    /// cached copies (PortfolioSnapshots) are replaced on their next use.
    /// </summary>
    public static Task MarkChangedAsync(BusinessValueDbContext db, CancellationToken cancellationToken = default) =>
        MarkChangedAsync(db, metrics: null, cancellationToken);

    /// <param name="metrics">The monthly metric rows the write changed, when it changed nothing else; null when it may have changed anything.</param>
    internal static async Task MarkChangedAsync(BusinessValueDbContext db, IReadOnlySet<(Guid SystemId, Domain.Periods.YearMonth Month)>? metrics, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        // One statement that raises and reads the new version (both providers know RETURNING): the snapshot learns
        // which version this write made, so it can apply the write alone instead of reloading everything.
        var raised = await db.Database.SqlQueryRaw<long>(RaiseSql)
            .ToListAsync(cancellationToken);
        var version = raised.Count == 1 ? raised[0] : 1L;
        if (raised.Count == 0)
        {
            db.PortfolioVersions.Add(new PortfolioVersion { Version = 1 });
            await db.SaveChangesAsync(cancellationToken);
        }

        PortfolioChanges.Raised(db, new PortfolioChange(version, metrics));
    }

    // "Value": the column name SqlQueryRaw<long> reads.
    private const string RaiseSql = "UPDATE portfolio_version SET \"Version\" = \"Version\" + 1 RETURNING \"Version\" AS \"Value\"";

    /// <summary>
    /// Raises the version in <paramref name="transaction"/> as its last statement before the commit, synchronously on
    /// purpose: the version's row stays locked from this statement to the commit, so every other write to the
    /// portfolio waits that long. Awaited, the commit would wait its turn on a busy thread pool in between, and under a
    /// stream of writes each would queue behind the one before (docs/performance.md#freshness-under-writes).
    /// </summary>
    /// <returns>The version raised to.</returns>
    private static long RaiseVersionBeforeCommit(DbTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = RaiseSql;
        if (command.ExecuteScalar() is { } raised and not DBNull)
        {
            return Convert.ToInt64(raised, System.Globalization.CultureInfo.InvariantCulture);
        }

        command.CommandText = $"INSERT INTO portfolio_version (\"Id\", \"Version\") VALUES ({PortfolioVersion.SingletonId}, 1)";
        command.ExecuteNonQuery();
        return 1;
    }

    /// <summary>
    /// Makes the raise a save of this transaction left for its commit (PortfolioChanges.RaiseAtCommit), once: both
    /// PortfolioChangeInterceptor (on every context) and PortfolioCommitObserver (the app's) call it just before the
    /// commit, and whichever comes first raises.
    /// </summary>
    internal static void RaiseDueBeforeCommit(DbContext? context, DbTransaction transaction)
    {
        if (context is not null && PortfolioChanges.TakeRaiseDue(context, out var metrics))
        {
            PortfolioChanges.Raised(context, new PortfolioChange(RaiseVersionBeforeCommit(transaction), metrics));
        }
    }

    /// <summary>Deletes every review and translation request, children first (a restore of a document with a reviews section).</summary>
    public static async Task ClearReviewsAsync(BusinessValueDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.AgendaItems.ExecuteDeleteAsync(cancellationToken);
        await db.ReviewDecisions.ExecuteDeleteAsync(cancellationToken);
        await db.FrozenReviews.ExecuteDeleteAsync(cancellationToken);
        await db.ActionItems.ExecuteDeleteAsync(cancellationToken);
        await db.Reviews.ExecuteDeleteAsync(cancellationToken);
        await db.Set<Domain.Reviews.TranslationRequestSystem>().ExecuteDeleteAsync(cancellationToken);
        await db.TranslationRequests.ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// Makes sure every account that owns an action item exists: one with the same id is used as it is; a missing one
    /// is added disabled, without password or role, so the items stay named and nobody can sign in with it until an
    /// administrator enables it. Accounts are never deleted by a restore.
    /// </summary>
    /// <returns>How many accounts were added.</returns>
    private static async Task<int> RestoreAccountsAsync(BusinessValueDbContext db, IReadOnlyList<ReviewAccount> accounts, CancellationToken cancellationToken)
    {
        var ids = accounts.Select(a => a.Id).ToList();
        var existing = (await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken)).ToHashSet();
        var missing = accounts.Where(a => !existing.Contains(a.Id)).ToList();
        var names = missing.Select(a => Normalised(a.UserName)).ToList();
        var taken = await db.Users.AsNoTracking().Where(u => names.Contains(u.NormalizedUserName!))
            .Select(u => new { u.Id, u.NormalizedUserName }).ToListAsync(cancellationToken);
        // Indexed over the document's list, so the path names the account where the document has it.
        var problems = accounts.Select((a, i) => (Account: a, Index: i, Other: existing.Contains(a.Id) ? null : taken.FirstOrDefault(t => t.NormalizedUserName == Normalised(a.UserName))))
            .Where(x => x.Other is not null)
            .Select(x => new PortfolioProblem($"$.reviews.accounts[{x.Index}].userName",
                $"'{x.Account.UserName}' is another account in this database (id {x.Other!.Id}, the document's is {x.Account.Id}): restore into a database without that account, or rename one of them first."))
            .ToList();
        if (problems.Count > 0)
        {
            throw new PortfolioRestoreException(problems);
        }

        var now = DateTime.UtcNow;
        db.Users.AddRange(missing.Select(a => new Identity.AppUser
        {
            Id = a.Id,
            UserName = a.UserName,
            NormalizedUserName = Normalised(a.UserName),
            DisplayName = a.DisplayName,
            IsDisabled = true,
            SecurityStamp = Guid.NewGuid().ToString("N"),
            ConcurrencyStamp = Guid.NewGuid().ToString(),
            CreatedAtUtc = now,
        }));
        return missing.Count;
    }

    // As ASP.NET Core Identity's default normaliser (UpperInvariantLookupNormalizer), so sign-in and uniqueness checks find the name.
    private static string Normalised(string userName) => userName.Normalize().ToUpperInvariant();

    /// <summary>Deletes every record of the portfolio, children first.</summary>
    public static async Task ClearAsync(BusinessValueDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await MarkChangedAsync(db, cancellationToken);
        await db.Metrics.ExecuteDeleteAsync(cancellationToken);
        await db.RestoreTests.ExecuteDeleteAsync(cancellationToken);
        await db.Set<Domain.Workarounds.WorkaroundSystem>().ExecuteDeleteAsync(cancellationToken);
        await db.Workarounds.ExecuteDeleteAsync(cancellationToken);
        await db.Integrations.ExecuteDeleteAsync(cancellationToken);
        await db.Dependencies.ExecuteDeleteAsync(cancellationToken);
        await db.Systems.ExecuteDeleteAsync(cancellationToken);
        await db.Processes.ExecuteDeleteAsync(cancellationToken);
        await db.Departments.ExecuteDeleteAsync(cancellationToken);
        await db.Organisation.ExecuteDeleteAsync(cancellationToken);
    }
}
