using BusinessValue.Infrastructure.Audit;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Infrastructure.Persistence;
using BusinessValue.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Web.Features.Admin;

public sealed record UserRow(Guid Id, string UserName, string DisplayName, string? Role, bool IsDisabled, bool IsLockedOut, DateTime? LastSignInAtUtc, IReadOnlyList<Guid> Departments);

/// <summary>
/// The administrator's management of accounts. Every change ends the account's open sessions (new security
/// stamp and session records ended: cookies at once, on every node; open pages within a minute) and is audited in the same transaction.
/// Each person has one role.
/// </summary>
public sealed class UserAdministration(IServiceScopeFactory scopes, AccessGuard access, TimeProvider clock)
{
    public async Task<IReadOnlyList<UserRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await access.DemandAsync(AccessPolicies.ManageUsers);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BusinessValueDbContext>();
        var roles = await (from userRole in db.UserRoles
                           join role in db.Roles on userRole.RoleId equals role.Id
                           select new { userRole.UserId, role.Name }).ToListAsync(cancellationToken);
        var roleOf = roles.GroupBy(r => r.UserId).ToDictionary(g => g.Key, g => g.First().Name);
        var departments = (await db.UserClaims.AsNoTracking().Where(c => c.ClaimType == AccessPolicies.DepartmentClaim).ToListAsync(cancellationToken))
            .ToLookup(c => c.UserId, c => Guid.TryParse(c.ClaimValue, out var id) ? id : Guid.Empty);
        var now = clock.GetUtcNow();
        return [.. (await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(cancellationToken))
            .Select(u => new UserRow(u.Id, u.UserName!, u.DisplayName, roleOf.GetValueOrDefault(u.Id), u.IsDisabled, u.LockoutEnd > now, u.LastSignInAtUtc, [.. departments[u.Id]]))];
    }

    /// <summary>The departments whose business data a business owner may change (docs/security.md#roles).</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> DepartmentsAsync(CancellationToken cancellationToken = default)
    {
        await access.DemandAsync(AccessPolicies.ManageUsers);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BusinessValueDbContext>();
        return [.. (await db.Departments.AsNoTracking().OrderBy(d => d.Name).Select(d => new { d.Id, d.Name }).ToListAsync(cancellationToken)).Select(d => (d.Id, d.Name))];
    }

    /// <returns>The problems (which field and why); empty when created.</returns>
    public Task<IReadOnlyList<string>> CreateAsync(string displayName, string userName, string password, string role, CancellationToken cancellationToken = default) =>
        ChangeAsync(null, async (users, db, actor, record) =>
        {
            if (Roles.Find(role) is not { } known)
            {
                return [$"Role: \"{role}\" is not one of {string.Join(", ", Roles.All)}."];
            }

            if (string.IsNullOrWhiteSpace(displayName))
            {
                return ["Name: enter the person's name."];
            }

            var user = new AppUser { Id = Guid.CreateVersion7(), UserName = userName.Trim(), DisplayName = displayName.Trim(), CreatedAtUtc = clock.GetUtcNow().UtcDateTime };
            var problems = (await users.CreateAsync(user, password)).Problems();
            if (problems.Count == 0)
            {
                problems = (await users.AddToRoleAsync(user, known)).Problems();
            }

            record(AuditAction.UserCreated, user, $"Created the account {user.UserName} ({user.DisplayName}) with the role {known}.");
            return problems;
        }, cancellationToken);

    public Task<IReadOnlyList<string>> ChangeRoleAsync(Guid userId, string role, CancellationToken cancellationToken = default) =>
        ChangeAsync(userId, async (users, db, actor, record) =>
        {
            var user = await users.FindByIdAsync(userId.ToString());
            if (user is null || Roles.Find(role) is not { } known)
            {
                return ["This account or role does not exist."];
            }

            var old = await users.GetRolesAsync(user);
            if (old.Contains(Roles.Administrator) && known != Roles.Administrator && await LastAdministratorAsync(users, user))
            {
                return ["This is the last administrator: give another account the Administrator role first."];
            }

            var problems = (await users.RemoveFromRolesAsync(user, old)).Problems();
            problems.AddRange((await users.AddToRoleAsync(user, known)).Problems());
            problems.AddRange((await users.UpdateSecurityStampAsync(user)).Problems());
            await SessionRecords.EndAllAsync(db, user.Id, SessionEndReason.AccountChanged, clock.GetUtcNow().UtcDateTime, cancellationToken);
            record(AuditAction.RolesChanged, user, $"Changed the role of {user.UserName} from {string.Join(", ", old)} to {known}; their open sessions end.");
            return problems;
        }, cancellationToken);

    public Task<IReadOnlyList<string>> SetDisabledAsync(Guid userId, bool disabled, CancellationToken cancellationToken = default) =>
        ChangeAsync(userId, async (users, db, actor, record) =>
        {
            var user = await users.FindByIdAsync(userId.ToString());
            if (user is null)
            {
                return ["This account does not exist."];
            }

            if (disabled && actor.Id == user.Id)
            {
                return ["You cannot disable your own account."];
            }

            if (disabled && await users.IsInRoleAsync(user, Roles.Administrator) && await LastAdministratorAsync(users, user))
            {
                return ["This is the last administrator: give another account the Administrator role first."];
            }

            user.IsDisabled = disabled;
            var problems = (await users.UpdateAsync(user)).Problems();
            problems.AddRange((await users.UpdateSecurityStampAsync(user)).Problems());
            await SessionRecords.EndAllAsync(db, user.Id, SessionEndReason.AccountChanged, clock.GetUtcNow().UtcDateTime, cancellationToken);
            record(AuditAction.UserChanged, user, disabled ? $"Disabled the account {user.UserName}; its open sessions end." : $"Enabled the account {user.UserName}.");
            return problems;
        }, cancellationToken);

    /// <summary>Assigns the departments whose business data the person may change; their open sessions take it up at once.</summary>
    public Task<IReadOnlyList<string>> SetDepartmentsAsync(Guid userId, IReadOnlyCollection<Guid> departmentIds, CancellationToken cancellationToken = default) =>
        ChangeAsync(userId, async (users, db, actor, record) =>
        {
            var user = await users.FindByIdAsync(userId.ToString());
            if (user is null)
            {
                return ["This account does not exist."];
            }

            var known = await db.Departments.AsNoTracking().Where(d => departmentIds.Contains(d.Id)).Select(d => new { d.Id, d.Name }).ToListAsync(cancellationToken);
            if (known.Count != departmentIds.Distinct().Count())
            {
                return ["Departments: one of them no longer exists; reload the page."];
            }

            var old = (await users.GetClaimsAsync(user)).Where(c => c.Type == AccessPolicies.DepartmentClaim).ToList();
            var problems = old.Count > 0 ? (await users.RemoveClaimsAsync(user, old)).Problems() : [];
            if (known.Count > 0)
            {
                problems.AddRange((await users.AddClaimsAsync(user, known.Select(d => new System.Security.Claims.Claim(AccessPolicies.DepartmentClaim, d.Id.ToString())))).Problems());
            }

            problems.AddRange((await users.UpdateSecurityStampAsync(user)).Problems());
            await SessionRecords.EndAllAsync(db, user.Id, SessionEndReason.AccountChanged, clock.GetUtcNow().UtcDateTime, cancellationToken);
            record(AuditAction.UserChanged, user, known.Count == 0
                ? $"{user.UserName} now has no department assigned."
                : $"{user.UserName} may now change the business data of: {string.Join(", ", known.Select(d => d.Name).Order(StringComparer.Ordinal))}.");
            return problems;
        }, cancellationToken);

    public Task<IReadOnlyList<string>> UnlockAsync(Guid userId, CancellationToken cancellationToken = default) =>
        ChangeAsync(userId, async (users, db, actor, record) =>
        {
            var user = await users.FindByIdAsync(userId.ToString());
            if (user is null)
            {
                return ["This account does not exist."];
            }

            var problems = (await users.SetLockoutEndDateAsync(user, null)).Problems();
            problems.AddRange((await users.ResetAccessFailedCountAsync(user)).Problems());
            record(AuditAction.UserChanged, user, $"Unlocked the account {user.UserName}.");
            return problems;
        }, cancellationToken);

    private static async Task<bool> LastAdministratorAsync(UserManager<AppUser> users, AppUser user) =>
        (await users.GetUsersInRoleAsync(Roles.Administrator)).All(u => u.Id == user.Id || u.IsDisabled);

    private delegate void Record(AuditAction action, AppUser user, string summary);

    /// <summary>Runs one change and its audit entry in one transaction (AccountChanges); any problem rolls back both.</summary>
    private async Task<IReadOnlyList<string>> ChangeAsync(Guid? userId, Func<UserManager<AppUser>, BusinessValueDbContext, AuditActor, Record, Task<IReadOnlyList<string>>> change, CancellationToken cancellationToken)
    {
        if (!await access.AllowsAsync(AccessPolicies.ManageUsers))
        {
            return ["Only an administrator may manage accounts; nothing was changed."];
        }

        var actor = await access.ActorAsync();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BusinessValueDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        IReadOnlyList<string> problems = [];
        await AccountChanges.RunAsync(db, async () =>
        {
            problems = await change(users, db, actor, (action, user, summary) =>
                db.AuditTrail.Add(AuditEntry.Event(clock.GetUtcNow().UtcDateTime, action, actor, "User", (userId ?? user.Id).ToString(), summary)));
            return problems.Count == 0;
        }, cancellationToken);
        return problems;
    }
}
