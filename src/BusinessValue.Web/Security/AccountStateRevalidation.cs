using BusinessValue.Web.Hosting;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace BusinessValue.Web.Security;

/// <summary>
/// An open page (a circuit) checks its user against the account every <see cref="Sessions.RevalidationInterval"/>:
/// a session signed out elsewhere, a disabled account, changed roles, an expired session or a page left idle for the idle timeout signs it out,
/// and the page goes to sign-in. A check the database cannot answer (PostgreSQL restarting, the file busy) keeps the page
/// signed in until the next check: the framework would sign out every open page for it, so a restart would send every
/// reader to a sign-in page that cannot work until the database is back (docs/operations.md#fault-campaign).
/// </summary>
internal sealed class AccountStateRevalidation(
    ILoggerFactory loggerFactory,
    Sessions sessions,
    SessionRecords records,
    CircuitActivity activity,
    DatabaseFaults faults,
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

        // The server-side record, in one query: signed out elsewhere (another tab, another node), or the account
        // disabled, removed or changed (its security stamp is compared there too, so no second lookup of the user).
        try
        {
            return await records.CheckAsync(principal, cancellationToken) == SessionState.Open;
        }
        catch (Exception ex) when (faults.Describe(ex) is not null && !cancellationToken.IsCancellationRequested)
        {
            return true;
        }
    }
}
