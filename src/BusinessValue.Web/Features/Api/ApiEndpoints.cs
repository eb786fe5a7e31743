using System.Text.Json;
using BusinessValue.Domain;
using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.ApiKeys;
using BusinessValue.Infrastructure.Audit;
using BusinessValue.Infrastructure.Persistence;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Web.Features.Scorecard;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Web.Features.Api;

/// <summary>
/// HTTP API v1 for integrators (docs/api.md): scorecards with explanations, the inventory, and monthly metrics
/// pushed by monitoring tools. Every endpoint needs a key with its scope; every call is audited.
/// </summary>
internal static class ApiEndpoints
{
    /// <summary>A request body larger than this is refused (413) before it is read.</summary>
    public const long MaxBodyBytes = 2 * 1024 * 1024;

    /// <summary>At most this many months in one bulk write.</summary>
    public const int MaxBatchRows = 10_000;

    public static IEndpointRouteBuilder MapApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1")
            .WithTags("v1")
            .RequireRateLimiting(ApiRateLimits.Policy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapGet("/scorecard", ScorecardAsync)
            .RequireAuthorization(ApiPolicies.For(ApiScopes.ScorecardRead))
            .WithName("GetScorecard")
            .WithSummary("The organisation's scorecard for a period")
            .WithDescription("Scope scorecard:read. `period`: a month (2026-07), quarter (2026-Q3), fiscal year (FY2026) or range (2026-01..2026-06); the latest complete quarter when left out. The same figures as the app, exact, with their explanations.")
            .Produces<ApiScorecard>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/systems/{id:guid}/scorecard", SystemScorecardAsync)
            .RequireAuthorization(ApiPolicies.For(ApiScopes.ScorecardRead))
            .WithName("GetSystemScorecard")
            .WithSummary("One system's scorecard for a period, every figure explained")
            .WithDescription("Scope scorecard:read.")
            .Produces<ApiSystemScorecard>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/systems", SystemsAsync)
            .RequireAuthorization(ApiPolicies.For(ApiScopes.InventoryRead))
            .WithName("ListSystems")
            .WithSummary("The systems of the inventory")
            .WithDescription("Scope inventory:read.")
            .Produces<IReadOnlyList<ApiSystem>>();

        api.MapPut("/systems/{id:guid}/metrics/{month}", PutMonthAsync)
            .RequireAuthorization(ApiPolicies.For(ApiScopes.MetricsWrite))
            .WithName("PutSystemMonth")
            .WithSummary("Write one system's metrics for one month")
            .WithDescription("Scope metrics:write. Idempotent: the month's report is replaced as a whole; sending it again changes nothing. Every value is optional; a value left out is recorded as missing, never as zero. 201 when the month is new, 200 when it replaced a report.")
            .Accepts<MetricsDocument>("application/json")
            .Produces<ApiMetricsWritten>()
            .Produces<ApiMetricsWritten>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapPut("/metrics", PutBatchAsync)
            .RequireAuthorization(ApiPolicies.For(ApiScopes.MetricsWrite))
            .WithName("PutMetrics")
            .WithSummary("Write many systems' months at once: all, or none")
            .WithDescription($"Scope metrics:write. Up to {MaxBatchRows} rows of {{ systemId, month, … }}. If any row is invalid nothing is written, and the problem lists every invalid row with its path and reason.")
            .Accepts<ApiMetricsBatch>("application/json")
            .Produces<ApiMetricsWritten>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return endpoints;
    }

    private static async Task<IResult> ScorecardAsync(string? period, CompanyScorecards scorecards, CancellationToken cancellationToken)
    {
        if (Invalid(period) is { } problem)
        {
            return problem;
        }

        var view = await scorecards.ForAsync(period, withTrend: false, cancellationToken);
        if (view is null)
        {
            return ApiProblems.Problem(StatusCodes.Status404NotFound, "No organisation yet", "Import a portfolio first.");
        }

        var card = view.Current;
        return Results.Ok(new ApiScorecard(
            view.OrganisationName, card.Period.Label, card.Period.First.ToString(), card.Period.Last.ToString(), card.Currency.Code,
            [.. card.Portfolio.Figures.Select(f => ApiFigure.From(f, card.Currency.Code, withWhy: true))],
            [.. card.Systems.Select(s => new ApiSystemSummary(s.SystemId, s.Name, s.Quadrant?.ToString(), s.Quadrant?.Describe(), s.SuggestedDecision?.ToString(), s.Readiness.ToString(),
                ApiCoverage.Of(s.Coverage), [.. s.Figures.Select(f => ApiFigure.From(f, card.Currency.Code, withWhy: false))]))]));
    }

