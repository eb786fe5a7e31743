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
/// Issue 13's bad-input campaign: every case of corpus/manifest.tsv (CSV and xlsx for every import table, portfolio
/// documents, plus the generated giants) and every API payload of <see cref="ApiCorpus"/> is refused with the status,
/// place and reason it names, and nothing is written — every table's row count, the portfolio version and the API's
/// scorecard stay as they were. Systems, integrations and metrics files go through <c>POST /api/v1/imports/{kind}</c>;
/// the business data tables, which the API refuses, through the import page's service as an administrator; documents
/// the way <c>bv import</c> takes them. One app per provider; every failure is collected and reported.
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
        // The corpus sends over a thousand requests a minute with one key from one address: the rate limits are not what
        // is tested here.
        await using var app = new BusinessValueAppFactory(database).WithSetting("Api:RequestsPerMinute", "100000")
            .WithSetting("Api:RequestsPerAddressPerMinute", "100000");
        _ = app.Services;
        using var writer = await app.CreateKeyClientAsync(ApiScopes.InventoryWrite);
        using var metricsWriter = await app.CreateKeyClientAsync(ApiScopes.MetricsWrite);
        using var reader = await app.CreateKeyClientAsync(ApiScopes.ScorecardRead);
        using var person = await app.CreateSignedInClientAsync(Roles.Administrator);
        var before = await SnapshotAsync(database, reader);
        var figuresBefore = before.Split('\n', 2)[1];
        var cases = CorpusCase.Read(Path.Combine(CorpusFolder, "manifest.tsv"));
        var apiCases = ApiCorpus.Cases().ToList();
        var baseDocument = PortfolioDocumentReader.Read(await File.ReadAllBytesAsync(Path.Combine(CorpusFolder, "files/documents/base.json")), DateTime.UtcNow);
        var failures = baseDocument.IsValid ? new List<string>() : [$"documents/base.json, which every document case breaks in one place, is refused: {string.Join(" | ", baseDocument.Problems)}"];
        var clock = Stopwatch.StartNew();
        var checks = TimeSpan.Zero;

        // Runs one case (its mismatch, or null), then checks that nothing was written.
        async Task CheckAsync(string name, Func<Task<string?>> run)
        {
            var started = clock.Elapsed;
            try
            {
                if (await run() is { } why)
                {
                    failures.Add($"{name}: {why}");
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                failures.Add($"{name}: threw {ex.GetType().Name}: {ex.Message}");
            }

            var checking = clock.Elapsed;
            var after = await SnapshotAsync(database, reader);
            checks += clock.Elapsed - checking;
            if (after != before)
            {
                failures.Add($"{name}: something was written: {Difference(before, after)}");
                before = after;
            }

            if (clock.Elapsed - started > TimeSpan.FromSeconds(1))
            {
                output.WriteLine($"{name}: {(clock.Elapsed - started).TotalSeconds:0.0} s");
            }
        }

        foreach (var corpusCase in cases)
        {
            await CheckAsync(corpusCase.Name, async () =>
            {
                var file = await CorpusFiles.OfAsync(corpusCase, CorpusFolder, () => SystemNamesAsync(database));
                if (corpusCase.IsDocument)
                {
                    return DocumentMismatch(corpusCase, await ThroughBvImportAsync(database, file));
                }

                if (ImportTables.IsBusinessData(corpusCase.Table))
                {
                    // A scope per case, as a page's circuit has its own: an administrator's, signed in a moment ago.
                    using var page = app.Services.CreateScope().As(Roles.Administrator);
                    return Mismatch(corpusCase, file, await ThroughPageAsync(page.ServiceProvider.GetRequiredService<SpreadsheetImporting>(), corpusCase.Table, file));
                }

                return Mismatch(corpusCase, file, await ThroughApiAsync(writer, corpusCase.Table, file));
            });
        }

        foreach (var apiCase in apiCases)
        {
            await CheckAsync($"api/{apiCase.Name}", () => ApiMismatchAsync(metricsWriter, apiCase));
        }

        output.WriteLine($"{provider}: {cases.Count + apiCases.Count} cases in {clock.Elapsed.TotalSeconds:0.0} s, of which {checks.TotalSeconds:0.0} s checking that nothing was written");
        string.Join(Environment.NewLine, failures).Should().BeEmpty();
        cases.Count.Should().BeGreaterThanOrEqualTo(200);
        cases.Count(c => c.IsDocument).Should().BeGreaterThanOrEqualTo(40);
        apiCases.Should().HaveCountGreaterThanOrEqualTo(100);
        cases.Where(c => !c.IsDocument).Select(c => c.Table).Distinct().Should().HaveCount(Enum.GetValues<ImportKind>().Length, "every table is in the corpus");
        // After all of it the figures are the same, and the pages and exports that show them still answer.
        (await reader.GetStringAsync(Scorecard)).Should().Be(figuresBefore);
        (await person.GetAsync(new Uri("/?period=2026-Q3", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await person.GetAsync(new Uri("/scorecard/export.xlsx?period=2026-Q3", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        using var oldPeriod = await reader.GetAsync(new Uri("/api/v1/scorecard?period=1900-Q1", UriKind.Relative));
        oldPeriod.StatusCode.Should().Be(HttpStatusCode.BadRequest, "a period before 2000-01 is no period");
        (await oldPeriod.Content.ReadAsStringAsync()).Should().Contain("2000-01");
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

    /// <summary>
    /// What <c>bv import</c> does with a document (src/BusinessValue.Cli, BvCommand.Import): read and check all of
    /// it, then replace the portfolio in one transaction; a database refusal is exit code 1 with its reason. The
    /// exit code, and the problems bv prints one a line.
    /// </summary>
    private static async Task<(int ExitCode, IReadOnlyList<PortfolioProblem> Problems)> ThroughBvImportAsync(TestDatabase database, CorpusFile file)
    {
        var read = PortfolioDocumentReader.Read(file.Bytes, DateTime.UtcNow);
        if (!read.IsValid)
        {
            return (1, read.Problems);
        }

        await using var db = database.CreateContext();
        db.Actor = new AuditActor($"bv import {file.FileName} (bad-input corpus)");
        try
        {
            await PortfolioStore.ReplaceAsync(db, read.Portfolio!);
            return (0, []);
        }
        catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException)
        {
            return (1, [new PortfolioProblem("$", $"The database refused the change, so nothing was written: {(ex.InnerException ?? ex).Message.Split('\n')[0].Trim()}")]);
        }
    }

    /// <summary>Why bv's answer to a document is not the refusal the manifest expects: exit code, a problem at the JSON path with the reason words, nothing of the code's insides.</summary>
    private static string? DocumentMismatch(CorpusCase expected, (int ExitCode, IReadOnlyList<PortfolioProblem> Problems) outcome)
    {
        var text = string.Join(" | ", outcome.Problems);
        var shown = text.Length > 600 ? text[..600] + $"… ({text.Length} characters)" : text;
        if (outcome.ExitCode != expected.Status)
        {
            return $"exit code {outcome.ExitCode} (expected {expected.Status}): {shown}";
        }

        if (ShowsInsides(text))
        {
            return $"the message shows the code's insides: {shown}";
        }

        if (text.Length > 16 * 1024)
        {
            return $"the message is {text.Length} characters long: {shown}";
        }

        var match = outcome.Problems.Any(p => p.Path == expected.Row && expected.Reason.All(w => p.Reason.Contains(w, StringComparison.OrdinalIgnoreCase)));
        return match ? null : $"no problem at {expected.Row} saying '{string.Join("', '", expected.Reason)}' among: {shown}";
    }

    /// <summary>Sends one API payload; why its answer is not a problem+json with the status and the field's name, or null.</summary>
    private static async Task<string?> ApiMismatchAsync(HttpClient writer, ApiCase write)
    {
        using var request = new HttpRequestMessage(new HttpMethod(write.Method), new Uri(write.Path, UriKind.Relative));
        if (write.Body is { } body)
        {
            request.Content = new ByteArrayContent(body);
            if (write.ContentType is { } type)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
            }
        }

        using var response = await writer.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        return (int)response.StatusCode != write.Status || mediaType != "application/problem+json" || !text.Contains(write.Names, StringComparison.Ordinal) || ShowsInsides(text)
            ? $"{(int)response.StatusCode} (expected {write.Status}) {mediaType}, expected to name '{write.Names}': {text}"
            : null;
    }

    private static bool ShowsInsides(string text) =>
        text.Contains("System.", StringComparison.Ordinal) || text.Contains("Exception", StringComparison.Ordinal) || text.Contains(" at ", StringComparison.Ordinal) && text.Contains(".cs:", StringComparison.Ordinal);

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

        if (ShowsInsides(outcome.Text))
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
