using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace BusinessValue.Benchmarks;

/// <summary>
/// Cold start on SQLite: from starting <c>dotnet BusinessValue.Web.dll</c> on a fresh data folder (migrations and the
/// demo data on first start) to the first page a user sees (GET / with redirects followed, answered 200), against
/// the same for an empty ASP.NET Core app on the same runtime (benchmarks/EmptyWebApp), alternating, the median of each.
/// The baseline is what any ASP.NET Core process pays (runtime start, JIT, Kestrel), so the ratio is what the app adds.
/// </summary>
/// <remarks>dotnet benchmarks/.../BusinessValue.Benchmarks.dll --cold-start runs web.dll empty.dll</remarks>
internal static class ColdStartRun
{
    private static readonly TimeSpan GiveUp = TimeSpan.FromMinutes(3);

    public static async Task RunAsync(int runs, string appDll, string emptyDll)
    {
        var app = new List<double>();
        var empty = new List<double>();
        var landed = string.Empty;
        for (var i = 0; i < runs; i++)
        {
            var (time, _) = await FirstPageAsync(emptyDll, dataFolder: false);
            empty.Add(time.TotalSeconds);
            (time, landed) = await FirstPageAsync(appDll, dataFolder: true);
            app.Add(time.TotalSeconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {i + 1}: app {app[^1]:0.00} s ({landed}), empty app {empty[^1]:0.00} s, load {BenchLine.LoadAverage()}"));
        }

        var ours = BenchLine.Median(app);
        var theirs = BenchLine.Median(empty);
        BenchLine.Print("cold start: process start to first page (SQLite)", "fresh data folder, demo data loaded on first start",
            string.Create(CultureInfo.InvariantCulture, $"{ours:0.00} s (median of {runs}, GET {landed})"),
            string.Create(CultureInfo.InvariantCulture, $"empty ASP.NET Core app: {theirs:0.00} s"), BenchLine.Ratio(ours / theirs),
            "none set (issue 13: measure)", null);
    }

    private static async Task<(TimeSpan Time, string Page)> FirstPageAsync(string dll, bool dataFolder)
    {
        var folder = Directory.CreateTempSubdirectory("bv-cold-start-").FullName;
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", url])
        {
            // The content root is the current folder for `dotnet app.dll`: the build output's, with its appsettings.json.
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(dll))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        if (dataFolder)
        {
            start.Environment["Database__Provider"] = "Sqlite";
            start.Environment["DataDirectory"] = folder;
        }

        using var handler = new HttpClientHandler { AllowAutoRedirect = true, UseCookies = true };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(url), Timeout = GiveUp };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (true)
            {
                if (process.HasExited || clock.Elapsed > GiveUp)
                {
                    throw new InvalidOperationException($"{Path.GetFileName(dll)} served no page within {clock.Elapsed.TotalSeconds:0} s (exit: {(process.HasExited ? process.ExitCode : "running")}):\n{output}");
                }

                try
                {
                    using var response = await client.GetAsync(new Uri("/", UriKind.Relative));
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        await response.Content.ReadAsStringAsync();
                        return (clock.Elapsed, response.RequestMessage?.RequestUri?.AbsolutePath ?? "/");
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                await Task.Delay(25);
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