    private static async Task<IResult> SystemScorecardAsync(Guid id, string? period, CompanyScorecards scorecards, CancellationToken cancellationToken)
    {
        if (Invalid(period) is { } problem)
        {
            return problem;
        }

        // The engine's scorecard alone: the company page's lists (top leaks, systems by name) are not needed for one system.
        var scorecard = await scorecards.ScorecardAsync(period, cancellationToken);
        var system = scorecard?.Systems.FirstOrDefault(s => s.SystemId == id);
        if (scorecard is null || system is null)
        {
            return ApiProblems.Problem(StatusCodes.Status404NotFound, "No such system", $"There is no system {id} in this organisation.");
        }

        return Results.Ok(new ApiSystemScorecard(system.SystemId, system.Name, scorecard.Period.Label, scorecard.Currency.Code,
            system.Quadrant?.ToString(), system.Quadrant?.Describe(), system.SuggestedDecision?.ToString(), system.Readiness.ToString(), system.ReadinessWhy,
            ApiCoverage.Of(system.Coverage), [.. system.Figures.Select(f => ApiFigure.From(f, scorecard.Currency.Code, withWhy: true))]));
    }

    private static async Task<IResult> SystemsAsync(IDbContextFactory<BusinessValueDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var systems = await db.Systems.AsNoTracking().OrderBy(s => s.Name).ToListAsync(cancellationToken);
        return Results.Ok(systems.Select(s => new ApiSystem(s.Id, s.Name, s.Category, s.Vendor, s.Lifecycle.ToString(), s.StrategicFit.ToString(),
            s.ItOwner, s.BusinessOwner, s.TotalCostOfOwnership)).ToList());
    }

    private static async Task<IResult> PutMonthAsync(Guid id, string month, HttpContext context, IDbContextFactory<BusinessValueDbContext> contexts, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!YearMonth.TryParse(month, out var parsed))
        {
            return ApiProblems.Invalid("The month in the address is not valid", [new PortfolioProblem("month", $"must be written YYYY-MM, such as 2026-07 (it is '{month}').")], StatusCodes.Status400BadRequest);
        }

        var (document, problem) = await ReadAsync<MetricsDocument>(context, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (document!.SystemId != Guid.Empty && document.SystemId != id || document.Month is { } given && given != parsed.ToString())
        {
            return ApiProblems.Invalid("The body names another system or month than the address", [new PortfolioProblem("$", "systemId and month, when given in the body, must be the ones in the address.")]);
        }

        document.SystemId = id;
        document.Month = parsed.ToString();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Systems.AnyAsync(s => s.Id == id, cancellationToken))
        {
            return ApiProblems.Problem(StatusCodes.Status404NotFound, "No such system", $"There is no system {id} in this organisation. Nothing was changed.");
        }

