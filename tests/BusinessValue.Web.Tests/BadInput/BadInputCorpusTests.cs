using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BusinessValue.Infrastructure.ApiKeys;
using BusinessValue.Infrastructure.Audit;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Infrastructure.Persistence;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Infrastructure.RateLimits;
using BusinessValue.Infrastructure.Spreadsheets;
using BusinessValue.Testing;
using BusinessValue.Web.Features.Import;
using BusinessValue.Web.Tests.HostileWrites;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace BusinessValue.Web.Tests.BadInput;

/// <summary>
/// Issue 13's bad-input campaign: every file of corpus/manifest.tsv (CSV and xlsx for every import table, plus the
/// generated giants) is refused with the status, place and reason its line names, and nothing is written — every
/// table's row count, the portfolio version and the API's scorecard stay as they were. Systems, integrations and
/// metrics go through <c>POST /api/v1/imports/{kind}</c>; the business data tables, which the API refuses, through
/// the import page's service as an administrator. One app per provider; every failure is collected and reported.
/// </summary>
public sealed class BadInputCorpusTests(ITestOutputHelper output)
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static readonly Uri Scorecard = new("/api/v1/scorecard?period=2026-Q3", UriKind.Relative);

    private static string CorpusFolder => Path.Combine(RepositoryFolder.Root, "tests/BusinessValue.Web.Tests/BadInput/corpus");

    [Theory, ClassData(typeof(BothProviders))]
    public async Task Corpus_EveryMalformedFile_IsRefusedNamingPlaceAndReasonAndNothingIsWritten(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        // The corpus sends hundreds of requests a minute with one key: the rate limit is not what is tested here.
        await using var app = new BusinessValueAppFactory(database).WithSetting("Api:RequestsPerMinute", "100000");
        _ = app.Services;
        using var writer = await app.CreateKeyClientAsync(ApiScopes.InventoryWrite);
        using var reader = await app.CreateKeyClientAsync(ApiScopes.ScorecardRead);
        var before = await SnapshotAsync(database, reader);
        var cases = CorpusCase.Read(Path.Combine(CorpusFolder, "manifest.tsv"));
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        var checks = TimeSpan.Zero;

        foreach (var corpusCase in cases)
        {
            CorpusFile file;
            Outcome outcome;
            var started = clock.Elapsed;
            try
            {
                file = await CorpusFiles.OfAsync(corpusCase, CorpusFolder, () => SystemNamesAsync(database));
                if (ImportTables.IsBusinessData(corpusCase.Kind))
                {
                    // A scope per case, as a page's circuit has its own: an administrator's, signed in a moment ago.
                    using var page = app.Services.CreateScope().As(Roles.Administrator);
                    outcome = await ThroughPageAsync(page.ServiceProvider.GetRequiredService<SpreadsheetImporting>(), corpusCase.Kind, file);
                }
                else
                {
                    outcome = await ThroughApiAsync(writer, corpusCase.Kind, file);
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                failures.Add($"{corpusCase.Name}: threw {ex.GetType().Name}: {ex.Message}");
                continue;
            }

            var checking = clock.Elapsed;
            var after = await SnapshotAsync(database, reader);
            checks += clock.Elapsed - checking;
            if (Mismatch(corpusCase, file, outcome) is { } why)
            {
                failures.Add($"{corpusCase.Name}: {why}");
            }

            if (after != before)
            {
                failures.Add($"{corpusCase.Name}: something was written: {Difference(before, after)}");
                before = after;
            }

            if (clock.Elapsed - started > TimeSpan.FromSeconds(1))
            {
                output.WriteLine($"{corpusCase.Name}: {(clock.Elapsed - started).TotalSeconds:0.0} s");
            }
        }

        output.WriteLine($"{provider}: {cases.Count} cases in {clock.Elapsed.TotalSeconds:0.0} s, of which {checks.TotalSeconds:0.0} s checking that nothing was written");
        string.Join(Environment.NewLine, failures).Should().BeEmpty();
        cases.Count.Should().BeGreaterThanOrEqualTo(200);
        cases.Select(c => c.Kind).Distinct().Should().HaveCount(Enum.GetValues<ImportKind>().Length, "every table is in the corpus");
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task ImportThenExport_FormulaLikeNames_AreStoredAsWrittenAndExportedNeutralised(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        _ = app.Services;
        using var writer = await app.CreateKeyClientAsync(ApiScopes.InventoryWrite);
        using var reader = await app.CreateKeyClientAsync(ApiScopes.InventoryRead);
        string[] formulas = ["=HYPERLINK(\"http://127.0.0.1/x\",\"click\")", "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(1)"];
        var csv = "System name,Category\n" + string.Join('\n', formulas.Select(f => $"\"{f.Replace("\"", "\"\"", StringComparison.Ordinal)}\",ERP")) + "\n";

        using var import = await writer.PostAsync(new Uri("/api/v1/imports/systems?fileName=formulas.csv", UriKind.Relative), new StringContent(csv, Encoding.UTF8, "text/csv"));
        var exportedCsv = await reader.GetStringAsync(new Uri("/api/v1/imports/systems/export?format=csv", UriKind.Relative));
        var exportedXlsx = await reader.GetByteArrayAsync(new Uri("/api/v1/imports/systems/export?format=xlsx", UriKind.Relative));

        import.StatusCode.Should().Be(HttpStatusCode.OK, await import.Content.ReadAsStringAsync());
        await using var db = database.CreateContext();
        (await db.Systems.Select(s => s.Name).ToListAsync()).Should().Contain(formulas, "a text cell is stored as the text it is");
        var workbookText = WorkbookText(exportedXlsx);
        foreach (var formula in formulas)
        {
            var written = formula.Replace("\"", "\"\"", StringComparison.Ordinal);
            exportedCsv.Should().Contain("'" + written).And.NotContain("\n" + written).And.NotContain("\n\"" + written);
            workbookText.Should().Contain("'" + formula);
        }
    }

    /// <summary>What an import answered, in one shape for both ways in: status, message, and each problem.</summary>
    private sealed record Outcome(int Status, string ContentType, string Text, IReadOnlyList<(int Row, string Column, string Reason)> Problems);

    private static async Task<Outcome> ThroughApiAsync(HttpClient writer, ImportKind kind, CorpusFile file)
    {
        var content = new ByteArrayContent(file.Bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(file.FileName.EndsWith(".xlsx", StringComparison.Ordinal) ? Xlsx : "text/csv");
        using var response = await writer.PostAsync(new Uri($"/api/v1/imports/{ImportTables.NameOf(kind)}?fileName={Uri.EscapeDataString(file.FileName)}", UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        var problems = new List<(int, string, string)>();
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json"
            && JsonDocument.Parse(text).RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
        {
            problems.AddRange(errors.EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString()!, e.GetProperty("reason").GetString()!)));
        }

        return new Outcome((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType ?? "(none)", text, problems);
    }

    /// <summary>
    /// The import page's way: upload, then import. A file it cannot read counts as 400 (413 over the size limit),
    /// problems as 422, anything else thrown as the 500 a page would show.
    /// </summary>
    private static async Task<Outcome> ThroughPageAsync(SpreadsheetImporting importing, ImportKind kind, CorpusFile file)
    {
        try
        {
            var upload = await importing.UploadAsync(new MemoryBrowserFile(file.FileName, file.Bytes), kind);
            var plan = await importing.CommitAsync(upload, SpreadsheetImports.Guess(upload.File, kind));
            return plan.HasProblems
                ? new Outcome(422, "page", string.Join(" | ", plan.Problems), [.. plan.Problems.Select(p => (p.Row, p.Column, p.Reason))])
                : new Outcome(plan.Written ? 200 : 204, "page", plan.Summary, []);
        }
        catch (SpreadsheetFileException ex)
        {
            return new Outcome(ex.Message.Contains("Import:MaxFileBytes", StringComparison.Ordinal) ? 413 : 400, "page", ex.Message, []);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new Outcome(500, "page", $"{ex.GetType().FullName}: {ex.Message}", []);
        }
    }

    /// <summary>Why an outcome is not the refusal the manifest expects; null when it is.</summary>
    private static string? Mismatch(CorpusCase expected, CorpusFile file, Outcome outcome)
    {
        var text = outcome.Problems.Count > 0 ? string.Join(" | ", outcome.Problems.Select(p => $"Row {p.Row}, {p.Column}: {p.Reason}")) : outcome.Text;
        var shown = text.Length > 600 ? text[..600] + $"… ({text.Length} characters)" : text;
        if (outcome.Status != expected.Status)
        {
            return $"answered {outcome.Status} (expected {expected.Status}): {shown}";
        }

        if (outcome.ContentType is not ("application/problem+json" or "page"))
        {
            return $"answered {outcome.ContentType}, not a problem: {shown}";
        }

        if (outcome.Text.Contains("System.", StringComparison.Ordinal) || outcome.Text.Contains("Exception", StringComparison.Ordinal) || outcome.Text.Contains(" at ", StringComparison.Ordinal) && outcome.Text.Contains(".cs:", StringComparison.Ordinal))
        {
            return $"the message shows the code's insides: {shown}";
        }

        // A message names the place and why, not the whole cell again: a 10 MB cell is not sent back.
        if (outcome.Text.Length > 16 * 1024)
        {
            return $"the message is {outcome.Text.Length} characters long: {shown}";
        }

        if (expected.Row == "-")
        {
            var missing = expected.Reason.Where(w => !outcome.Text.Contains(w, StringComparison.OrdinalIgnoreCase)).ToList();
            return missing.Count == 0 ? null : $"the message lacks '{string.Join("', '", missing)}': {shown}";
        }

        var row = expected.Row == "last" ? file.LastRow ?? -1 : int.Parse(expected.Row, System.Globalization.CultureInfo.InvariantCulture);
        var match = outcome.Problems.Any(p => p.Row == row && string.Equals(p.Column, expected.Column, StringComparison.Ordinal)
            && expected.Reason.All(w => p.Reason.Contains(w, StringComparison.OrdinalIgnoreCase)));
        return match ? null : $"no problem of row {row}, column '{expected.Column}' saying '{string.Join("', '", expected.Reason)}' among: {shown}";
    }

    /// <summary>Every table's row count (audit entries but the API calls' own; not the rate-limit counters and sessions), the portfolio version and the scorecard the API gives.</summary>
    private static async Task<string> SnapshotAsync(TestDatabase database, HttpClient reader)
    {
        await using var db = database.CreateContext();
        var (sql, names) = CountsOf(db);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var counts = new StringBuilder();
        await using (var rows = await command.ExecuteReaderAsync())
        {
            await rows.ReadAsync();
            for (var i = 0; i < names.Count; i++)
            {
                counts.Append(names[i]).Append('=').Append(Convert.ToInt64(rows.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append(' ');
            }
        }

        return $"{counts}\n{await reader.GetStringAsync(Scorecard)}";
    }

    /// <summary>One statement that counts every table of the model, the audit entries but the API calls' own, and reads the portfolio version.</summary>
    private static (string Sql, IReadOnlyList<string> Names) CountsOf(BusinessValueDbContext db)
    {
        var auditType = db.Model.FindEntityType(typeof(AuditEntry))!;
        var audit = auditType.GetTableName()!;
        var versionType = db.Model.FindEntityType(typeof(PortfolioVersion))!;
        // Bookkeeping that every request may touch, not data an import writes: the API's rate-limit counters and sign-in sessions.
        var bookkeeping = new[] { typeof(ApiRateWindow), typeof(UserSession) }.Select(t => db.Model.FindEntityType(t)!.GetTableName()).ToHashSet();
        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Where(t => t != audit && !bookkeeping.Contains(t)).Distinct().Order(StringComparer.Ordinal).ToList();
        var parts = tables.Select(t => $"(SELECT COUNT(*) FROM \"{t}\")").ToList();
        parts.Add($"(SELECT COUNT(*) FROM \"{audit}\" WHERE \"{auditType.FindProperty(nameof(AuditEntry.Action))!.GetColumnName()}\" <> '{AuditAction.ApiCall}')");
        parts.Add($"(SELECT COALESCE(MAX(\"{versionType.FindProperty(nameof(PortfolioVersion.Version))!.GetColumnName()}\"), 0) FROM \"{versionType.GetTableName()}\")");
        return ("SELECT " + string.Join(", ", parts), [.. tables, "audit", "version"]);
    }

    private static string Difference(string before, string after)
    {
        var (b, a) = (before.Split('\n')[0].Split(' '), after.Split('\n')[0].Split(' '));
        var changed = b.Zip(a).Where(p => p.First != p.Second).Select(p => $"{p.First} → {p.Second}").ToList();
        return changed.Count > 0 ? string.Join(", ", changed) : "the scorecard changed";
    }

    private static async Task<IReadOnlyList<string>> SystemNamesAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.Systems.OrderBy(s => s.Name).Select(s => s.Name).ToListAsync();
    }

    private static string WorkbookText(byte[] workbook)
    {
        using var zip = new ZipArchive(new MemoryStream(workbook), ZipArchiveMode.Read);
        var text = new StringBuilder();
        foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
        {
            using var stream = new StreamReader(entry.Open());
            text.Append(stream.ReadToEnd());
        }

        return WebUtility.HtmlDecode(text.ToString());
    }
}
