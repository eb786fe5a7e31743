using BusinessValue.Infrastructure.ApiKeys;
using BusinessValue.Infrastructure.Audit;
using BusinessValue.Infrastructure.Spreadsheets;
using Microsoft.AspNetCore.Http.Features;

namespace BusinessValue.Web.Features.Api;

/// <summary>One problem of an imported file: its row as the spreadsheet shows it (headings = row 1), its column's heading, why.</summary>
public sealed record ApiImportProblem(int Row, string Column, string Reason);

/// <summary>What an import did, or would do (<c>dryRun</c>): rows, and how many add, change or leave a record as it is.</summary>
public sealed record ApiImportResult(string Kind, string File, bool DryRun, bool Written, int Rows, int New, int Changed, int Unchanged);

/// <summary>
/// Spreadsheet imports and exports for automation (docs/import.md#http-api): the file is the request body, CSV or
/// xlsx; the same checks as the import page and <c>bv import-csv</c>, all rows or none.
/// </summary>
internal static class ApiImportEndpoints
{
    public static IEndpointRouteBuilder MapImportApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/imports")
            .WithTags("v1")
            .RequireRateLimiting(ApiRateLimits.Policy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapPost("/{kind}", ImportAsync)
            .RequireAuthorization(ApiPolicies.For(ApiScopes.InventoryWrite))
            .WithName("ImportTable")
            .WithSummary("Import one table from a CSV or xlsx file: all rows, or none")
            .WithDescription("Scope inventory:write. `kind`: systems, integrations or metrics (departments, processes, dependencies and workarounds are business data, imported in the app by an administrator: 403). " +
                "The body is the file: `text/csv` (UTF-8, comma or semicolon) or the xlsx content type. `dryRun=true` checks and counts without writing; " +
                "`preset` names a saved column mapping; `fileName` names the file in the audit trail and the values' source. " +
                "Columns are matched by heading (docs/import.md). Any problem: 422 listing each with its row, column and reason, and nothing is written.")
            .Accepts<string>("text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            .Produces<ApiImportResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapGet("/{kind}/export", ExportAsync)
            .RequireAuthorization(ApiPolicies.For(ApiScopes.InventoryRead))
            .WithName("ExportTable")
            .WithSummary("One table as CSV or xlsx, in the import's columns: it re-imports unchanged")
            .WithDescription("Scope inventory:read. `format`: csv (default) or xlsx. `template=true` gives the headings and one example row instead.")
            .Produces<byte[]>(StatusCodes.Status200OK, "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return endpoints;
    }

    private static async Task<IResult> ImportAsync(string kind, bool? dryRun, string? preset, string? fileName, HttpContext context, SpreadsheetImports imports, CancellationToken cancellationToken)
    {
        if (ImportTables.Parse(kind) is not { } table)
        {
            return UnknownKind(kind);
        }

        // An API key belongs to no department: the business's own tables are kept in the app (docs/api.md).
        if (ImportTables.IsBusinessData(table))
        {
            return ApiProblems.Problem(StatusCodes.Status403Forbidden, "Business data is not imported through the API",
                $"{ImportTables.Of(table).Title} are business data: each department's business owner keeps their own in the app, and an administrator imports them on the import page. An API key imports systems, integrations and metrics. Nothing was changed.");
        }

        var format = SpreadsheetFile.FormatOf(fileName, context.Request.ContentType);
        if (format is null)
        {
            return ApiProblems.Problem(StatusCodes.Status415UnsupportedMediaType, "Send CSV or xlsx",
                "Send the file as text/csv or application/vnd.openxmlformats-officedocument.spreadsheetml.sheet (or name it with fileName=….csv or ….xlsx). Nothing was changed.");
        }

        if (context.Request.ContentLength > imports.MaxFileBytes)
        {
            return TooLarge(imports.MaxFileBytes);
        }

        // The import's own limit applies (checked while reading), not the server's default request size.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = imports.MaxFileBytes + 1;
        }

        var name = Path.GetFileName(fileName is { Length: > 0 } given ? given : $"{ImportTables.NameOf(table)}.{(format == SpreadsheetFormat.Xlsx ? "xlsx" : "csv")}");
        SpreadsheetFile file;
        try
        {
            file = await imports.ReadAsync(context.Request.Body, name, table, format, cancellationToken);
        }
        catch (SpreadsheetFileException ex)
        {
            return ex.Message.Contains("larger than the import limit", StringComparison.Ordinal)
                ? TooLarge(imports.MaxFileBytes)
                : ApiProblems.Problem(StatusCodes.Status400BadRequest, "The file cannot be read", $"{ex.Message} Nothing was changed.");
        }

        ImportMapping? saved = null;
        if (preset is { Length: > 0 })
        {
            saved = await imports.PresetAsync(table, preset, cancellationToken);
            if (saved is null)
            {
                return ApiProblems.Problem(StatusCodes.Status400BadRequest, "No such preset", $"There is no saved mapping '{preset}' for {ImportTables.NameOf(table)}. Nothing was changed.");
            }
        }

        var mapping = SpreadsheetImports.Guess(file, table, saved);
        ImportPlan plan;
        try
        {
            plan = dryRun == true
                ? await imports.PlanAsync(file, mapping, cancellationToken: cancellationToken)
                : await imports.CommitAsync(file, mapping, new AuditActor(context.User.Identity?.Name ?? "an API key", KeyId(context)), cancellationToken: cancellationToken);
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            // Someone changed the same records between the check and the write (a row version moved on, a name was
            // taken): the transaction rolled back, so nothing of the file is in the database.
            return ApiProblems.Problem(StatusCodes.Status409Conflict, "The records changed while the file was imported",
                "Someone changed some of the same records while this file was being written, so nothing was changed. Send the file again.");
        }

        if (plan.HasProblems)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: $"{plan.Problems.Count} problem(s) in {plan.FileName}",
                detail: "Nothing was changed. Each problem is listed under 'errors' with its row (the headings are row 1), its column and the reason.",
                extensions: new Dictionary<string, object?>
                {
                    ["errors"] = plan.Problems.Select(p => new ApiImportProblem(p.Row, p.Column, p.Reason)).ToList(),
                    ["rows"] = plan.Rows,
                });
        }

