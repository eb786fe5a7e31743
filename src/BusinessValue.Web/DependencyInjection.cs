using BusinessValue.Infrastructure;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Web.Components;
using BusinessValue.Web.Features.Scorecard;
using BusinessValue.Web.Features.Home;
using BusinessValue.Web.Features.Account;
using BusinessValue.Web.Features.Api;
using BusinessValue.Web.Features.Import;
using BusinessValue.Web.Features.Reviews;
using BusinessValue.Web.Hosting;
using BusinessValue.Web.Security;
using Microsoft.AspNetCore.DataProtection;
using BusinessValue.Infrastructure.Persistence;
using MudBlazor.Services;
using Serilog;

namespace BusinessValue.Web;

internal static class DependencyInjection
{
    public static IServiceCollection AddBusinessValue(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        // Before AddPersistence, which registers the defaults only when the host has not (Import:MaxFileBytes).
        services.AddSingleton(_ => BusinessValue.Infrastructure.Spreadsheets.ImportOptions.FromConfiguration(configuration));
        services.AddPersistence(
            _ => DatabaseOptions.FromConfiguration(configuration, environment.ContentRootPath),
            _ => FirstStartOptions.FromConfiguration(configuration));
        services.AddHostedService<DatabaseStartup>();
        // Keys in the database: sign-ins and circuits survive a restart or a new container, and several app
        // nodes behind a load balancer (sticky sessions) share them.
        services.AddDataProtection().SetApplicationName("BusinessValue").PersistKeysToDbContext<BusinessValueDbContext>();
        services.AddHealth();
        services.AddAccounts(configuration, environment);
        services.AddApiRateLimits(configuration);
        services.AddApiDocumentation();
        services.AddProblemDetails();
        services.AddDatabaseFaults();
        services.ConfigureHttpJsonOptions(options =>
        {
            // Enums by name, and formulas (Σ, ×, μ) readable rather than \u-escaped.
            options.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
            options.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            // A metrics row has one property per measure, as in the portfolio document (and so in the OpenAPI document).
            options.SerializerOptions.TypeInfoResolverChain.Insert(0, new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver
            {
                Modifiers = { BusinessValue.Infrastructure.PortfolioDocuments.PortfolioJson.DescribeMeasures },
            });
        });
        services.AddScoped<BusinessValue.Infrastructure.Identity.FirstAdministrator>();
        // The antiforgery cookie is Secure whenever the page came over HTTPS (plain HTTP stays usable on localhost).
        services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        // No "Server: Kestrel" header: it tells an attacker nothing they need.
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(options => options.AddServerHeader = false);

        // Circuit and message limits chosen, not left to chance: the framework's defaults, written down so a
        // change is a decision. An executive's open scorecard holds one circuit (docs/performance.md).
        services.AddRazorComponents().AddInteractiveServerComponents(options =>
        {
            options.DisconnectedCircuitMaxRetained = 100;
            options.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(3);
            options.JSInteropDefaultCallTimeout = TimeSpan.FromMinutes(1);
            options.MaxBufferedUnacknowledgedRenderBatches = 10;
            options.DetailedErrors = false;
        });
        services.Configure<Microsoft.AspNetCore.SignalR.HubOptions>(options =>
        {
            // Nothing the app receives from a browser comes near this; uploads will go through HTTP endpoints.
            options.MaximumReceiveMessageSize = 32 * 1024;
            options.MaximumParallelInvocationsPerClient = 1;
            options.ClientTimeoutInterval = TimeSpan.FromSeconds(30);
            options.KeepAliveInterval = TimeSpan.FromSeconds(15);
        });
        services.AddMudServices();

        services.AddScoped<OrganisationOverviews>();
        services.AddSingleton<BusinessValue.Domain.Engine.TranslationEngine>();
        services.AddScoped<Features.Scorecard.CompanyScorecards>();
        services.AddSingleton<Features.Scorecard.SharedMarkup>();
        services.AddScoped<Features.Settings.AssumptionSettings>();
        services.AddScoped<Features.Systems.SystemEditing>();
        services.AddScoped<Features.Import.SpreadsheetImporting>();
        services.AddScoped<Features.Systems.SystemListing>();
        services.AddScoped<Features.Systems.SystemRecords>();
        services.AddScoped<Features.Systems.RestoreTestEditing>();
        services.AddScoped<Features.Integrations.IntegrationEditing>();
        services.AddScoped<Features.Departments.DepartmentEditing>();
        services.AddScoped<Features.Departments.ProcessEditing>();
        services.AddScoped<Features.Departments.DependencyEditing>();
        services.AddScoped<Features.Workarounds.WorkaroundRegister>();
        services.AddScoped<Features.TranslationRequests.TranslationRequestEditing>();
        services.AddScoped<Features.Metrics.MetricsGrid>();
        services.AddScoped<Features.Settings.OrganisationEditing>();
        services.AddScoped<Features.Home.FirstRunSteps>();
        services.AddScoped<Features.Scorecard.Explanations>();
        services.AddScoped<Features.Audit.AuditTrailSearch>();
        services.AddScoped<Features.Admin.UserAdministration>();
        services.AddScoped<Features.Admin.ApiKeyAdministration>();
        services.AddSingleton<Features.Api.ApiKeyLastUse>();
        services.AddSingleton<Features.Reviews.FrozenScorecards>();
        services.AddScoped<Features.Reviews.ReviewFigures>();
        services.AddScoped<Features.Reviews.ReviewPlanning>();
        services.AddScoped<Features.Reviews.ReviewDecisions>();
        services.AddScoped<Features.Reviews.ActionItems>();
        services.AddScoped<Features.Reviews.ReviewPacks>();
        services.AddScoped<Features.Reviews.ReviewOverviews>();
        // Replaced by the translation-request feature's query of requests marked ready.
        services.AddScoped<Features.Reviews.IReadyTranslationRequests>(sp => sp.GetRequiredService<Features.TranslationRequests.TranslationRequestEditing>());
        // After DatabaseStartup, so it never reads a database that is not ready.
        services.AddHostedService<ScorecardWarmer>();
        return services;
    }

