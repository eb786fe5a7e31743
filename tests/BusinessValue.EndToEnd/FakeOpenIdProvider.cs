using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BusinessValue.EndToEnd;

/// <summary>
/// A minimal OpenID Connect provider on 127.0.0.1 for browser tests: discovery, an authorize endpoint that signs
/// in one configured person at once (form_post back to the app), a token endpoint issuing an RS256 id_token, and
/// its key set. Enough for the app's real OpenID Connect handler to run its whole flow.
/// </summary>
internal sealed class FakeOpenIdProvider : IAsyncDisposable
{
    private static readonly string[] Code = ["code"];
    private static readonly string[] Public = ["public"];
    private static readonly string[] Rs256 = ["RS256"];
    private static readonly string[] S256 = ["S256"];

    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "test-key" };
    private readonly ConcurrentDictionary<string, string> _nonces = new();

    private FakeOpenIdProvider(WebApplication app) => _app = app;

    public Uri Authority { get; private set; } = null!;

    public string ClientId { get; } = "business-value";

    public string Subject { get; init; } = "subject-4711";

    public string UserName { get; init; } = "ada@idp.example";

    public IReadOnlyList<string> Groups { get; init; } = [];

    public static async Task<FakeOpenIdProvider> StartAsync(string userName, params string[] groups)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var provider = new FakeOpenIdProvider(app) { UserName = userName, Groups = groups };
        provider.Map(app);
        await app.StartAsync();
        provider.Authority = new Uri(app.Urls.First());
        return provider;
    }

    private string Issuer => Authority.ToString().TrimEnd('/');

    private void Map(WebApplication app)
    {
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = $"{Issuer}/authorize",
            ["token_endpoint"] = $"{Issuer}/token",
            ["jwks_uri"] = $"{Issuer}/jwks",
            ["response_types_supported"] = Code,
            ["subject_types_supported"] = Public,
            ["id_token_signing_alg_values_supported"] = Rs256,
            ["code_challenge_methods_supported"] = S256,
        }));
        app.MapGet("/jwks", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(_key);
            return Results.Json(new { keys = new[] { new { kty = jwk.Kty, use = "sig", alg = "RS256", kid = jwk.Kid, n = jwk.N, e = jwk.E } } });
        });
        app.MapGet("/authorize", (HttpRequest request) =>
        {
            var code = Guid.NewGuid().ToString("N");
            _nonces[code] = request.Query["nonce"].ToString();
            var html = HtmlEncoder.Default;
            // The person is signed in at once; the answer goes back as the app asked (response_mode=form_post).
            return Results.Content(
                $"""
                <html><body onload="document.forms[0].submit()">
                <form method="post" action="{html.Encode(request.Query["redirect_uri"].ToString())}">
                <input type="hidden" name="code" value="{code}" />
                <input type="hidden" name="state" value="{html.Encode(request.Query["state"].ToString())}" />
                </form></body></html>
                """, "text/html");
        });
        app.MapPost("/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            if (!_nonces.TryRemove(form["code"].ToString(), out var nonce))
            {
                return Results.BadRequest(new { error = "invalid_grant" });
            }

            var now = DateTime.UtcNow;
            var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = Issuer,
                Audience = ClientId,
                IssuedAt = now,
                NotBefore = now,
                Expires = now.AddMinutes(5),
                SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
                Claims = new Dictionary<string, object>
                {
                    ["sub"] = Subject,
                    ["nonce"] = nonce,
                    ["name"] = "Ada from the provider",
                    ["preferred_username"] = UserName,
                    ["groups"] = Groups.ToArray(),
                },
            });
            return Results.Json(new { access_token = "not-used", token_type = "Bearer", expires_in = 300, id_token = idToken });
        });
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
