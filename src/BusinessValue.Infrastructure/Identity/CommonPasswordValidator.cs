using System.Reflection;
using Microsoft.AspNetCore.Identity;

namespace BusinessValue.Infrastructure.Identity;

/// <summary>
/// OWASP ASVS 5 (V6.2): refuses a password found in a list of commonly used ones, shipped with the app
/// (common-passwords.NOTICE.md), and one longer than 128 characters. The minimum length is Identity's own
/// validator (AccountPolicy); there are no composition rules.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<AppUser>
{
    public const string ErrorCode = "CommonPassword";

    private static readonly Lazy<HashSet<string>> Common = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password) =>
        Task.FromResult(password switch
        {
            // ASVS allows at least 64 characters; an upper bound stops very long input from wasting hashing time.
            { Length: > AccountPolicy.MaximumPasswordLength } => IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooLong",
                Description = $"Passwords can be up to {AccountPolicy.MaximumPasswordLength} characters.",
            }),
            not null when IsCommon(password) => IdentityResult.Failed(new IdentityError
            {
                Code = ErrorCode,
                Description = "This password is on a list of commonly used passwords that attackers try first. Choose another, for example a few unrelated words.",
            }),
            _ => IdentityResult.Success,
        });

    public static bool IsCommon(string password) => Common.Value.Contains(password.Trim().ToLowerInvariant());

    private static HashSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("BusinessValue.CommonPasswords.txt")
            ?? throw new InvalidOperationException("The list of common passwords is missing from the build.");
        using var reader = new StreamReader(stream);
        var passwords = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                passwords.Add(line);
            }
        }

        return passwords;
    }
}
