namespace BusinessValue.Web.Hosting;

/// <summary>
/// The browser-side hardening every response carries (issue 5, "Hardening"). The policy allows scripts only
/// from the app itself — no inline script, no eval — and no framing. Styles may be inline: MudBlazor writes
/// its theme as a style element and sizes components with style attributes.
/// </summary>
internal static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; " +
        "script-src 'self'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; " +
        "font-src 'self' data:; " +
        // The interactive circuit's WebSocket goes back to the app's own origin ('self' covers ws and wss).
        "connect-src 'self'; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'";

    /// <param name="signInProvider">The OpenID provider's origin, when configured: the sign-in form's post is redirected there.</param>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, Uri? signInProvider = null)
    {
        // Browsers apply form-action to where a form's answer redirects, too.
        var policy = signInProvider is null
            ? ContentSecurityPolicy
            : ContentSecurityPolicy.Replace("form-action 'self';", $"form-action 'self' {signInProvider.GetLeftPart(UriPartial.Authority)};", StringComparison.Ordinal);
        return app.Use((context, next) =>
        {
            // Set before the body starts, whatever writes the response (pages, endpoints, static files, errors).
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                // The API reference page (Scalar) starts with one inline script carrying a per-request nonce.
                headers.ContentSecurityPolicy = context.Items[Scalar.AspNetCore.ScalarOptions.NonceHttpContextItemKey] is string nonce
                    ? policy.Replace("script-src 'self';", $"script-src 'self' 'nonce-{nonce}';", StringComparison.Ordinal)
                    : policy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            return next(context);
        });
    }
}
