using BusinessValue.Infrastructure.Audit;
using BusinessValue.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Infrastructure.Identity;

/// <summary>
/// The way in when nobody can sign in: the first-run setup page (while no account exists) and
/// <c>bv admin reset</c> for operators locked out. Each change and its audit entry commit together.
/// </summary>
public sealed class FirstAdministrator(UserManager<AppUser> users, BusinessValueDbContext db, TimeProvider clock)
{
    public Task<bool> AnyAccountAsync(CancellationToken cancellationToken = default) => users.Users.AnyAsync(cancellationToken);

    /// <summary>Creates the first administrator; refused once any account exists.</summary>
    public async Task<(AppUser? User, IReadOnlyList<string> Errors)> CreateAsync(string displayName, string userName, string password, CancellationToken cancellationToken = default)
    {
        AppUser? created = null;
        IReadOnlyList<string> errors = [];
        await AccountChanges.RunAsync(db, async () =>
        {
            if (await users.Users.AnyAsync(cancellationToken))
            {
                errors = ["An account exists already: sign in, or ask an administrator."];
                return false;
            }

            var user = NewUser(displayName, userName);
            errors = await CreateWithRoleAsync(user, password);
            if (errors.Count > 0)
            {
                return false;
            }

            Record(AuditAction.UserCreated, new AuditActor(user.UserName!, user.Id), user, "Created the first administrator on the setup page.");
            created = user;
            return true;
        }, cancellationToken);
        return (created, errors);
    }

    /// <summary>
    /// Creates an administrator, or gives an existing account a new password, the Administrator role, and
    /// enables and unlocks it. Open sessions of that account end (new security stamp).
    /// </summary>
    public async Task<(bool Created, IReadOnlyList<string> Errors)> CreateOrResetAsync(string userName, string password, string? displayName, CancellationToken cancellationToken = default)
    {
        var created = false;
        IReadOnlyList<string> errors = [];
        await AccountChanges.RunAsync(db, async () =>
        {
            var actor = new AuditActor("bv admin reset");
            var user = await users.FindByNameAsync(userName.Trim());
            if (user is null)
            {
                user = NewUser(string.IsNullOrWhiteSpace(displayName) ? userName : displayName, userName);
                errors = await CreateWithRoleAsync(user, password);
                created = errors.Count == 0;
                if (created)
                {
                    Record(AuditAction.UserCreated, actor, user, "Created an administrator from the command line.");
                }

                return created;
            }

            // Check the new password first, so a refused one changes nothing.
            errors = await PasswordProblemsAsync(user, password);
            if (errors.Count > 0)
            {
                return false;
            }

            user.IsDisabled = false;
            if (!string.IsNullOrWhiteSpace(displayName))
            {
                user.DisplayName = displayName.Trim();
            }

            errors = (await users.RemovePasswordAsync(user)).Problems()
                .Concat((await users.AddPasswordAsync(user, password)).Problems())
                .Concat((await users.SetLockoutEndDateAsync(user, null)).Problems())
                .Concat((await users.ResetAccessFailedCountAsync(user)).Problems())
                .Concat(await OnlyAdministratorAsync(user))
                .Concat((await users.UpdateSecurityStampAsync(user)).Problems())
                .ToList();
            if (errors.Count > 0)
            {
                return false;
            }

            Record(AuditAction.PasswordReset, actor, user, "Reset the password, enabled and unlocked the account and made it an administrator, from the command line.");
            return true;
        }, cancellationToken);
        return (created, errors);
    }

    /// <summary>Each person has one role: the administrator's replaces any other.</summary>
    private async Task<IReadOnlyList<string>> OnlyAdministratorAsync(AppUser user)
    {
        var others = (await users.GetRolesAsync(user)).Where(role => role != Roles.Administrator).ToList();
        var problems = others.Count > 0 ? (await users.RemoveFromRolesAsync(user, others)).Problems() : [];
        return problems.Count > 0 || await users.IsInRoleAsync(user, Roles.Administrator) ? problems : (await users.AddToRoleAsync(user, Roles.Administrator)).Problems();
    }

    private AppUser NewUser(string displayName, string userName) => new()
    {
        Id = Guid.CreateVersion7(),
        UserName = userName.Trim(),
        DisplayName = displayName.Trim(),
        CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
    };

    private async Task<IReadOnlyList<string>> CreateWithRoleAsync(AppUser user, string password)
    {
        var problems = (await users.CreateAsync(user, password)).Problems();
        return problems.Count > 0 ? problems : (await users.AddToRoleAsync(user, Roles.Administrator)).Problems();
    }

    private async Task<IReadOnlyList<string>> PasswordProblemsAsync(AppUser user, string password)
    {
        var problems = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            problems.AddRange((await validator.ValidateAsync(users, user, password)).Problems());
        }

        return problems;
    }

    private void Record(AuditAction action, AuditActor actor, AppUser user, string summary) =>
        db.AuditTrail.Add(AuditEntry.Event(clock.GetUtcNow().UtcDateTime, action, actor, "User", user.Id.ToString(), $"{summary} Account: {user.UserName}."));
}
