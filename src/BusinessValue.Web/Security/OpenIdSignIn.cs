using System.Net;
using BusinessValue.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;

namespace BusinessValue.Web.Security;

/// <summary>
/// Optional sign-in through the organisation's OpenID Connect provider (Entra ID, Keycloak, any standard one),
/// configured under <c>Security:OpenIdConnect</c>. The provider's groups map to the app's roles; local accounts
/// keep working beside it (docs/security.md#openid-connect).
/// </summary>
public sealed class OpenIdSignIn
{
    public const string Scheme = "oidc";

    public string? Authority { get; init; }

    public string? ClientId { get; init; }

    public string? ClientSecret { get; init; }

    public string DisplayName { get; init; } = "your organisation's sign-in";

    /// <summary>The claim that lists the person's groups ("groups" for Entra ID and Keycloak).</summary>
    public string GroupsClaim { get; init; } = "groups";

    /// <summary>A group (id or name, as the provider sends it) and the role it gives.</summary>
    public IReadOnlyDictionary<string, string> RoleMapping { get; init; } = new Dictionary<string, string>();

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);

    public static OpenIdSignIn FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Security:OpenIdConnect");
        var mapping = section.GetSection("RoleMapping").GetChildren()
            .Where(child => !string.IsNullOrWhiteSpace(child.Value))
            .ToDictionary(child => child.Key, child => Roles.Find(child.Value) ?? throw new Hosting.SettingException(
                $"Security:OpenIdConnect:RoleMapping:{child.Key} names the role '{child.Value}', which is not one of {string.Join(", ", Roles.All)}. Correct the setting and start the app again."), StringComparer.OrdinalIgnoreCase);
        return new OpenIdSignIn
        {
            Authority = section["Authority"],
            ClientId = section["ClientId"],
            ClientSecret = section["ClientSecret"],
            DisplayName = section["DisplayName"] is { Length: > 0 } name ? name : "your organisation's sign-in",
            GroupsClaim = section["GroupsClaim"] is { Length: > 0 } claim ? claim : "groups",
            RoleMapping = mapping,
        };
    }

    /// <summary>
    /// The role the person's groups give: the most powerful one when several groups map (the order of
    /// <see cref="Roles.All"/>); null when none maps, and then the person is not let in.
    /// </summary>
    public string? RoleFor(IEnumerable<string> groups)
    {
        var mapped = groups.Select(group => RoleMapping.TryGetValue(group, out var role) ? role : null).OfType<string>().ToHashSet();
        return Roles.All.FirstOrDefault(mapped.Contains);
    }

    internal void Register(AuthenticationBuilder authentication)
    {
        if (!IsEnabled)
        {
            return;
        }

        authentication.AddOpenIdConnect(Scheme, DisplayName, options =>
        {
            options.Authority = Authority;
            options.ClientId = ClientId;
            options.ClientSecret = ClientSecret;
            options.ResponseType = "code";
            options.UsePkce = true;
            options.Scope.Clear();
            options.Scope.Add("openid");
            options.Scope.Add("profile");
            options.Scope.Add("email");
            options.MapInboundClaims = false;
            options.GetClaimsFromUserInfoEndpoint = false;
            options.SaveTokens = false;
            options.SignInScheme = IdentityConstants.ExternalScheme;
            options.CallbackPath = "/signin-oidc";
            // Plain HTTP only for a provider on this machine (development, tests); anything else must be HTTPS.
            options.RequireHttpsMetadata = !IsLoopback(Authority!);
        });
    }

    private static bool IsLoopback(string authority) =>
        Uri.TryCreate(authority, UriKind.Absolute, out var uri) && (uri.IsLoopback || IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip));
}
