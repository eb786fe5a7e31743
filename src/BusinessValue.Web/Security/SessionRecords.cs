using System.Security.Claims;
using BusinessValue.Infrastructure.Audit;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BusinessValue.Web.Security;

/// <summary>
/// Server-side session records (table <c>user_sessions</c>): made at every sign-in, named by a claim in the
/// cookie, checked on every request and by every open page's revalidation, ended at sign-out and whenever the
/// account's security stamp changes. The record lives in the database, so all nodes see an end at once.
/// No cache: one indexed query per request is the price of "a copied cookie stops working at once"
/// (docs/security.md#sessions).
/// </summary>
public sealed class SessionRecords(IDbContextFactory<BusinessValueDbContext> contexts, IOptions<IdentityOptions> identity, TimeProvider clock)
{
    public const string SessionClaim = "bv:session";

    /// <summary>How stale "last seen" may get before a request writes it again.</summary>
    private static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(10);
    private long _nextPruneTicks;

    /// <summary>Records a new sign-in and names it in the principal; prunes old records now and then.</summary>
    public async Task StartAsync(ClaimsPrincipal principal, Sessions sessions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(sessions);
        if (principal.Identity is not ClaimsIdentity claims || !Guid.TryParse(principal.FindFirstValue(identity.Value.ClaimsIdentity.UserIdClaimType), out var userId))
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var record = new UserSession { Id = Guid.CreateVersion7(), UserId = userId, CreatedAtUtc = now, LastSeenAtUtc = now };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.UserSessions.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var old in claims.FindAll(SessionClaim).ToList())
        {
            claims.RemoveClaim(old);
        }

        claims.AddClaim(new Claim(SessionClaim, record.Id.ToString()));
        await PruneAsync(db, sessions, now, cancellationToken);
    }

    /// <summary>
    /// Open while the cookie's session is open and its account unchanged (not disabled, same security stamp):
    /// one query joining the session to its account. A changed account ends all its sessions on the spot.
    /// </summary>
    public async Task<SessionState> CheckAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (!Guid.TryParse(principal.FindFirstValue(SessionClaim), out var sessionId)
            || !Guid.TryParse(principal.FindFirstValue(identity.Value.ClaimsIdentity.UserIdClaimType), out var userId))
        {
            return SessionState.Unknown;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await (from s in db.UserSessions.AsNoTracking()
                           join u in db.Users on s.UserId equals u.Id
                           where s.Id == sessionId && s.UserId == userId
                           select new { s.EndedAtUtc, s.LastSeenAtUtc, u.IsDisabled, u.SecurityStamp, u.UserName }).SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return SessionState.Unknown;
        }

        if (found.EndedAtUtc is not null)
        {
            return SessionState.Ended;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (found.IsDisabled || found.SecurityStamp != principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType))
        {
            await EndAllAsync(db, userId, SessionEndReason.AccountChanged, now, cancellationToken);
            return SessionState.Ended;
        }

        if (now - found.LastSeenAtUtc >= LastSeenResolution)
        {
            await db.UserSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(set => set.SetProperty(s => s.LastSeenAtUtc, now), cancellationToken);
        }

        return SessionState.Open;
    }

    /// <summary>Ends the principal's session (sign-out, timeout); false if it had none open.</summary>
    public async Task<bool> EndAsync(ClaimsPrincipal principal, SessionEndReason reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (!Guid.TryParse(principal.FindFirstValue(SessionClaim), out var sessionId))
        {
            return false;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.UserSessions.Where(s => s.Id == sessionId && s.EndedAtUtc == null)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.EndedAtUtc, now).SetProperty(s => s.EndReason, reason), cancellationToken) > 0;
    }

    /// <summary>Ends every open session of an account, in <paramref name="db"/>'s transaction if it has one.</summary>
    public static Task<int> EndAllAsync(BusinessValueDbContext db, Guid userId, SessionEndReason reason, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.UserSessions.Where(s => s.UserId == userId && s.EndedAtUtc == null)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.EndedAtUtc, nowUtc).SetProperty(s => s.EndReason, reason), cancellationToken);
    }

    /// <summary>
    /// Records older than the absolute timeout plus a day can no longer be used by any cookie: deleted, at most
    /// once per node every ten minutes, with one indexed statement (the audit trail keeps sign-ins and sign-outs).
    /// </summary>
    private async Task PruneAsync(BusinessValueDbContext db, Sessions sessions, DateTime now, CancellationToken cancellationToken)
    {
        var next = Interlocked.Read(ref _nextPruneTicks);
        if (now.Ticks < next || Interlocked.CompareExchange(ref _nextPruneTicks, now.Add(PruneEvery).Ticks, next) != next)
        {
            return;
        }

        var cutoff = now - sessions.AbsoluteTimeout - TimeSpan.FromDays(1);
        await db.UserSessions.Where(s => s.LastSeenAtUtc < cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}

public enum SessionState
{
    Open,

    /// <summary>No session claim (a cookie from before session records) or no such record (pruned): sign in again.</summary>
    Unknown,

    /// <summary>Signed out, timed out or the account changed: a cookie still presenting it is a copy or a stale tab.</summary>
    Ended,
}
