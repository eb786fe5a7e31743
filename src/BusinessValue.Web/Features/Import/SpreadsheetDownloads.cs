using BusinessValue.Infrastructure.Spreadsheets;

namespace BusinessValue.Web.Features.Import;

/// <summary>Templates and exports of the import tables (docs/import.md), for the import page's links.</summary>
public static class SpreadsheetDownloads
{
    public static IEndpointRouteBuilder MapSpreadsheetDownloads(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/import/templates/{kind}.{format}", (string kind, string format, HttpContext context, SpreadsheetImports imports) =>
            Download(kind, format, context, (k, f) => Task.FromResult((SpreadsheetImports.Template(k, f), imports.FileNameOf(k, f, "-template")))))
            .RequireAuthorization(Security.AccessPolicies.EditInventory);
        endpoints.MapGet("/import/exports/{kind}.{format}", (string kind, string format, HttpContext context, SpreadsheetImports imports, CancellationToken cancellationToken) =>
            Download(kind, format, context, async (k, f) => (await imports.ExportAsync(k, f, cancellationToken), imports.FileNameOf(k, f))))
            .RequireAuthorization(Security.AccessPolicies.EditInventory);
        return endpoints;
    }

    private static async Task<IResult> Download(string kind, string format, HttpContext context, Func<ImportKind, SpreadsheetFormat, Task<(byte[] Content, string FileName)>> produce)
    {
        var table = ImportTables.Parse(kind);
        SpreadsheetFormat? spreadsheet = format.ToUpperInvariant() switch
        {
            "CSV" => SpreadsheetFormat.Csv,
            "XLSX" => SpreadsheetFormat.Xlsx,
            _ => null,
        };
        if (table is null || spreadsheet is null)
        {
            return Results.NotFound();
        }

        // The inventory leaves the building: never kept by a browser or a proxy cache.
        context.Response.Headers.CacheControl = "no-store";
        var (content, fileName) = await produce(table.Value, spreadsheet.Value);
        return Results.File(content, SpreadsheetFile.ContentTypeOf(spreadsheet.Value), fileName);
    }
}
