using System.Security.Cryptography;
using System.Text;

namespace BusinessValue.Infrastructure.ApiKeys;

/// <summary>
/// A monitoring tool's or integrator's key to /api/v1 (docs/api.md). The secret is shown once, when the key is
/// created; only its SHA-256 hash is stored. Keys are 256-bit random values, so a fast hash is enough: there is
/// nothing to guess that a slow hash would protect.
/// </summary>
public sealed class ApiKey
{
    public const int NameMaxLength = 100;
    public const int PrefixLength = 8;
    private const string Marker = "bv_";

    public Guid Id { get; set; }

    public string Name { get; set; } = string.Empty;

    /// <summary>The key's first characters after "bv_", shown in lists so a key can be recognised; not secret.</summary>
    public string Prefix { get; set; } = string.Empty;

    public string SecretHash { get; set; } = string.Empty;

    /// <summary>Space-separated scopes (<see cref="ApiScopes"/>).</summary>
    public string Scopes { get; set; } = string.Empty;

    public DateTime CreatedAtUtc { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    public DateTime? RevokedAtUtc { get; set; }

    public DateTime? LastUsedAtUtc { get; set; }

    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public bool IsActive => RevokedAtUtc is null;

    /// <summary>A new key and its secret, which the caller shows once and never stores.</summary>
    public static (ApiKey Key, string Secret) Create(string name, IEnumerable<string> scopes, string createdBy, DateTime nowUtc)
    {
        var secret = Marker + Base64Url(RandomNumberGenerator.GetBytes(32));
        var key = new ApiKey
        {
            Id = Guid.CreateVersion7(),
            Name = name.Trim(),
            Prefix = PrefixOf(secret)!,
            SecretHash = Hash(secret),
            Scopes = string.Join(' ', scopes.Distinct().Order(StringComparer.Ordinal)),
            CreatedAtUtc = nowUtc,
            CreatedBy = createdBy,
        };
        return (key, secret);
    }

    /// <summary>The prefix a presented secret claims, or null when it is not shaped like a key.</summary>
    public static string? PrefixOf(string? secret) =>
        secret is { Length: > 20 } s && s.StartsWith(Marker, StringComparison.Ordinal) ? s.Substring(Marker.Length, PrefixLength) : null;

    /// <summary>True when the presented secret is this key's, compared in constant time.</summary>
    public bool Matches(string secret) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(SecretHash));

    private static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>What an API key may do. Each endpoint of /api/v1 requires one.</summary>
public static class ApiScopes
{
    public const string ScorecardRead = "scorecard:read";
    public const string MetricsWrite = "metrics:write";
    public const string InventoryRead = "inventory:read";

    /// <summary>Spreadsheet imports of any table, monthly metrics included (docs/import.md#http-api).</summary>
    public const string InventoryWrite = "inventory:write";

    public static IReadOnlyList<string> All { get; } = [ScorecardRead, MetricsWrite, InventoryRead, InventoryWrite];
}
