using BusinessValue.Infrastructure.Audit;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using BusinessValue.Web.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace BusinessValue.Web.Features.Account;

internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A form post with an antiforgery token, so another site cannot sign a reader out.
        endpoints.MapPost("/account/logout", async (HttpContext context, SignInManager<AppUser> signIn, UserManager<AppUser> users, AccountEvents events, SessionRecords sessions) =>
            {
                // UseAntiforgery validated the token; an endpoint without form parameters must look at the result itself.
                if (context.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
                {
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The sign-out form has expired", detail: "Reload the page and sign out again.");
                }

                if (await users.GetUserAsync(context.User) is { } user)
                {
                    await events.RecordAsync(AuditAction.SignedOut, user.UserName!, user.Id, "Signed out.");
                }

                // The server-side record ends first: from now on this cookie, and any copy of it, is refused on every node.
                await sessions.EndAsync(context.User, SessionEndReason.SignedOut);
                await signIn.SignOutAsync();
                return Results.LocalRedirect($"{AccountServices.LoginPath}?signed-out=true");
            })
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .AllowAnonymous()
            .ExcludeFromDescription();

        // Sign-in through the organisation's OpenID Connect provider, when configured (docs/security.md#openid-connect).
        endpoints.MapPost("/account/external", async (HttpContext context, OpenIdSignIn openId, SignInManager<AppUser> signIn) =>
            {
                if (context.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
                {
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The sign-in form has expired", detail: "Reload the sign-in page and try again.");
                }

                if (!openId.IsEnabled)
                {
                    return Results.NotFound();
                }

                var returnUrl = (await context.Request.ReadFormAsync(context.RequestAborted))["returnUrl"].ToString();
                var callback = $"/account/external/callback?returnUrl={Uri.EscapeDataString(Login.LocalOnly(returnUrl))}";
                return Results.Challenge(signIn.ConfigureExternalAuthenticationProperties(OpenIdSignIn.Scheme, callback), [OpenIdSignIn.Scheme]);
            })
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .AllowAnonymous()
            .ExcludeFromDescription();
        endpoints.MapGet("/account/external/callback", ExternalCallbackAsync).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>
    /// Back from the provider: the person's groups give their role (or no entry); their account is found by the
    /// provider's subject, or made on first sign-in; the role follows the groups at every sign-in.
    /// </summary>
    private static async Task<IResult> ExternalCallbackAsync(HttpContext context, string? returnUrl, OpenIdSignIn openId, SignInManager<AppUser> signIn,
        UserManager<AppUser> users, AccountEvents events, TimeProvider clock)
    {
        var info = await signIn.GetExternalLoginInfoAsync();
        await context.SignOutAsync(IdentityConstants.ExternalScheme);
        if (info is null)
        {
            return Results.LocalRedirect($"{AccountServices.LoginPath}?error=external");
        }

        var principal = info.Principal;
        var name = principal.FindFirst("preferred_username")?.Value ?? principal.FindFirst("email")?.Value ?? info.ProviderKey;
        var role = openId.RoleFor(principal.FindAll(openId.GroupsClaim).Select(c => c.Value));
        if (role is null)
        {
            await events.RecordAsync(AuditAction.SignInFailed, name, null, $"Sign-in through {openId.DisplayName} refused: none of the person's groups maps to a role.");
            return Results.LocalRedirect($"{AccountServices.LoginPath}?error=no-role");
        }

        // The account, its login, its role and their audit entries: all in one transaction, or none.
        var db = context.RequestServices.GetRequiredService<BusinessValueDbContext>();
        AppUser? user = null;
        try
        {
            await AccountChanges.RunAsync(db, async () => (user = await ProvisionAsync(db, users, info, name, role, openId, clock)) is not null);
        }
        catch (DbUpdateException)
        {
            // Another first sign-in of the same person at the same moment made the account.
            user = null;
        }

        if (user is null)
        {
            await events.RecordAsync(AuditAction.SignInFailed, name, null, $"Sign-in through {openId.DisplayName} refused: the account is disabled, or it could not be made.");
            return Results.LocalRedirect($"{AccountServices.LoginPath}?error=external");
        }

        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: OpenIdSignIn.Scheme);
        await events.RecordAsync(AuditAction.SignedIn, user.UserName!, user.Id, $"Signed in through {openId.DisplayName} from {context.Connection.RemoteIpAddress}.");
        return Results.LocalRedirect(Login.LocalOnly(returnUrl));
    }

    /// <summary>Finds or makes the account and gives it the role its groups map to; null when it may not sign in.</summary>
    private static async Task<AppUser?> ProvisionAsync(BusinessValueDbContext db, UserManager<AppUser> users, ExternalLoginInfo info, string name, string role, OpenIdSignIn openId, TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        void Record(AuditAction action, AppUser user, string summary) =>
            db.AuditTrail.Add(AuditEntry.Event(now, action, new AuditActor(user.UserName!, user.Id), "User", user.Id.ToString(), summary));

        var user = await users.FindByLoginAsync(info.LoginProvider, info.ProviderKey);
        if (user is null)
        {
            user = new AppUser
            {
                Id = Guid.CreateVersion7(),
                UserName = await FreeUserNameAsync(users, name),
                DisplayName = info.Principal.FindFirst("name")?.Value ?? name,
                CreatedAtUtc = now,
            };
            if (!(await users.CreateAsync(user)).Succeeded || !(await users.AddLoginAsync(user, info)).Succeeded)
            {
                return null;
            }

            Record(AuditAction.UserCreated, user, $"Created the account {user.UserName} on its first sign-in through {openId.DisplayName}.");
        }

        if (user.IsDisabled)
        {
            return null;
        }

        var roles = await users.GetRolesAsync(user);
        if (roles.Count != 1 || roles[0] != role)
        {
            // A new role ends the person's other open sessions, as a change on the users page does.
            if (!(await users.RemoveFromRolesAsync(user, roles)).Succeeded || !(await users.AddToRoleAsync(user, role)).Succeeded
                || !(await users.UpdateSecurityStampAsync(user)).Succeeded)
            {
                return null;
            }

            await SessionRecords.EndAllAsync(db, user.Id, SessionEndReason.AccountChanged, now);

            Record(AuditAction.RolesChanged, user, $"Role of {user.UserName} set to {role} from the groups sent by {openId.DisplayName} (was {(roles.Count == 0 ? "none" : string.Join(", ", roles))}).");
        }

        user.LastSignInAtUtc = now;
        return (await users.UpdateAsync(user)).Succeeded ? user : null;
    }

    /// <summary>The provider's name for the person, made to fit the app's user names, and unique.</summary>
    private static async Task<string> FreeUserNameAsync(UserManager<AppUser> users, string wanted)
    {
        var allowed = users.Options.User.AllowedUserNameCharacters;
        var name = new string(wanted.Where(c => allowed.Contains(c, StringComparison.Ordinal)).ToArray());
        name = name.Length == 0 ? "user" : name;
        var candidate = name;
        for (var i = 2; await users.FindByNameAsync(candidate) is not null; i++)
        {
            candidate = $"{name}.{i}";
        }

        return candidate;
    }
}
