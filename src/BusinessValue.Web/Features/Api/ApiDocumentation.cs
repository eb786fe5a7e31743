using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace BusinessValue.Web.Features.Api;

/// <summary>The OpenAPI document of /api/v1 (at /api/v1/openapi.json) and its browsable reference (Scalar, at /api/docs).</summary>
internal static class ApiDocumentation
{
    public const string DocumentPattern = "/api/{documentName}/openapi.json";

    public static IServiceCollection AddApiDocumentation(this IServiceCollection services) =>
        services.AddOpenApi("v1", options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Business Value Scorecard API",
                    Version = "v1",
                    Description = "Scorecards with their explanations, the system inventory, and monthly technical metrics pushed by monitoring tools. " +
                                  "Every call needs an API key created by an administrator, sent as `Authorization: Bearer bv_…`; each endpoint names the scope it needs. " +
                                  "Errors are RFC 7807 problem documents that list every invalid item with its path and reason. See docs/api.md.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["ApiKey"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "An API key (bv_…) created under Users and roles → API keys. Scopes: scorecard:read, inventory:read, metrics:write.",
                };
                document.Security ??= [];
                document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("ApiKey", document)] = [] });
                return Task.CompletedTask;
            });
        });

    public static IEndpointRouteBuilder MapApiDocumentation(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi(DocumentPattern).AllowAnonymous();
        // The page's inline start-up script carries a fresh nonce per request; SecurityHeaders allows exactly that one.
        endpoints.MapScalarApiReference("/api/docs", options => options
                .WithTitle("Business Value Scorecard API")
                .WithOpenApiRoutePattern(DocumentPattern)
                .AddPreferredSecuritySchemes("ApiKey")
                .WithNonce()
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent())
            .AllowAnonymous();
        return endpoints;
    }
}
