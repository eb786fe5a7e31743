using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace BusinessValue.Testing;

/// <summary>
/// Calls a feature service as a user with a role, the way a page's circuit does: the scope's
/// authentication state is that user's.
/// </summary>
public static class SignedIn
{
    public static IServiceScope As(this IServiceScope scope, string role, string? userName = null) => scope.AsUser(Guid.NewGuid(), role, userName);

    /// <summary>As the account <paramref name="userId"/> with <paramref name="role"/>: for what depends on who the user is (their own action items).</summary>
    public static IServiceScope AsUser(this IServiceScope scope, Guid userId, string role, string? userName = null)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, userId.ToString()),
                new Claim(ClaimTypes.Name, userName ?? BusinessValueAppFactory.UserNameFor(role)),
                new Claim(ClaimTypes.Role, role),
            ],
            authenticationType: "Test");
        var state = Task.FromResult(new AuthenticationState(new ClaimsPrincipal(identity)));
        ((IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>()).SetAuthenticationState(state);
        return scope;
    }

    /// <summary>As a business owner assigned to <paramref name="departments"/> (the department claims a sign-in gives them).</summary>
    public static IServiceScope AsBusinessOwnerOf(this IServiceScope scope, params Guid[] departments)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(departments);
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()),
                new Claim(ClaimTypes.Name, BusinessValueAppFactory.UserNameFor(Infrastructure.Identity.Roles.BusinessOwner)),
                new Claim(ClaimTypes.Role, Infrastructure.Identity.Roles.BusinessOwner),
                .. departments.Select(d => new Claim(Web.Security.AccessPolicies.DepartmentClaim, d.ToString())),
            ],
            authenticationType: "Test");
        ((IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>())
            .SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(identity))));
        return scope;
    }
}