    public static WebApplication UseBusinessValue(this WebApplication app)
    {
        var openId = app.Services.GetRequiredService<OpenIdSignIn>();
        app.UseSecurityHeaders(openId.IsEnabled ? new Uri(openId.Authority!) : null);
        app.UseCircuitOriginCheck(app.Configuration);
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseSerilogRequestLogging(options =>
        {
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
            options.GetLevel = (context, _, error) => error is not null || context.Response.StatusCode >= 500
                ? Serilog.Events.LogEventLevel.Error
                // Probes and static files would drown the log.
                : context.Request.Path.StartsWithSegments("/health") || context.Request.Path.StartsWithSegments("/_framework")
                    ? Serilog.Events.LogEventLevel.Verbose
                    : Serilog.Events.LogEventLevel.Information;
        });

        if (!app.Environment.IsDevelopment())
        {
            // Stack traces only in Development; elsewhere a friendly page with the correlation id.
            // Database faults (away, read-only, disk full) answer 503 with their reason (Hosting/DatabaseFaults).
            app.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/error",
                CreateScopeForErrors = true,
                StatusCodeSelector = DatabaseFaults.StatusCodeOf,
            });
            // Strict-Transport-Security on HTTPS responses (a proxy that terminates TLS must forward the scheme).
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        // Numbers and dates in the reader's own format (Accept-Language); money stays in the organisation's currency.
        app.UseRequestLocalization(options =>
        {
            string[] cultures = ["en-US", "en-GB", "de-DE", "fr-FR", "nl-NL", "es-ES", "it-IT", "sv-SE", "da-DK", "pl-PL"];
            options.SetDefaultCulture(cultures[0]).AddSupportedCultures(cultures).AddSupportedUICultures(cultures);
        });
        app.UseApiCallAudit();
        app.UseApiAnswers();
        app.UseAuthentication();
        app.UseAuthorization();
        // After authorization: the API's limits are per key, and the key is known only then.
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapHealth();
        app.MapScorecardExport();
        app.MapReviewPackExport();
        app.MapSpreadsheetDownloads();
        app.MapAccountEndpoints();
        app.MapApi();
        app.MapImportApi();
        app.MapApiDocumentation();
        // The sign-in page needs its styles and scripts before anyone has signed in.
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode()
            // Pages answer HEAD too (Kestrel sends no body), so `curl -I` and uptime probes see the real status and headers.
            .Add(endpoint => endpoint.Metadata.Add(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head, HttpMethods.Post])));
        return app;
    }
}
