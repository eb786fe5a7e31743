using BusinessValue.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Infrastructure.Identity;

/// <summary>
/// Serialises changes to accounts that check first and write after ("no account exists yet", "not the last
/// administrator"), so two at the same moment cannot both pass the check. SQLite transactions already take the
/// database's write lock; PostgreSQL takes a transaction-scoped advisory lock, released at commit or rollback.
/// </summary>
public static class AccountLock
{
    private const long Key = 0x42560001; // "BV", accounts

    /// <summary>Call inside the transaction that makes the change.</summary>
    public static async Task TakeAsync(BusinessValueDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({Key})", cancellationToken);
        }
    }
}
