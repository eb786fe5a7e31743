namespace BusinessValue.Web.Hosting;

/// <summary>
/// Only pages of this app may open an interactive circuit: a request to the Blazor hub that carries an
/// Origin header must come from the app's own host (the scheme is not compared: behind a proxy that ends
/// TLS the app sees http while the browser says https), or from an origin listed in
/// <c>Security:AllowedOrigins</c> for a proxy that rewrites the host. Browsers always send Origin on WebSocket
/// and cross-origin requests, so another site cannot drive a signed-in user's circuit (cross-site
/// WebSocket hijacking). Requests without Origin (not from a browser page) are left to the hub.
/// </summary>
internal static class CircuitOrigin
{
    public const string HubPath = "/_blazor";

    public static IApplicationBuilder UseCircuitOriginCheck(this IApplicationBuilder app, IConfiguration configuration)
    {
        var allowed = (configuration["Security:AllowedOrigins"] ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return app.Use((context, next) =>
        {
            var request = context.Request;
            if (request.Path.StartsWithSegments(HubPath) && request.Headers.Origin is [{ } origin]
                && !IsOwn(origin, request) && !allowed.Contains(origin.TrimEnd('/')))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            }

            return next(context);
        });
    }

    // Same host; same port unless the request's Host names none (the scheme's default, or a proxy's).
    private static bool IsOwn(string origin, HttpRequest request) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && string.Equals(uri.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase)
        && (request.Host.Port is null || request.Host.Port == uri.Port);
}
