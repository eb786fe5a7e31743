using BusinessValue.Infrastructure.Audit;
using BusinessValue.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Web.Security;

/// <summary>Sign-ins, failures and lockouts in the audit trail: who (or which name was tried), when, from which address.</summary>
public sealed class AccountEvents(IDbContextFactory<BusinessValueDbContext> contexts, TimeProvider clock)
{
    public async Task RecordAsync(AuditAction action, string actor, Guid? actorId, string summary, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.AuditTrail.Add(AuditEntry.Event(clock.GetUtcNow().UtcDateTime, action, new AuditActor(actor, actorId), "Account", actorId?.ToString(), summary));
        await db.SaveChangesAsync(cancellationToken);
    }
}