        // The system was just found: the write does not look it up a second time.
        var written = await WriteAsync(db, context, [document], _ => "$", clock, cancellationToken, known: new HashSet<Guid> { id });
        return written switch
        {
            { Problem: { } invalid } => invalid,
            { Result.Created: 1 } => Results.Created($"/api/v1/systems/{id}/metrics/{parsed}", written.Result),
            _ => Results.Ok(written.Result),
        };
    }

    private static async Task<IResult> PutBatchAsync(HttpContext context, IDbContextFactory<BusinessValueDbContext> contexts, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (batch, problem) = await ReadAsync<ApiMetricsBatch>(context, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (batch!.Metrics is not { Count: > 0 } rows)
        {
            return ApiProblems.Invalid("There is nothing to write", [new PortfolioProblem("$.metrics", "must list at least one month.")]);
        }

        if (rows.Count > MaxBatchRows)
        {
            return ApiProblems.Invalid("Too many rows", [new PortfolioProblem("$.metrics", $"may hold at most {MaxBatchRows} rows (it holds {rows.Count}); send them in several requests.")], StatusCodes.Status413PayloadTooLarge);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var written = await WriteAsync(db, context, rows, i => $"$.metrics[{i}]", clock, cancellationToken);
        return written.Problem ?? Results.Ok(written.Result);
    }

    private static async Task<(MetricsUpsertResult? Result, IResult? Problem)> WriteAsync(
        BusinessValueDbContext db, HttpContext context, IReadOnlyList<MetricsDocument?> rows, Func<int, string> pathOf, TimeProvider clock, CancellationToken cancellationToken,
        IReadOnlySet<Guid>? known = null)
    {
        // The source of a pushed month is the key that pushed it: a body that claims another is refused, not overwritten.
        var claimed = rows.Select((row, i) => (row, i)).Where(r => r.row?.Source is not null)
            .Select(r => new PortfolioProblem($"{pathOf(r.i)}.source", "is set by the API from the key that sends the month: leave it out.")).ToList();
        if (claimed.Count > 0)
        {
            return (null, ApiProblems.Invalid($"{claimed.Count} invalid item(s)", claimed));
        }

        var keyName = context.User.Identity?.Name ?? "an API key";
        // Only the systems the rows name: a monitoring tool writes one month at a time into an inventory of thousands.
        var named = rows.OfType<MetricsDocument>().Select(r => r.SystemId).Distinct().ToList();
        var systems = known ?? (await db.Systems.AsNoTracking().Where(s => named.Contains(s.Id)).Select(s => s.Id).ToListAsync(cancellationToken)).ToHashSet();
        var (checkedRows, problems) = MetricsUpserts.Check(rows, pathOf, systems, new InputSource(SourceKind.Api, keyName, clock.GetUtcNow().UtcDateTime));
        if (problems.Count > 0)
        {
            return (null, ApiProblems.Invalid($"{problems.Count} invalid item(s)", problems));
        }

        db.Actor = new AuditActor(keyName, KeyId(context));
        return (await MetricsUpserts.ApplyAsync(db, checkedRows, cancellationToken), null);
    }

    /// <summary>Reads a JSON body within the size limit; a syntax or type error names where it is.</summary>
    private static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpContext context, CancellationToken cancellationToken)
        where T : class
    {
        if (!context.Request.HasJsonContentType())
        {
            return (null, ApiProblems.Invalid("The body must be JSON", [new PortfolioProblem("Content-Type",
                $"must be application/json (it is '{context.Request.ContentType ?? "not given"}').")], StatusCodes.Status415UnsupportedMediaType));
        }

        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return (null, TooLarge());
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return (null, TooLarge());
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.ToArray(), PortfolioJson.Options);
            return value is null
                ? (null, ApiProblems.Invalid("The body is empty", [new PortfolioProblem("$", "must be a JSON object.")], StatusCodes.Status400BadRequest))
                : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, ApiProblems.Invalid("The body could not be read", [new PortfolioProblem(ex.Path ?? "$", $"{PortfolioJson.Describe(ex)} (line {ex.LineNumber + 1}).")], StatusCodes.Status400BadRequest));
        }
    }

    private static IResult TooLarge() =>
        ApiProblems.Invalid("The body is too large", [new PortfolioProblem("$", $"may be at most {MaxBodyBytes / 1024 / 1024} MB; send the months in several requests.")], StatusCodes.Status413PayloadTooLarge);

    private static IResult? Invalid(string? period)
    {
        if (string.IsNullOrWhiteSpace(period))
        {
            return null;
        }

        try
        {
            Period.Parse(period);
            return null;
        }
        catch (DomainRuleException ex)
        {
            return ApiProblems.Invalid("The period is not valid", [new PortfolioProblem("period", ex.Message)], StatusCodes.Status400BadRequest);
        }
    }

    private static Guid? KeyId(HttpContext context) =>
        Guid.TryParse(context.User.FindFirst(ApiKeyAuthentication.KeyIdClaim)?.Value, out var id) ? id : null;
}