        return Results.Ok(new ApiImportResult(ImportTables.NameOf(table), plan.FileName, dryRun == true, plan.Written, plan.Rows, plan.New, plan.Changed, plan.Unchanged));
    }

    private static async Task<IResult> ExportAsync(string kind, string? format, bool? template, SpreadsheetImports imports, CancellationToken cancellationToken)
    {
        if (ImportTables.Parse(kind) is not { } table)
        {
            return UnknownKind(kind);
        }

        var chosen = string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase) ? SpreadsheetFormat.Xlsx
            : format is null || string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase) ? SpreadsheetFormat.Csv
            : (SpreadsheetFormat?)null;
        if (chosen is not { } f)
        {
            return ApiProblems.Problem(StatusCodes.Status400BadRequest, "Unknown format", $"format must be csv or xlsx (it is '{format}').");
        }

        var bytes = template == true ? SpreadsheetImports.Template(table, f) : await imports.ExportAsync(table, f, cancellationToken);
        return Results.File(bytes, SpreadsheetFile.ContentTypeOf(f), imports.FileNameOf(table, f, template == true ? "-template" : null));
    }

    private static IResult UnknownKind(string kind) =>
        ApiProblems.Problem(StatusCodes.Status400BadRequest, "Unknown table",
            $"'{kind}' is not a table that can be imported: use one of {string.Join(", ", ImportTables.All.Select(t => t.Name))}.");

    private static IResult TooLarge(long maxBytes) =>
        ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, "The file is too large",
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"A file may be at most {maxBytes / 1024d / 1024d:0.#} MB (Import:MaxFileBytes): split it into several. Nothing was changed."));

    private static Guid? KeyId(HttpContext context) =>
        Guid.TryParse(context.User.FindFirst(ApiKeyAuthentication.KeyIdClaim)?.Value, out var id) ? id : null;
}
