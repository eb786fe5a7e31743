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
/// stamp: cookies at their next check, open pages within a minute) and is audited in the same transaction.
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
        ChangeAsync(null, async (users, actor, record) =>
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
            var problems = Messages(await users.CreateAsync(user, password));
            if (problems.Count == 0)
            {
                problems = Messages(await users.AddToRoleAsync(user, known));
            }

            record(AuditAction.UserCreated, user, $"Created the account {user.UserName} ({user.DisplayName}) with the role {known}.");
            return problems;
        }, cancellationToken);

    public Task<IReadOnlyList<string>> ChangeRoleAsync(Guid userId, string role, CancellationToken cancellationToken = default) =>
        ChangeAsync(userId, async (users, actor, record) =>
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

            var problems = Messages(await users.RemoveFromRolesAsync(user, old));
            problems.AddRange(Messages(await users.AddToRoleAsync(user, known)));
            problems.AddRange(Messages(await users.UpdateSecurityStampAsync(user)));
            record(AuditAction.RolesChanged, user, $"Changed the role of {user.UserName} from {string.Join(", ", old)} to {known}; their open sessions end.");
            return problems;
        }, cancellationToken);

    public Task<IReadOnlyList<string>> SetDisabledAsync(Guid userId, bool disabled, CancellationToken cancellationToken = default) =>
        ChangeAsync(userId, async (users, actor, record) =>
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
            var problems = Messages(await users.UpdateAsync(user));
            problems.AddRange(Messages(await users.UpdateSecurityStampAsync(user)));
            record(AuditAction.UserChanged, user, disabled ? $"Disabled the account {user.UserName}; its open sessions end." : $"Enabled the account {user.UserName}.");
            return problems;
        }, cancellationToken);

    /// <summary>Assigns the departments whose business data the person may change; their open sessions take it up at once.</summary>
    public Task<IReadOnlyList<string>> SetDepartmentsAsync(Guid userId, IReadOnlyCollection<Guid> departmentIds, CancellationToken cancellationToken = default) =>
        ChangeAsync(userId, async (users, actor, record) =>
        {
            var user = await users.FindByIdAsync(userId.ToString());
            if (user is null)
            {
                return ["This account does not exist."];
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BusinessValueDbContext>();
            var known = await db.Departments.AsNoTracking().Where(d => departmentIds.Contains(d.Id)).Select(d => new { d.Id, d.Name }).ToListAsync(cancellationToken);
            if (known.Count != departmentIds.Distinct().Count())
            {
                return ["Departments: one of them no longer exists; reload the page."];
            }

            var old = (await users.GetClaimsAsync(user)).Where(c => c.Type == AccessPolicies.DepartmentClaim).ToList();
            var problems = old.Count > 0 ? Messages(await users.RemoveClaimsAsync(user, old)) : [];
            if (known.Count > 0)
            {
                problems.AddRange(Messages(await users.AddClaimsAsync(user, known.Select(d => new System.Security.Claims.Claim(AccessPolicies.DepartmentClaim, d.Id.ToString())))));
            }

            problems.AddRange(Messages(await users.UpdateSecurityStampAsync(user)));
            record(AuditAction.UserChanged, user, known.Count == 0
                ? $"{user.UserName} now has no department assigned."
                : $"{user.UserName} may now change the business data of: {string.Join(", ", known.Select(d => d.Name).Order(StringComparer.Ordinal))}.");
            return problems;
        }, cancellationToken);

    public Task<IReadOnlyList<string>> UnlockAsync(Guid userId, CancellationToken cancellationToken = default) =>
        ChangeAsync(userId, async (users, actor, record) =>
        {
            var user = await users.FindByIdAsync(userId.ToString());
            if (user is null)
            {
                return ["This account does not exist."];
            }

            var problems = Messages(await users.SetLockoutEndDateAsync(user, null));
            problems.AddRange(Messages(await users.ResetAccessFailedCountAsync(user)));
            record(AuditAction.UserChanged, user, $"Unlocked the account {user.UserName}.");
            return problems;
        }, cancellationToken);

    private static async Task<bool> LastAdministratorAsync(UserManager<AppUser> users, AppUser user) =>
        (await users.GetUsersInRoleAsync(Roles.Administrator)).All(u => u.Id == user.Id || u.IsDisabled);

    private delegate void Record(AuditAction action, AppUser user, string summary);

    /// <summary>Runs one change and its audit entry in one transaction; any problem rolls back both.</summary>
    private async Task<IReadOnlyList<string>> ChangeAsync(Guid? userId, Func<UserManager<AppUser>, AuditActor, Record, Task<IReadOnlyList<string>>> change, CancellationToken cancellationToken)
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
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await AccountLock.TakeAsync(db, cancellationToken);
            problems = await change(users, actor, (action, user, summary) => db.AuditTrail.Add(new AuditEntry
            {
                OccurredAtUtc = clock.GetUtcNow().UtcDateTime,
                Action = action,
                Actor = actor.Name,
                ActorId = actor.Id,
                EntityType = "User",
                EntityId = (userId ?? user.Id).ToString(),
                Summary = summary,
            }));
            if (problems.Count > 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return;
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
        return problems;
    }

    private static List<string> Messages(IdentityResult result) => [.. result.Errors.Select(e => e.Description)];
}
