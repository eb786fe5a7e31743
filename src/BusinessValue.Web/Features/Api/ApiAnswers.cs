using BusinessValue.Infrastructure.PortfolioDocuments;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Routing.Template;

namespace BusinessValue.Web.Features.Api;

/// <summary>
/// Under /api the app answers as an API, whatever goes wrong: an unknown address is a 404 and a wrong method a 405,
/// each a problem document, before the sign-in redirect or the HTML error pages (which are for people) can answer.
/// </summary>
internal static class ApiAnswers
{
    // The routing's own names for the endpoints it picks when the address exists, but not for this method or for
    // this content type (an endpoint that accepts only JSON); neither needs a key, so the sign-in would answer them.
    private const string MethodNotSupported = "405 HTTP Method Not Supported";
    private const string MediaTypeNotSupported = "415 HTTP Unsupported Media Type";

    public static IApplicationBuilder UseApiAnswers(this IApplicationBuilder app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), api => api.Use(async (context, next) =>
        {
            if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }

            var endpoint = context.GetEndpoint();
            if (endpoint is null || (endpoint.DisplayName == MethodNotSupported && !IsApiAddress(context)))
            {
                await ApiProblems.Write(context, StatusCodes.Status404NotFound, "No such address",
                    $"There is nothing at {context.Request.Path}: the API's addresses are listed at /api/docs.");
                return;
            }

            if (endpoint.DisplayName == MethodNotSupported)
            {
                // The routing's endpoint sets the status and the Allow header; the problem says the same in words.
                await endpoint.RequestDelegate!(context);
                await ApiProblems.Write(context, StatusCodes.Status405MethodNotAllowed, "Method not allowed",
                    $"{context.Request.Method} is not answered at {context.Request.Path}; allowed: {context.Response.Headers.Allow}.");
                return;
            }

            if (endpoint.DisplayName == MediaTypeNotSupported)
            {
                await ApiProblems.Invalid("The body must be JSON", [new PortfolioProblem("Content-Type", $"must be application/json (it is '{context.Request.ContentType}').")],
                    StatusCodes.Status415UnsupportedMediaType).ExecuteAsync(context);
                return;
            }

            await next(context);
        }));

    // A 405 also comes from pages and files that answer GET at an address; only the API's own addresses are "wrong method".
    private static bool IsApiAddress(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        return context.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Any(e => e.RoutePattern.RawText is { } raw && raw.StartsWith("/api/", StringComparison.OrdinalIgnoreCase)
                && new TemplateMatcher(TemplateParser.Parse(raw), []).TryMatch(path, []));
    }
}
