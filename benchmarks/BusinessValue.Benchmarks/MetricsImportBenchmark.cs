using System.Diagnostics;
using System.Globalization;
using System.Text;
using BusinessValue.Domain.Engine;
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
/// write, audit) against <c>psql \copy</c> of the same file into an equivalent table (same columns and types,
/// primary key on system and month), measured in the same run on one throwaway cluster (issue 11,
/// docs/performance.md#spreadsheet-import-100000-metric-rows). The target: at most twice the time of <c>\copy</c>.
/// Several rounds, alternating <c>\copy</c>, the import of new months and the re-import of the same file
/// (unchanged), each round on empty tables again; then the same file into SQLite, in rows per second.
/// </summary>
/// <remarks>dotnet run -c Release --project benchmarks/BusinessValue.Benchmarks -- --import [rounds]</remarks>
public static class MetricsImportBenchmark
{
    private const int Systems = 10_000;
    private const int Months = 10;

    private static readonly YearMonth Stored = new(2026, 9);

    public static async Task RunAsync(int rounds)
    {
        var folder = Directory.CreateTempSubdirectory("bv-import-bench-").FullName;
        try
        {
            Console.WriteLine($"Load average at start: {LoadAverage()}");
            Console.WriteLine($"Setting up: {Systems:N0} systems, a CSV of {Systems * Months:N0} monthly-metric rows…");
            var csv = Path.Combine(folder, "metrics.csv");
            var rows = WriteCsv(csv);
            Console.WriteLine($"rows: {rows:N0} ({new FileInfo(csv).Length / 1024d / 1024d:0.0} MB)");
            await PostgresAsync(csv, rounds);
            await SqliteAsync(csv, rows);
            Console.WriteLine($"Load average at end: {LoadAverage()}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task PostgresAsync(string csv, int rounds)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await SeedAsync(database);
        var byId = await WithSystemIdsAsync(database, csv);
        var copies = new List<double>();
        var equivalents = new List<double>();
        var fresh = new List<double>();
        var again = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            var columns = string.Join(", ", Columns().Skip(2).Select(c => $"\"{c.Heading}\" {(c.Type == CellType.WholeNumber ? "integer" : "numeric(20,6)")}"));
            await ExecuteAsync(database.ConnectionString,
                "DROP TABLE IF EXISTS copy_target",
                "DROP TABLE IF EXISTS copy_equivalent",
                $"CREATE TABLE copy_target (system varchar(200), month varchar(7), {columns}, PRIMARY KEY (system, month))",
                // The issue's "equivalent table": what monthly_metrics has besides the columns — the month index and a
                // foreign key to the systems' ids, checked for every row (fed the same file with each name replaced by its id).
                $"CREATE TABLE copy_equivalent (system uuid REFERENCES systems (\"Id\"), month varchar(7), {columns}, PRIMARY KEY (system, month))",
                "CREATE INDEX ON copy_equivalent (month)",
                $"DELETE FROM monthly_metrics WHERE \"Month\" <> '{Stored}'",
                "VACUUM ANALYZE monthly_metrics",
                "CHECKPOINT");
            var copy = Stopwatch.StartNew();
            Psql(database.ConnectionString, $"\\copy copy_target FROM '{csv}' WITH (FORMAT csv, HEADER true)");
            copy.Stop();
            copies.Add(copy.Elapsed.TotalSeconds);
            await ExecuteAsync(database.ConnectionString, "CHECKPOINT");
            var equivalent = Stopwatch.StartNew();
            Psql(database.ConnectionString, $"\\copy copy_equivalent FROM '{byId}' WITH (FORMAT csv, HEADER true)");
            equivalent.Stop();
            equivalents.Add(equivalent.Elapsed.TotalSeconds);
            await ExecuteAsync(database.ConnectionString, "CHECKPOINT");

            var (ours, plan, stages) = await ImportAsync(database, csv);
            fresh.Add(ours.TotalSeconds);
            Check(plan, rows: 100_000, @new: 100_000, unchanged: 0);
            await ExecuteAsync(database.ConnectionString, "CHECKPOINT");

            var (second, unchanged, stagesAgain) = await ImportAsync(database, csv);
            again.Add(second.TotalSeconds);
            Check(unchanged, rows: 100_000, @new: 0, unchanged: 100_000);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round}: \\copy {copy.Elapsed.TotalSeconds:0.00} s, into the equivalent table {equivalent.Elapsed.TotalSeconds:0.00} s | new months {ours.TotalSeconds:0.00} s = {ours / copy.Elapsed:0.00}× ({ours / equivalent.Elapsed:0.00}× the equivalent) ({stages}) | unchanged {second.TotalSeconds:0.00} s = {second / copy.Elapsed:0.00}× ({second / equivalent.Elapsed:0.00}×) ({stagesAgain}) | load {LoadAverage()}"));
        }

        var freshRatios = fresh.Zip(copies, (a, b) => a / b).ToList();
        var againRatios = again.Zip(copies, (a, b) => a / b).ToList();
        Console.WriteLine("PostgreSQL, 100,000 rows:");
        Console.WriteLine($"  psql \\copy:               {Spread(copies, "s")}");
        Console.WriteLine($"  import (new months):      {Spread(fresh, "s")}   ratio {Spread(freshRatios, "×")}");
        Console.WriteLine($"  import again (unchanged): {Spread(again, "s")}   ratio {Spread(againRatios, "×")}");
        Console.WriteLine($"  psql \\copy into the equivalent table (month index, foreign key): {Spread(equivalents, "s")}");
        Console.WriteLine($"  import (new months) against it:      ratio {Spread(fresh.Zip(equivalents, (a, b) => a / b).ToList(), "×")}");
        Console.WriteLine($"  import again (unchanged) against it: ratio {Spread(again.Zip(equivalents, (a, b) => a / b).ToList(), "×")}");
        // The rows of scripts/bench.sh: medians, each ratio the median of the rounds' own ratios (same minutes of the machine).
        var baseline = string.Create(CultureInfo.InvariantCulture, $"psql \\copy into the equivalent table: {BenchLine.Median(equivalents):0.00} s (bare table {BenchLine.Median(copies):0.00} s)");
        foreach (var (row, times) in new[] { ("import: metric rows from CSV, new months (PostgreSQL)", fresh), ("import: metric rows from CSV, unchanged again (PostgreSQL)", again) })
        {
            var ratio = BenchLine.Median(times.Zip(equivalents, (a, b) => a / b).ToList());
            BenchLine.Print(row, "100,000 rows, 10,000 systems", string.Create(CultureInfo.InvariantCulture, $"{BenchLine.Median(times):0.00} s (median of {rounds})"),
                baseline, BenchLine.Ratio(ratio), "≤ 2× the equivalent table", ratio <= 2);
        }
    }

