using BusinessValue.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Infrastructure.Identity;

/// <summary>
/// How account changes are written: in one transaction with their audit entries, serialised against each other,
/// so checks made first ("no account exists yet", "not the last administrator") still hold when the change
/// commits. SQLite transactions already take the database's write lock; PostgreSQL takes a transaction-scoped
/// advisory lock, released at commit or rollback.
/// </summary>
public static class AccountChanges
{
    private const long LockKey = 0x42560001; // "BV", accounts

    /// <summary>Runs <paramref name="work"/> in one transaction: committed when it returns true, otherwise rolled back with nothing kept.</summary>
    public static async Task RunAsync(BusinessValueDbContext db, Func<Task<bool>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);
            }

            if (await work())
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            else
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        });
    }

    /// <summary>Identity's refusals as sentences to show.</summary>
    public static List<string> Problems(this IdentityResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return [.. result.Errors.Select(e => e.Description)];
    }
}
