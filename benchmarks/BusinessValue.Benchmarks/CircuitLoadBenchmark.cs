using System.Diagnostics;
using System.Globalization;
using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Testing;

namespace BusinessValue.Benchmarks;

/// <summary>
/// Many open scorecard circuits, some of them interacting (issue 13). This process hosts the app on Kestrel
/// (127.0.0.1) and measures its managed heap; the circuits are driven from a second process
/// (<see cref="CircuitLoadDriver"/>), so the clients' own memory is not in the heap measured. The driver asks
/// for a measurement by printing <c>MEASURE name</c> and waits for the answer on its input.
/// </summary>
public static class CircuitLoadBenchmark
{
    public const int Systems = 2_000;
    public const int WarmCircuits = 20;
    public const int BareCircuits = 100;

    public static async Task RunAsync(int circuits, int interacting, int seconds)
    {
        Console.WriteLine($"circuits: {circuits} scorecard circuits, {interacting} interacting for {seconds} s; load average {LoadAverage()}");
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await database.MigrateAsync();
        await using (var db = database.CreateContext())
        {
            // The portfolio of CircuitMemoryTests: every bounded part of the page is full.
            await PortfolioStore.ReplaceAsync(db, SyntheticPortfolio.Generate(Systems, 24, seed: 7, new YearMonth(2026, 9)));
        }

        // WebApplicationFactory finds the web project's content root from the build output's folder.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        await using var app = new BusinessValueAppFactory(database)
            // A request log line per page and a warning per slow render would only measure the console.
            .WithSetting("Serilog:MinimumLevel:Default", "Warning");
        var address = app.StartKestrel();
        var user = await app.EnsureUserAsync(Roles.Executive);

        var heaps = new Dictionary<string, long>(StringComparer.Ordinal);
        // The server's CPU time between measurements: what a phase costs whatever else the machine runs.
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        using var driver = StartDriver(address, user, circuits, interacting, seconds);
        while (await driver.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("MEASURE ", StringComparison.Ordinal))
            {
                var name = line["MEASURE ".Length..];
                var used = Process.GetCurrentProcess().TotalProcessorTime;
                Console.WriteLine($"  server CPU time until '{name}': {(used - cpu).TotalSeconds:0.0} s");
                // Let the last batches be acknowledged and the circuits settle before the heap is taken.
                await Task.Delay(2000);
                heaps[name] = Heap();
                Console.WriteLine($"  heap after '{name}': {heaps[name] / 1024:N0} KB (load average {LoadAverage()})");
                cpu = Process.GetCurrentProcess().TotalProcessorTime;
                await driver.StandardInput.WriteLineAsync("OK");
                await driver.StandardInput.FlushAsync();
            }
            else
            {
                Console.WriteLine(line);
            }
        }

        await driver.WaitForExitAsync();
        if (driver.ExitCode != 0 || !heaps.TryGetValue("open", out var open))
        {
            Console.WriteLine($"The driver failed (exit code {driver.ExitCode}); no memory figure.");
            return;
        }

        var bare = (heaps["bare"] - heaps["warm"]) / BareCircuits;
        var scorecard = (open - heaps["bare"]) / (circuits - WarmCircuits);
        var afterLoad = heaps.TryGetValue("after load", out var after) ? (after - heaps["bare"]) / (circuits - WarmCircuits) : 0;
        Console.WriteLine($"  memory: bare circuit {bare / 1024:N0} KB; scorecard circuit {scorecard / 1024:N0} KB when opened, {afterLoad / 1024:N0} KB after the interaction phase");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"BENCH|circuits: memory per open scorecard circuit|{Systems:N0} systems, {circuits:N0} circuits|{scorecard / 1024:N0} KB|bare Blazor circuit (no component): {bare / 1024:N0} KB|{(double)scorecard / Math.Max(1, bare):0.0}|≤ 500 KB|{(scorecard <= 500 * 1024 ? "yes" : "no")}"));
        Console.WriteLine($"circuits: done; load average {LoadAverage()}");
    }

    private static Process StartDriver(Uri address, string user, int circuits, int interacting, int seconds)
    {
        var self = Environment.ProcessPath!;
        var arguments = new List<string>();
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            arguments.Add(typeof(CircuitLoadBenchmark).Assembly.Location);
        }

        arguments.AddRange(["--circuits", "driver", address.ToString(), user, BusinessValueAppFactory.Password,
            circuits.ToString(CultureInfo.InvariantCulture), interacting.ToString(CultureInfo.InvariantCulture), seconds.ToString(CultureInfo.InvariantCulture)]);
        var start = new ProcessStartInfo(self, arguments) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        // Workstation GC in the driver: it must not compete with the server for the two cores more than it has to.
        start.Environment["DOTNET_gcServer"] = "0";
        return Process.Start(start) ?? throw new InvalidOperationException("The circuit driver did not start.");
    }

    private static long Heap()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
