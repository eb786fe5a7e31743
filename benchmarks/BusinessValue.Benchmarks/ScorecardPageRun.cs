using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BusinessValue.Benchmarks;

/// <summary>
/// The company scorecard's prerendered GET (<c>/?period=2026-Q3</c>, signed in as a Viewer) at 1,000 and 10,000 systems
/// with 24 months of metrics, on PostgreSQL and on SQLite, against the raw SQL aggregation of the same quarter over the
/// same database, alternating request by request; and the page's database round trips, counted by a command
/// interceptor as ScorecardRoundTripTests does. A Stopwatch loop for scripts/bench.sh (issue 13).
/// </summary>
/// <remarks>dotnet benchmarks/.../BusinessValue.Benchmarks.dll --scorecard-page [requests] [sizes, e.g. 1000,10000]</remarks>
internal static class ScorecardPageRun
{
    private static readonly YearMonth LastMonth = new(2026, 9);

    // ScorecardPageBenchmark's aggregation on SQLite: money is stored as text there, so it is read as REAL, and the
    // divisions are made fractional (SQLite divides integers as integers).
    private const string SqliteAggregation = """
        WITH revenue AS (
            SELECT d."SystemId", sum(CAST(p."AnnualRevenue" AS REAL) / (p."OperatingHoursPerWeek" * 52.0) * CAST(d."RevenueShare" AS REAL)) AS per_hour
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
               r.per_hour, q.downtime / 60.0 * r.per_hour AS revenue_disrupted
        FROM systems s
        LEFT JOIN quarter q ON q."SystemId" = s."Id"
        LEFT JOIN revenue r ON r."SystemId" = s."Id"
        """;

    public static async Task RunAsync(int requests, IReadOnlyList<int> sizes)
    {
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        foreach (var provider in new[] { DatabaseProvider.Postgres, DatabaseProvider.Sqlite })
        {
            foreach (var systems in sizes)
            {
                await RunAsync(provider, systems, requests);
            }
        }
    }

    private static async Task RunAsync(DatabaseProvider provider, int systems, int requests)
    {
        var name = provider == DatabaseProvider.Postgres ? "PostgreSQL" : "SQLite";
        var size = string.Create(CultureInfo.InvariantCulture, $"{systems:N0} systems, 24 months");
        await using var database = await TestDatabase.CreateAsync(provider);
        var setup = await LoadAsync(database, systems);
        Console.WriteLine($"{name}, {size}: {setup}");

        var commands = new CommandCounter();
        // No timed refresh during the run: only a change would make the warmer query, and nothing changes.
        await using var app = new BusinessValueAppFactory(database)
            .WithSetting("Scorecard:RefreshSeconds", "3600")
            .WithServices(s => s.AddSingleton<IInterceptor>(commands));
        var clock = Stopwatch.StartNew();
        using var client = await app.CreateSignedInClientAsync();
        var address = new Uri("/?period=2026-Q3", UriKind.Relative);
        var length = (await client.GetStringAsync(address)).Length;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  first page after the app's start (sign-in, load, calculate, render): {clock.Elapsed.TotalSeconds:0.0} s, {length:N0} characters"));
        await using var aggregation = new Aggregation(database);
        for (var i = 0; i < 3; i++)
        {
            await client.GetStringAsync(address);
            await aggregation.RunAsync();
        }

        var page = new List<double>();
        var sql = new List<double>();
        var trips = new List<int>();
        for (var i = 0; i < requests; i++)
        {
            commands.Reset();
            clock.Restart();
            await client.GetStringAsync(address);
            page.Add(clock.Elapsed.TotalMilliseconds);
            trips.Add(commands.Reset());
            clock.Restart();
            await aggregation.RunAsync();
            sql.Add(clock.Elapsed.TotalMilliseconds);
        }

        var ratio = BenchLine.Percentile(page, 95) / BenchLine.Percentile(sql, 95);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {requests} requests: page p50 {BenchLine.Percentile(page, 50):0.0} p95 {BenchLine.Percentile(page, 95):0.0} max {page.Max():0.0} ms; SQL p50 {BenchLine.Percentile(sql, 50):0.0} p95 {BenchLine.Percentile(sql, 95):0.0} max {sql.Max():0.0} ms; round trips {string.Join(',', trips.Distinct().Order())}; load {BenchLine.LoadAverage()}"));
        BenchLine.Print($"scorecard page: prerendered GET ({name})", size,
            $"p50 {BenchLine.Ms(BenchLine.Percentile(page, 50))}, p95 {BenchLine.Ms(BenchLine.Percentile(page, 95))} ({requests} requests)",
            $"raw SQL aggregation: p50 {BenchLine.Ms(BenchLine.Percentile(sql, 50))}, p95 {BenchLine.Ms(BenchLine.Percentile(sql, 95))}",
            $"{BenchLine.Ratio(ratio)} at p95", "≤ 2× at p95", ratio <= 2);
        BenchLine.Print($"scorecard page: database round trips ({name})", size, $"{trips.Max()} (most of {requests} requests)",
            "raw SQL aggregation: 1", BenchLine.Ratio(trips.Max()), "≤ 5", trips.Max() <= 5);
    }

