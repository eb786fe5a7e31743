using Microsoft.AspNetCore.Identity;

namespace BusinessValue.Infrastructure.Identity;

/// <summary>A person who signs in: a local account (password) or one from the organisation's OpenID provider.</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public const int DisplayNameMaxLength = 200;

    public string DisplayName { get; set; } = string.Empty;

    /// <summary>A disabled account cannot sign in, and its open sessions end at their next check (docs/security.md).</summary>
    public bool IsDisabled { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? LastSignInAtUtc { get; set; }
}
