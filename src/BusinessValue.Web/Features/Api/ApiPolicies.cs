using BusinessValue.Infrastructure.ApiKeys;
using Microsoft.AspNetCore.Authorization;

namespace BusinessValue.Web.Features.Api;

/// <summary>One policy per API scope: a key (never a browser session) that carries the scope.</summary>
internal static class ApiPolicies
{
    public static string For(string scope) => $"api:{scope}";

    public static AuthorizationBuilder AddApiPolicies(this AuthorizationBuilder builder)
    {
        foreach (var scope in ApiScopes.All)
        {
            builder.AddPolicy(For(scope), policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName)
                .RequireAuthenticatedUser()
                .RequireClaim(ApiKeyAuthentication.ScopeClaim, scope));
        }

        return builder;
    }
}
