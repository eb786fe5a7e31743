using System.Security.Claims;
using BusinessValue.Infrastructure.Identity;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BusinessValue.Web.Security;

/// <summary>
/// An open page (a circuit) checks its user against the account every <see cref="Sessions.RevalidationInterval"/>:
/// a disabled account, changed roles or an expired session signs it out, and the page goes to sign-in.
/// </summary>
internal sealed class AccountStateRevalidation(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopes,
    IOptions<IdentityOptions> identity,
    Sessions sessions,
    TimeProvider clock) : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => sessions.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var principal = authenticationState.User;
        if (sessions.HasExpired(principal, clock.GetUtcNow()))
        {
            return false;
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.GetUserAsync(principal) is { IsDisabled: false } user
               && principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType) == await users.GetSecurityStampAsync(user);
    }
}
