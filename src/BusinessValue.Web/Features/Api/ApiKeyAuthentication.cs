using System.Security.Claims;
using System.Text.Encodings.Web;
using BusinessValue.Infrastructure.ApiKeys;
using BusinessValue.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BusinessValue.Web.Features.Api;

/// <summary>
/// Signs in a request to /api/v1 by its key: <c>Authorization: Bearer bv_…</c> or <c>X-Api-Key: bv_…</c>.
/// The key's scopes become claims; a missing, unknown or revoked key gets 401 with a problem document.
/// </summary>
internal sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IDbContextFactory<BusinessValueDbContext> contexts)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string ScopeClaim = "scope";
    public const string KeyIdClaim = "api_key_id";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = Presented(Request);
        if (secret is null)
        {
            return AuthenticateResult.NoResult();
        }

        if (ApiKey.PrefixOf(secret) is not { } prefix)
        {
            return AuthenticateResult.Fail("The API key is not in the form bv_….");
        }

        await using var db = await contexts.CreateDbContextAsync(Context.RequestAborted);
        var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Prefix == prefix, Context.RequestAborted);
        if (key is null || !key.Matches(secret))
        {
            return AuthenticateResult.Fail("The API key is not known.");
        }

        if (!key.IsActive)
        {
            return AuthenticateResult.Fail("The API key was revoked.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, key.Id.ToString()),
                new Claim(KeyIdClaim, key.Id.ToString()),
                new Claim(ClaimTypes.Name, $"API key '{key.Name}'"),
                .. key.ScopeList.Select(scope => new Claim(ScopeClaim, scope)),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"api\"";
        await ApiProblems.Write(Context, StatusCodes.Status401Unauthorized, "An API key is needed",
            failure ?? "Send a key created by an administrator (Users and roles → API keys) as 'Authorization: Bearer bv_…' or 'X-Api-Key: bv_…'.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.Write(Context, StatusCodes.Status403Forbidden, "This key's scopes do not allow this",
            "Ask an administrator for a key with the scope this endpoint names in the API reference (/api/docs).");

    private static string? Presented(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        return request.Headers.TryGetValue("X-Api-Key", out var header) ? header.ToString().Trim() : null;
    }
}
