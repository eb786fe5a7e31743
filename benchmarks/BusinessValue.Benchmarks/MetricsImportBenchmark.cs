using System.Diagnostics;
using System.Globalization;
using System.Text;
using BusinessValue.Domain.Metrics;
using BusinessValue.Domain.Organisation;
using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.Audit;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Infrastructure.Spreadsheets;
using BusinessValue.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BusinessValue.Benchmarks;

/// <summary>
/// 100,000 monthly-metric rows from CSV into PostgreSQL: our import (reading, mapping, every row checked, bulk
/// write, audit) against <c>psql \copy</c> of the same file into an equivalent table (same columns, primary key on
/// system and month), measured in the same run on one throwaway cluster (issue 11, docs/import.md#volume).
/// The target: at most twice the time of <c>\copy</c>.
/// </summary>
/// <remarks>dotnet run -c Release --project benchmarks/BusinessValue.Benchmarks -- --import</remarks>
public static class MetricsImportBenchmark
{
    private const int Systems = 10_000;
    private const int Months = 10;

    public static async Task RunAsync()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("bvimportbench");
        var options = new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = connectionString, MigrateOnStartup = true, DataDirectory = Path.GetTempPath() };
        var folder = Directory.CreateTempSubdirectory("bv-import-bench-").FullName;
        try
        {
            Console.WriteLine($"Setting up: {Systems:N0} systems, a CSV of {Systems * Months:N0} monthly-metric rows…");
            await using (var db = options.CreateContext())
            {
                await db.Database.MigrateAsync();
                var portfolio = SyntheticPortfolio.Generate(Systems, 1, seed: 1, new YearMonth(2026, 9));
                await PortfolioStore.ReplaceAsync(db, portfolio);
            }

            var csv = Path.Combine(folder, "metrics.csv");
            var rows = WriteCsv(csv);
            await using (var connection = new NpgsqlConnection(connectionString))
            {
                await connection.OpenAsync();
                await using var create = connection.CreateCommand();
                create.CommandText = $"CREATE TABLE copy_target (system varchar(200), month varchar(7), {string.Join(", ", Columns().Skip(2).Select(c => $"\"{c}\" numeric(20,6)"))}, PRIMARY KEY (system, month))";
                await create.ExecuteNonQueryAsync();
            }

            var copy = Stopwatch.StartNew();
            Psql(connectionString, $"\\copy copy_target FROM '{csv}' WITH (FORMAT csv, HEADER true)");
            copy.Stop();

            var imports = new SpreadsheetImports(new DatabaseContextFactory(options), new ImportOptions { MaxFileBytes = 200L * 1024 * 1024 }, TimeProvider.System);
            var ours = Stopwatch.StartNew();
            ImportPlan plan;
            await using (var stream = File.OpenRead(csv))
            {
                var file = await imports.ReadAsync(stream, "metrics.csv", ImportKind.Metrics);
                plan = await imports.CommitAsync(file, SpreadsheetImports.Guess(file, ImportKind.Metrics), new AuditActor("benchmark"));
            }

            ours.Stop();
            var again = Stopwatch.StartNew();
            ImportPlan unchanged;
            await using (var stream = File.OpenRead(csv))
            {
                var file = await imports.ReadAsync(stream, "metrics.csv", ImportKind.Metrics);
                Console.WriteLine($"  read: {again.Elapsed.TotalSeconds:0.00} s");
                unchanged = await imports.CommitAsync(file, SpreadsheetImports.Guess(file, ImportKind.Metrics), new AuditActor("benchmark"), new Stages(again));
            }

            again.Stop();
            Console.WriteLine($"rows: {rows:N0} ({new FileInfo(csv).Length / 1024d / 1024d:0.0} MB)");
            Console.WriteLine($"psql \\copy:                 {copy.Elapsed.TotalSeconds,6:0.00} s");
            Console.WriteLine($"import (new months):        {ours.Elapsed.TotalSeconds,6:0.00} s  = {ours.Elapsed / copy.Elapsed:0.00} × \\copy   {plan.Summary}");
            Console.WriteLine($"import again (unchanged):   {again.Elapsed.TotalSeconds,6:0.00} s  = {again.Elapsed / copy.Elapsed:0.00} × \\copy   {unchanged.Summary}");
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(connectionString);
            Directory.Delete(folder, recursive: true);
        }
    }

    private static IEnumerable<string> Columns() => ImportTables.Metrics.Columns.Select(c => c.Heading);

    private static int WriteCsv(string path)
    {
        var portfolio = SyntheticPortfolio.Generate(Systems, Months + 1, seed: 1, new YearMonth(2026, 9));
        var names = portfolio.Systems.ToDictionary(s => s.Id, s => s.Name);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.WriteLine(string.Join(",", Columns().Select(h => h.Contains(',', StringComparison.Ordinal) ? $"\"{h}\"" : h)));
        var count = 0;
        foreach (var m in portfolio.Metrics.Where(m => m.Month < new YearMonth(2026, 9)))
        {
            var cells = new List<string> { names[m.SystemId], m.Month.ToString() };
            foreach (var measure in Measures.All)
            {
                cells.Add(Number(m.ValueOf(measure)));
                if (measure == Measures.TicketsFollow)
                {
                    foreach (var severity in Enum.GetValues<Severity>())
                    {
                        var t = m.Tickets(severity);
                        cells.Add(Number(t.Count));
                        cells.Add(Number(t.TotalResolutionHours));
                        cells.Add(Number(t.AverageUsersAffected));
                    }
                }
            }

            writer.WriteLine(string.Join(",", cells));
            count++;
        }

        return count;
    }

    /// <summary>Prints when each stage begins, to see where the time goes.</summary>
    private sealed class Stages(Stopwatch clock) : IProgress<ImportProgress>
    {
        private string? _stage;

        public void Report(ImportProgress value)
        {
            if (value.Stage != _stage)
            {
                _stage = value.Stage;
                Console.WriteLine($"  {value.Stage} from {clock.Elapsed.TotalSeconds:0.00} s");
            }
        }
    }

    private static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    private static void Psql(string connectionString, string command)
    {
        var c = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo("psql", ["-h", c.Host!, "-p", c.Port.ToString(CultureInfo.InvariantCulture), "-U", c.Username!, "-d", c.Database!, "-v", "ON_ERROR_STOP=1", "-c", command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"psql failed: {error}");
        }
    }
}
