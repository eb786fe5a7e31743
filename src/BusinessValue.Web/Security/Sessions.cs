using System.Globalization;
using System.Security.Claims;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Identity;

namespace BusinessValue.Web.Security;

/// <summary>
/// Session lifetimes (OWASP ASVS 5, V7.3): a session ends after <see cref="IdleTimeout"/> without a request
/// and, whatever the activity, <see cref="AbsoluteTimeout"/> after sign-in. Configured under
/// <c>Security:Sessions</c> (docs/security.md#sessions).
/// </summary>
public sealed class Sessions
{
    public const string SignedInAtClaim = "bv:signed_in_at";

    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(30);

    public TimeSpan AbsoluteTimeout { get; init; } = TimeSpan.FromHours(8);

    /// <summary>How often a cookie or an open page is checked against the account (disabled, roles changed).</summary>
    public TimeSpan RevalidationInterval { get; init; } = TimeSpan.FromMinutes(1);

    public static Sessions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Security:Sessions");
        var defaults = new Sessions();
        return new Sessions
        {
            IdleTimeout = Minutes(section, "IdleMinutes") ?? defaults.IdleTimeout,
            AbsoluteTimeout = Minutes(section, "AbsoluteMinutes") ?? defaults.AbsoluteTimeout,
            RevalidationInterval = Minutes(section, "RevalidationMinutes") ?? defaults.RevalidationInterval,
        };
    }

    public bool HasExpired(ClaimsPrincipal principal, DateTimeOffset now) =>
        SignedInAt(principal) is not { } signedIn || now - signedIn > AbsoluteTimeout;

    public static DateTimeOffset? SignedInAt(ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirst(SignedInAtClaim)?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    /// <summary>Stamps a new sign-in with its time; a renewed cookie keeps the first one (see OnRefreshingPrincipal).</summary>
    internal static void StampSignIn(ClaimsPrincipal principal, DateTimeOffset now)
    {
        if (principal.Identity is ClaimsIdentity identity && identity.FindFirst(SignedInAtClaim) is null)
        {
            identity.AddClaim(new Claim(SignedInAtClaim, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        }
    }

    internal async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var records = services.GetRequiredService<SessionRecords>();
        if (context.Principal is null || HasExpired(context.Principal, now))
        {
            if (context.Principal is not null)
            {
                await records.EndAsync(context.Principal, SessionEndReason.Expired, context.HttpContext.RequestAborted);
            }

            await RejectAsync(context);
            return;
        }

        // The server-side record, on every request and every node: a signed-out session's cookie, copied or
        // not, is refused at once (docs/security.md#sessions). Cookies from before session records carry no
        // session claim and are refused too: their holders sign in again.
        SessionState state;
        try
        {
            state = await records.CheckAsync(context.Principal, context.HttpContext.RequestAborted);
        }
        catch (Exception ex) when (context.HttpContext.Features.Get<IExceptionHandlerFeature>() is not null
                                   && services.GetRequiredService<DatabaseFaults>().Describe(ex) is not null)
        {
            // The error page, re-executed for a database fault, must still render (503 with the reason): it goes on
            // without the user rather than failing on the same database. The cookie is left as it is.
            context.RejectPrincipal();
            return;
        }

        if (state != SessionState.Open)
        {
            if (state == SessionState.Ended)
            {
                var userId = Guid.TryParse(context.Principal.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, out var id) ? id : (Guid?)null;
                await services.GetRequiredService<AccountEvents>().RecordAsync(Infrastructure.Audit.AuditAction.SessionRefused, context.Principal.Identity?.Name ?? "unknown", userId,
                    $"Refused a cookie of an ended session (signed out, timed out or the account changed) from {context.HttpContext.Connection.RemoteIpAddress}.",
                    CancellationToken.None);
            }

            await RejectAsync(context);
            return;
        }

        // Identity's own check: the account's security stamp (changed when it is disabled or its roles change).
        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    private static TimeSpan? Minutes(IConfigurationSection section, string key) =>
        double.TryParse(section[key], NumberStyles.Float, CultureInfo.InvariantCulture, out var minutes) && minutes > 0
            ? TimeSpan.FromMinutes(minutes)
            : null;
}
