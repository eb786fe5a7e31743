using BusinessValue.Infrastructure.ApiKeys;
using BusinessValue.Infrastructure.Audit;
using BusinessValue.Infrastructure.Persistence;
using BusinessValue.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Web.Features.Admin;

public sealed record ApiKeyRow(Guid Id, string Name, string Prefix, IReadOnlyList<string> Scopes, DateTime CreatedAtUtc, string CreatedBy, DateTime? LastUsedAtUtc, DateTime? RevokedAtUtc);

/// <summary>The administrator's API keys: created with a name and scopes, the secret shown once, revocable; each event audited.</summary>
public sealed class ApiKeyAdministration(IDbContextFactory<BusinessValueDbContext> contexts, AccessGuard access, TimeProvider clock)
{
    public async Task<IReadOnlyList<ApiKeyRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await access.DemandAsync(AccessPolicies.ManageApiKeys);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var keys = await db.ApiKeys.AsNoTracking().OrderBy(k => k.RevokedAtUtc != null).ThenBy(k => k.Name).ToListAsync(cancellationToken);
        return [.. keys.Select(k => new ApiKeyRow(k.Id, k.Name, k.Prefix, k.ScopeList, k.CreatedAtUtc, k.CreatedBy, k.LastUsedAtUtc, k.RevokedAtUtc))];
    }

    /// <returns>The secret to show once, or the problems (which field and why) with nothing created.</returns>
    public async Task<(string? Secret, IReadOnlyList<string> Problems)> CreateAsync(string name, IReadOnlyCollection<string> scopes, CancellationToken cancellationToken = default)
    {
        if (!await access.AllowsAsync(AccessPolicies.ManageApiKeys))
        {
            return (null, ["Only an administrator may create API keys; nothing was created."]);
        }

        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > ApiKey.NameMaxLength)
        {
            problems.Add($"Name: say what uses the key (for example \"Zabbix\"), in 1 to {ApiKey.NameMaxLength} characters.");
        }

        if (scopes.Count == 0 || scopes.Except(ApiScopes.All).Any())
        {
            problems.Add($"Scopes: choose at least one of {string.Join(", ", ApiScopes.All)}.");
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var actor = await access.ActorAsync();
        var now = clock.GetUtcNow().UtcDateTime;
        var (key, secret) = ApiKey.Create(name, scopes, actor.Name, now);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.ApiKeys.Add(key);
        db.AuditTrail.Add(Entry(AuditAction.ApiKeyCreated, actor, key, now, $"Created the API key '{key.Name}' ({key.Prefix}…) with the scopes {key.Scopes}."));
        await db.SaveChangesAsync(cancellationToken);
        return (secret, []);
    }

    public async Task<IReadOnlyList<string>> RevokeAsync(Guid id, CancellationToken cancellationToken = default)
    {
        if (!await access.AllowsAsync(AccessPolicies.ManageApiKeys))
        {
            return ["Only an administrator may revoke API keys; nothing was changed."];
        }

        var actor = await access.ActorAsync();
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null || !key.IsActive)
        {
            return ["This key does not exist or is revoked already."];
        }

        key.RevokedAtUtc = now;
        db.AuditTrail.Add(Entry(AuditAction.ApiKeyRevoked, actor, key, now, $"Revoked the API key '{key.Name}' ({key.Prefix}…); it stops working at once."));
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    private static AuditEntry Entry(AuditAction action, AuditActor actor, ApiKey key, DateTime now, string summary) =>
        AuditEntry.Event(now, action, actor, "ApiKey", key.Id.ToString(), summary);
}
