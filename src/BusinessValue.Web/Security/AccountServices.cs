using BusinessValue.Infrastructure.Identity;
using BusinessValue.Infrastructure.Persistence;
using BusinessValue.Web.Features.Api;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;

namespace BusinessValue.Web.Security;

/// <summary>Accounts, sign-in, sessions and roles (docs/security.md).</summary>
internal static class AccountServices
{
    public const string LoginPath = "/account/login";
    public const string AccessDeniedPath = "/account/access-denied";

    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        var sessions = Sessions.FromConfiguration(configuration);
        services.AddSingleton(sessions);
        services.AddSingleton<SessionRecords>();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, AccountStateRevalidation>();
        services.AddScoped<AccessGuard>();
        services.AddScoped<CircuitActivity>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, CircuitActivityHandler>();
        services.AddScoped<AccountEvents>();

        var openId = OpenIdSignIn.FromConfiguration(configuration);
        services.AddSingleton(openId);
        var authentication = services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, Features.Api.ApiKeyAuthentication>(Features.Api.ApiKeyAuthentication.SchemeName, null);
        authentication.AddIdentityCookies();
        openId.Register(authentication);
        services.AddAuthorizationBuilder().AddAccessPolicies().AddApiPolicies();

        services.AddIdentityCore<AppUser>(options =>
            {
                AccountPolicy.Apply(options);
                // A disabled account is "not confirmed" (ActiveAccounts), so it cannot sign in.
                options.SignIn.RequireConfirmedAccount = true;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<BusinessValueDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<CommonPasswordValidator>();
        services.AddScoped<IUserConfirmation<AppUser>, ActiveAccounts>();

        services.Configure<SecurityStampValidatorOptions>(options =>
        {
            options.ValidationInterval = sessions.RevalidationInterval;
            // A renewed cookie keeps the time of the first sign-in, so the absolute timeout cannot be slid away.
            options.OnRefreshingPrincipal = context =>
            {
                if (context.CurrentPrincipal?.FindFirst(Sessions.SignedInAtClaim) is { } signedIn && context.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity)
                {
                    identity.AddClaim(new System.Security.Claims.Claim(Sessions.SignedInAtClaim, signedIn.Value));
                }

                // ...and the same server-side session record.
                if (context.CurrentPrincipal?.FindFirst(SessionRecords.SessionClaim) is { } session && context.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity renewed)
                {
                    renewed.AddClaim(new System.Security.Claims.Claim(SessionRecords.SessionClaim, session.Value));
                }

                return Task.CompletedTask;
            };
        });
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "bv.session";
            options.Cookie.HttpOnly = true;
            // Lax, not Strict: a link from an e-mail or the OpenID provider's redirect must arrive signed in;
            // every form carries an antiforgery token against cross-site posts.
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            options.ExpireTimeSpan = sessions.IdleTimeout;
            options.SlidingExpiration = true;
            options.LoginPath = LoginPath;
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = AccessDeniedPath;
            options.Events = new CookieAuthenticationEvents
            {
                // Every sign-in (form, setup, OpenID Connect) gets its time and its server-side session record.
                OnSigningIn = async context =>
                {
                    if (context.Principal is not null)
                    {
                        Sessions.StampSignIn(context.Principal, context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
                        await context.HttpContext.RequestServices.GetRequiredService<SessionRecords>().StartAsync(context.Principal, sessions, context.HttpContext.RequestAborted);
                    }
                },
                OnValidatePrincipal = sessions.ValidateAsync,
                // Machines get a status code, people get the sign-in page.
                OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized),
                OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden),
            };
        });
        return services;
    }

    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}

/// <summary>Only accounts that are not disabled may sign in.</summary>
internal sealed class ActiveAccounts : IUserConfirmation<AppUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<AppUser> manager, AppUser user) => Task.FromResult(!user.IsDisabled);
}