    /// <summary>The same file with each system's name replaced by its id in this database, for the equivalent table.</summary>
    private static async Task<string> WithSystemIdsAsync(TestDatabase database, string csv)
    {
        await using var db = database.CreateContext();
        var ids = await db.Systems.AsNoTracking().ToDictionaryAsync(s => s.Name, s => s.Id);
        var path = Path.ChangeExtension(csv, ".ids.csv");
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        var first = true;
        foreach (var line in File.ReadLines(csv))
        {
            var comma = line.IndexOf(',', StringComparison.Ordinal);
            await writer.WriteLineAsync(first ? line : string.Concat(ids[line[..comma]].ToString(), line.AsSpan(comma)));
            first = false;
        }

        return path;
    }

    private static async Task SqliteAsync(string csv, int rows)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await SeedAsync(database);
        var (fresh, plan, stages) = await ImportAsync(database, csv);
        Check(plan, rows, @new: rows, unchanged: 0);
        var (again, unchanged, stagesAgain) = await ImportAsync(database, csv);
        Check(unchanged, rows, @new: 0, unchanged: rows);
        Console.WriteLine("SQLite, 100,000 rows:");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  import (new months):      {fresh.TotalSeconds:0.00} s = {rows / fresh.TotalSeconds:N0} rows/s ({stages})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  import again (unchanged): {again.TotalSeconds:0.00} s = {rows / again.TotalSeconds:N0} rows/s ({stagesAgain})"));
    }

    private static async Task SeedAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        await db.Database.MigrateAsync();
        // The systems, with one month of metrics that the file does not touch.
        await PortfolioStore.ReplaceAsync(db, SyntheticPortfolio.Generate(Systems, 1, seed: 1, Stored));
    }

    /// <summary>Reading the file, guessing its mapping, checking and writing it, as the import page does: the whole time.</summary>
    internal static async Task<(TimeSpan Time, ImportPlan Plan, string Stages)> ImportAsync(TestDatabase database, string csv)
    {
        var imports = new SpreadsheetImports(new DatabaseContextFactory(database.Options), new ImportOptions { MaxFileBytes = 200L * 1024 * 1024 }, TimeProvider.System);
        // The client's CPU (all its threads, the GC's included) barely depends on what else the machine runs: the
        // figure to compare between versions on a busy machine, beside the wall time.
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var stages = new Stages(clock);
        await using var stream = File.OpenRead(csv);
        var file = await imports.ReadAsync(stream, "metrics.csv", ImportKind.Metrics);
        stages.Report(new ImportProgress("Mapping", 0));
        var plan = await imports.CommitAsync(file, SpreadsheetImports.Guess(file, ImportKind.Metrics), new AuditActor("benchmark"), stages);
        clock.Stop();
        stages.Report(new ImportProgress("end", 0));
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        return (clock.Elapsed, plan, string.Create(CultureInfo.InvariantCulture, $"{stages}; client CPU {cpu.TotalSeconds:0.00} s"));
    }

    internal static void Check(ImportPlan plan, int rows, int @new, int unchanged)
    {
        if (!plan.Written || plan.Rows != rows || plan.New != @new || plan.Unchanged != unchanged || plan.Problems.Count > 0)
        {
            throw new InvalidOperationException($"Unexpected result: {plan.Summary} {string.Join("; ", plan.Problems.Take(5))}");
        }
    }

    private static string Spread(List<double> values, string unit)
    {
        var sorted = values.Order().ToList();
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        return string.Create(CultureInfo.InvariantCulture, $"best {sorted[0]:0.00} {unit}, median {median:0.00} {unit}, worst {sorted[^1]:0.00} {unit}");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static IEnumerable<ImportColumn> Columns() => ImportTables.Metrics.Columns;

    private static int WriteCsv(string path) =>
        WriteCsv(path, SyntheticPortfolio.Generate(Systems, Months + 1, seed: 1, Stored), m => m.Month < Stored);

    /// <summary>The portfolio's months that <paramref name="include"/> picks, as the metrics template's CSV; the row count.</summary>
    internal static int WriteCsv(string path, Portfolio portfolio, Func<MonthlyMetrics, bool> include)
    {
        var names = portfolio.Systems.ToDictionary(s => s.Id, s => s.Name);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.WriteLine(string.Join(",", Columns().Select(c => c.Heading.Contains(',', StringComparison.Ordinal) ? $"\"{c.Heading}\"" : c.Heading)));
        var count = 0;
        foreach (var m in portfolio.Metrics.Where(include))
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

    /// <summary>Times each stage of an import: "Checking 1.23 s, Writing 0.80 s, …".</summary>
    private sealed class Stages(Stopwatch clock) : IProgress<ImportProgress>
    {
        private readonly List<(string Stage, TimeSpan Start)> _starts = [("Reading", TimeSpan.Zero)];

        public void Report(ImportProgress value)
        {
            if (value.Stage != _starts[^1].Stage)
            {
                _starts.Add((value.Stage, clock.Elapsed));
            }
        }

        public override string ToString() =>
            string.Join(", ", _starts.Zip(_starts.Skip(1), (a, b) => string.Create(CultureInfo.InvariantCulture, $"{a.Stage} {(b.Start - a.Start).TotalSeconds:0.00}")));
    }

    private static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    private static async Task ExecuteAsync(string connectionString, params string[] statements)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
            await command.ExecuteNonQueryAsync();
        }
    }

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