    /// <summary>
    /// 24 months into the database by the fastest paths there are: the portfolio with its last month through the
    /// portfolio store, then the 23 months before it as one CSV through the metrics import (binary COPY on PostgreSQL).
    /// </summary>
    private static async Task<string> LoadAsync(TestDatabase database, int systems)
    {
        var clock = Stopwatch.StartNew();
        await database.MigrateAsync();
        var portfolio = SyntheticPortfolio.Generate(systems, months: 24, seed: 1, LastMonth);
        await using (var db = database.CreateContext())
        {
            await PortfolioStore.ReplaceAsync(db, portfolio with { Metrics = portfolio.Metrics.Where(m => m.Month == LastMonth).ToList() });
        }

        var stored = clock.Elapsed;
        var csv = Path.Combine(database.DataDirectory, "metrics.csv");
        var rows = MetricsImportBenchmark.WriteCsv(csv, portfolio, m => m.Month != LastMonth);
        var (_, plan, _) = await MetricsImportBenchmark.ImportAsync(database, csv);
        MetricsImportBenchmark.Check(plan, rows, @new: rows, unchanged: 0);
        File.Delete(csv);
        if (database.Provider == DatabaseProvider.Postgres)
        {
            await using var data = NpgsqlDataSource.Create(database.ConnectionString);
            await data.CreateCommand("ANALYZE").ExecuteNonQueryAsync();
        }
        else
        {
            await using var db = database.CreateContext();
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"setup {clock.Elapsed.TotalSeconds:0} s (systems and last month {stored.TotalSeconds:0} s, {rows:N0} earlier metric rows by the import {(clock.Elapsed - stored).TotalSeconds:0} s, with analyse)");
    }

    /// <summary>The raw SQL of the quarter on one open connection, every row read by the client.</summary>
    private sealed class Aggregation(TestDatabase database) : IAsyncDisposable
    {
        private readonly NpgsqlDataSource? _postgres = database.Provider == DatabaseProvider.Postgres ? NpgsqlDataSource.Create(database.ConnectionString) : null;
        private SqliteConnection? _sqlite;

        public async Task<int> RunAsync()
        {
            DbCommand command;
            if (_postgres is not null)
            {
                command = _postgres.CreateCommand(ScorecardPageBenchmark.Aggregation);
                ((NpgsqlCommand)command).Parameters.AddWithValue("first", "2026-07");
                ((NpgsqlCommand)command).Parameters.AddWithValue("last", "2026-09");
            }
            else
            {
                if (_sqlite is null)
                {
                    _sqlite = new SqliteConnection(database.ConnectionString);
                    await _sqlite.OpenAsync();
                }

                var sqlite = _sqlite.CreateCommand();
                sqlite.CommandText = SqliteAggregation;
                sqlite.Parameters.AddWithValue("@first", "2026-07");
                sqlite.Parameters.AddWithValue("@last", "2026-09");
                command = sqlite;
            }

            await using (command)
            {
                await using var reader = await command.ExecuteReaderAsync();
                var rows = 0;
                while (await reader.ReadAsync())
                {
                    rows++;
                }

                return rows;
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_postgres is not null)
            {
                await _postgres.DisposeAsync();
            }

            if (_sqlite is not null)
            {
                await _sqlite.DisposeAsync();
            }
        }
    }

    /// <summary>Every command the app sends, as ScorecardRoundTripTests counts them.</summary>
    private sealed class CommandCounter : DbCommandInterceptor
    {
        private int _count;

        public int Reset() => Interlocked.Exchange(ref _count, 0);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Interlocked.Increment(ref _count);
            return base.ReaderExecuting(command, eventData, result);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
