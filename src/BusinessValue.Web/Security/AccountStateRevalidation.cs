using System.Security.Claims;
using BusinessValue.Infrastructure.Identity;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BusinessValue.Web.Security;

/// <summary>
/// An open page (a circuit) checks its user against the account every <see cref="Sessions.RevalidationInterval"/>:
/// a session signed out elsewhere, a disabled account, changed roles, an expired session or a page left idle for the idle timeout signs it out,
/// and the page goes to sign-in.
/// </summary>
internal sealed class AccountStateRevalidation(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopes,
    IOptions<IdentityOptions> identity,
    Sessions sessions,
    SessionRecords records,
    CircuitActivity activity,
    TimeProvider clock) : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => sessions.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var principal = authenticationState.User;
        var now = clock.GetUtcNow();
        // An open page left alone for the idle timeout ends like an idle cookie would.
        if (sessions.HasExpired(principal, now) || now - activity.LastActivity > sessions.IdleTimeout)
        {
            return false;
        }

        // The server-side record: signed out elsewhere (another tab, another node) or the account changed.
        if (await records.CheckAsync(principal, cancellationToken) != SessionState.Open)
        {
            return false;
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.GetUserAsync(principal) is { IsDisabled: false } user
               && principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType) == await users.GetSecurityStampAsync(user);
    }
}
