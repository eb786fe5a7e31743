using Microsoft.AspNetCore.Identity;

namespace BusinessValue.Infrastructure.Identity;

/// <summary>
/// The account rules, in one place for the app and the bv command line (docs/security.md#accounts):
/// OWASP ASVS 5 passwords (length, not composition, and not a common one), lockout after repeated failures.
/// </summary>
public static class AccountPolicy
{
    public const int MinimumPasswordLength = 12;
    public const int MaximumPasswordLength = 128;
    public const int FailuresBeforeLockout = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    public static void Apply(IdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Password.RequiredLength = MinimumPasswordLength;
        options.Password.RequireDigit = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequiredUniqueChars = 1;
        options.Lockout.AllowedForNewUsers = true;
        options.Lockout.MaxFailedAccessAttempts = FailuresBeforeLockout;
        options.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
        options.User.RequireUniqueEmail = false;
        // Sign-in names are e-mail addresses or plain names (an OpenID provider's preferred_username).
        options.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@+";
        options.SignIn.RequireConfirmedAccount = false;
    }
}
