using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Testing;
using Npgsql;

namespace BusinessValue.Benchmarks;

/// <summary>
/// The company scorecard page, server-rendered (the prerendered GET a browser makes first), for 10,000
/// systems with 24 months of metrics on PostgreSQL, against the raw SQL aggregation of the same quarter
/// over the same database, measured in the same run (issue 4). Results: docs/performance.md.
/// </summary>
/// <remarks>
/// In process, so both share one database and one app: the setup (a throwaway PostgreSQL cluster, the
/// import of 240,000 metric rows, the app's start) takes a few minutes and is done once.
/// </remarks>
[Config(typeof(Percentiles))]
public class ScorecardPageBenchmark
{
    private const string Quarter = "2026-Q3";

    // The work the page's figures need, done by the database: per system, the quarter's downtime, slow
    // peaks, uptime, patching, blocked hours, users and incident user-hours, and the revenue per hour that
    // runs on it through its processes; revenue disrupted from both. Every row is read by the client.
    internal const string Aggregation = """
        WITH revenue AS (
            SELECT d."SystemId", sum(p."AnnualRevenue" / (p."OperatingHoursPerWeek" * 52) * d."RevenueShare") AS per_hour
            FROM dependencies d JOIN processes p ON p."Id" = d."ProcessId"
            GROUP BY d."SystemId"),
        quarter AS (
            SELECT "SystemId",
                   sum("DowntimeMinutes") AS downtime, sum("PeakDegradedMinutes") AS slow_peaks, avg("UptimePercent") AS uptime,
                   avg("PatchCompliancePercent") AS patching, sum("BlockedWorkHours") AS blocked, avg("ActiveUsers") AS users,
                   sum(coalesce(p1_users_affected * p1_resolution_hours, 0) + coalesce(p2_users_affected * p2_resolution_hours, 0)
                     + coalesce(p3_users_affected * p3_resolution_hours, 0) + coalesce(p4_users_affected * p4_resolution_hours, 0)) AS incident_user_hours
            FROM monthly_metrics
            WHERE "Month" BETWEEN @first AND @last
            GROUP BY "SystemId")
        SELECT s."Id", s."Name", q.downtime, q.slow_peaks, q.uptime, q.patching, q.blocked, q.users, q.incident_user_hours,
               r.per_hour, q.downtime / 60 * r.per_hour AS revenue_disrupted
        FROM systems s
        LEFT JOIN quarter q ON q."SystemId" = s."Id"
        LEFT JOIN revenue r ON r."SystemId" = s."Id"
        """;

    private static readonly Lazy<Task<Environment>> Shared = new(Environment.StartAsync);
    private Environment _environment = null!;

    [Params(10_000)]
    public int Systems { get; set; }

    [GlobalSetup]
    public void Setup() => _environment = Shared.Value.GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "Baseline: raw SQL aggregation of the quarter")]
    public async Task<int> RawSqlAggregation()
    {
        await using var command = _environment.DataSource.CreateCommand(Aggregation);
        command.Parameters.AddWithValue("first", "2026-07");
        command.Parameters.AddWithValue("last", "2026-09");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            rows++;
        }

        return rows;
    }

    [Benchmark(Description = "Scorecard page: prerendered GET")]
    public async Task<int> ScorecardPage() => (await _environment.Client.GetStringAsync(new Uri($"/?period={Quarter}", UriKind.Relative))).Length;

    // Issue 11's target: the inventory list's first page, server-rendered, under 300 ms at 10,000 systems.
    [Benchmark(Description = "Systems list: prerendered GET of the first page, sorted by cost")]
    public async Task<int> SystemsListPage() => (await _environment.Client.GetStringAsync(new Uri("/systems?sort=TotalCostOfOwnership&desc=true", UriKind.Relative))).Length;

    private sealed class Percentiles : ManualConfig
    {
        public Percentiles()
        {
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(5).WithIterationCount(40).WithId("in-process"));
            AddColumn(StatisticColumn.P95);
        }
    }

    /// <summary>PostgreSQL with the portfolio, and the app serving it, for the whole run.</summary>
    private sealed record Environment(TestDatabase Database, BusinessValueAppFactory App, HttpClient Client, NpgsqlDataSource DataSource)
    {
        public static async Task<Environment> StartAsync()
        {
            var clock = Stopwatch.StartNew();
            var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
            await database.MigrateAsync();
            await using (var db = database.CreateContext())
            {
                await PortfolioStore.ReplaceAsync(db, SyntheticPortfolio.Generate(10_000, months: 24, seed: 1, new YearMonth(2026, 9)));
            }

            Console.WriteLine($"// Imported 10,000 systems with 24 months of metrics in {clock.Elapsed.TotalSeconds:0} s");
            await using (var analyse = NpgsqlDataSource.Create(database.ConnectionString))
            {
                await analyse.CreateCommand("ANALYZE").ExecuteNonQueryAsync();
            }

            clock.Restart();
            // WebApplicationFactory finds the app's content root through a manifest it looks for in the
            // current folder: the build output's, as under a test runner.
            Directory.SetCurrentDirectory(AppContext.BaseDirectory);
            var app = new BusinessValueAppFactory(database);
            // Signed in as a viewer through the real sign-in form, as a reader would be.
            var client = await app.CreateSignedInClientAsync();
            // The first page after a start waits for the portfolio's load and the quarter's calculation.
            await client.GetStringAsync(new Uri($"/?period={Quarter}", UriKind.Relative));
            Console.WriteLine($"// First page after the app's start (load the portfolio, calculate 10 periods, render): {clock.Elapsed.TotalSeconds:0.0} s");
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                client.Dispose();
                app.DisposeAsync().AsTask().GetAwaiter().GetResult();
                database.DisposeAsync().AsTask().GetAwaiter().GetResult();
            };
            return new Environment(database, app, client, NpgsqlDataSource.Create(database.ConnectionString));
        }
    }
}
