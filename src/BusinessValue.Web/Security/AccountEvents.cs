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
        db.AuditTrail.Add(new AuditEntry
        {
            OccurredAtUtc = clock.GetUtcNow().UtcDateTime,
            Action = action,
            Actor = Truncate(actor, AuditEntry.ActorMaxLength),
            ActorId = actorId,
            EntityType = "Account",
            EntityId = actorId?.ToString(),
            Summary = Truncate(summary, AuditEntry.SummaryMaxLength),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
