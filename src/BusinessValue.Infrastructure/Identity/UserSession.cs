namespace BusinessValue.Infrastructure.Identity;

/// <summary>
/// One sign-in, recorded on the server and named in its cookie: every request checks that it is still open,
/// so signing out (or disabling the account) ends it on every node at once, copied cookies included.
/// </summary>
public sealed class UserSession
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>The last request seen, kept to the minute (writing it on every request would cost a write per request).</summary>
    public DateTime LastSeenAtUtc { get; set; }

    public DateTime? EndedAtUtc { get; set; }

    public SessionEndReason? EndReason { get; set; }
}

public enum SessionEndReason
{
    SignedOut,

    /// <summary>Disabled, role or departments changed, password reset: whatever changed the account's security stamp.</summary>
    AccountChanged,

    /// <summary>The idle or absolute timeout passed.</summary>
    Expired,
}
