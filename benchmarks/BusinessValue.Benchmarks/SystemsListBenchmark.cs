using System.Diagnostics;
using System.Globalization;
using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Testing;
using Npgsql;

namespace BusinessValue.Benchmarks;

/// <summary>
/// The systems list's first page at 10,000 systems on PostgreSQL (issue 11: server render under 300 ms), as a
/// Stopwatch loop: a prerendered GET of <c>/systems</c> sorted by cost, signed in, after a warm-up, against the raw
/// SQL of the page's query (the count and one page of 25, sorted the same way) in the same run. BenchmarkDotNet's
/// <see cref="ScorecardPageBenchmark.SystemsListPage"/> measures the page too, but its setup imports two years of
/// metrics first; this needs only the systems.
/// </summary>
/// <remarks>dotnet run -c Release --project benchmarks/BusinessValue.Benchmarks -- --systems-list</remarks>
public static class SystemsListBenchmark
{
    private const int Requests = 30;

    private const string Count = "SELECT count(*) FROM systems";

    private const string Page = """
        SELECT "Id", "Name", "Category", "Vendor", "Lifecycle", "StrategicFit", "ItOwner", "BusinessOwner",
               cost_licences + cost_infrastructure + cost_support_staff + cost_other
        FROM systems
        ORDER BY cost_licences::float8 + cost_infrastructure::float8 + cost_support_staff::float8 + cost_other::float8 DESC, "Name"
        LIMIT 25 OFFSET 0
        """;

    public static async Task RunAsync()
    {
        Console.WriteLine($"Load average at start: {LoadAverage()}");
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await database.MigrateAsync();
        await using (var db = database.CreateContext())
        {
            await PortfolioStore.ReplaceAsync(db, SyntheticPortfolio.Generate(10_000, months: 1, seed: 1, new YearMonth(2026, 9)));
        }

        await using var data = NpgsqlDataSource.Create(database.ConnectionString);
        await data.CreateCommand("ANALYZE").ExecuteNonQueryAsync();
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        await using var app = new BusinessValueAppFactory(database);
        using var client = await app.CreateSignedInClientAsync();
        var address = new Uri("/systems?sort=TotalCostOfOwnership&desc=true", UriKind.Relative);
        var length = 0;
        for (var i = 0; i < 5; i++)
        {
            length = (await client.GetStringAsync(address)).Length;
            await SqlAsync(data);
        }

        var page = new List<double>();
        var sql = new List<double>();
        for (var i = 0; i < Requests; i++)
        {
            // Alternating, so both see the same moments of a shared machine.
            var clock = Stopwatch.StartNew();
            await client.GetStringAsync(address);
            page.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            await SqlAsync(data);
            sql.Add(clock.Elapsed.TotalMilliseconds);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Systems list, 10,000 systems, {Requests} requests after 5 warm-up, page of {length:N0} characters:"));
        Console.WriteLine($"  raw SQL (count + first page of 25): {Percentiles(sql)}");
        Console.WriteLine($"  prerendered GET /systems:           {Percentiles(page)}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ratio p50 {Percentile(page, 50) / Percentile(sql, 50):0.0}×, p95 {Percentile(page, 95) / Percentile(sql, 95):0.0}×"));
        Console.WriteLine($"Load average at end: {LoadAverage()}");
    }

    private static async Task SqlAsync(NpgsqlDataSource data)
    {
        await using (var count = data.CreateCommand(Count))
        {
            await count.ExecuteScalarAsync();
        }

        await using var command = data.CreateCommand(Page);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
        }
    }

    private static string Percentiles(List<double> values) =>
        string.Create(CultureInfo.InvariantCulture, $"p50 {Percentile(values, 50):0.0} ms, p95 {Percentile(values, 95):0.0} ms, min {values.Min():0.0} ms, max {values.Max():0.0} ms");

    private static double Percentile(List<double> values, int percent)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percent / 100d * sorted.Count) - 1)];
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
