namespace BusinessValue.Infrastructure.Audit;

/// <summary>
/// One line of the audit trail: who did what, when (UTC), to which record, with each field's old and new
/// value. Written in the same transaction as the change it records, and never edited or deleted
/// (AuditTrailInterceptor refuses; the database refuses too, docs/security.md#audit-trail).
/// </summary>
public sealed class AuditEntry
{
    public const int ActorMaxLength = 256;
    public const int EntityTypeMaxLength = 100;
    public const int EntityIdMaxLength = 100;
    public const int SummaryMaxLength = 1000;

    public long Id { get; set; }

    public DateTime OccurredAtUtc { get; set; }

    public AuditAction Action { get; set; }

    /// <summary>Who: a user's name, "API key 'name'", or the command that wrote (e.g. "bv import").</summary>
    public string Actor { get; set; } = string.Empty;

    /// <summary>The user's or API key's id; null for the system and the command line.</summary>
    public Guid? ActorId { get; set; }

    /// <summary>The kind of record ("ItSystem", "MonthlyMetrics", "User", "ApiKey"); empty for sign-in events.</summary>
    public string EntityType { get; set; } = string.Empty;

    /// <summary>The record's key as text (composite keys joined with '/').</summary>
    public string? EntityId { get; set; }

    /// <summary>The IT system the record belongs to, so the audit page can filter by system.</summary>
    public Guid? SystemId { get; set; }

    /// <summary>Each changed field with its old and new value, as JSON (<see cref="FieldChange"/>).</summary>
    public string? Changes { get; set; }

    /// <summary>One readable sentence for events that are not field changes ("Signed in", "Imported 12 systems").</summary>
    public string? Summary { get; set; }

    /// <summary>An event that is not a field change (a sign-in, a role change, an import, an API call), cut to fit its columns.</summary>
    public static AuditEntry Event(DateTime atUtc, AuditAction action, AuditActor actor, string entityType, string? entityId, string summary)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return new AuditEntry
        {
            OccurredAtUtc = atUtc,
            Action = action,
            Actor = Fit(actor.Name, ActorMaxLength),
            ActorId = actor.Id,
            EntityType = entityType,
            EntityId = entityId,
            Summary = Fit(summary, SummaryMaxLength),
        };
    }

    /// <summary>Text cut to a column's length, marked with an ellipsis when cut.</summary>
    internal static string Fit(string text, int maxLength) => text.Length <= maxLength ? text : text[..(maxLength - 1)] + "…";
}

public enum AuditAction
{
    Created,
    Updated,
    Deleted,
    PortfolioReplaced,
    SignedIn,
    SignInFailed,
    SignedOut,
    LockedOut,
    UserCreated,
    UserChanged,
    RolesChanged,
    PasswordReset,
    ApiKeyCreated,
    ApiKeyRevoked,
    ApiCall,

    /// <summary>A spreadsheet import: one entry naming the file and its counts (the monthly metrics' only entry: they are written in bulk).</summary>
    Imported,

    /// <summary>An administrator reopened a closed quarterly review: who, when and the reason.</summary>
    ReviewReopened,

    /// <summary>A cookie of a session that had ended (signed out, account changed) was presented and refused: a copy, or a stale tab.</summary>
    SessionRefused,
}

/// <summary>One field's change; values are shown as text, exactly as stored (invariant culture).</summary>
public sealed record FieldChange(string Field, string? Old, string? New);
