using BusinessValue.Infrastructure.Audit;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Web.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace BusinessValue.Web.Features.Account;

internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A form post with an antiforgery token, so another site cannot sign a reader out.
        endpoints.MapPost("/account/logout", async (HttpContext context, SignInManager<AppUser> signIn, UserManager<AppUser> users, AccountEvents events) =>
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

                await signIn.SignOutAsync();
                return Results.LocalRedirect($"{AccountServices.LoginPath}?signed-out=true");
            })
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .AllowAnonymous()
            .ExcludeFromDescription();
        return endpoints;
    }
}
