using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using BusinessValue.Testing.Circuits;

namespace BusinessValue.Benchmarks;

/// <summary>
/// The client side of <see cref="CircuitLoadBenchmark"/>, in its own process: signs in, opens circuits with the
/// Blazor protocol client (tests/BusinessValue.Testing/Circuits) and times in-circuit navigations between two
/// quarters. A navigation (<c>OnLocationChanged</c>, as a click on an in-app link sends) is the cheapest real
/// interaction that makes the server run the page again: the router, the page's parameters, the scorecard of the
/// other quarter and a diff of the whole page; its latency is from sending it to the render batch that carries
/// the new quarter.
/// </summary>
public static class CircuitLoadDriver
{
    private const string Shown = "2026-Q3";
    private const string Other = "2026-Q2";
    private static readonly TimeSpan OpenTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan InteractionTimeout = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(Uri address, string user, string password, int count, int interacting, int seconds)
    {
        using var session = await CircuitSession.SignInAsync(address, user, password);
        var circuits = new ConcurrentBag<BlazorCircuit>();
        try
        {
            // Baseline: the same interaction with one circuit open.
            var first = await OpenAsync(session, address);
            circuits.Add(first);
            var toggle = false;
            for (var i = 0; i < 5; i++)
            {
                await NavigateAsync(first, address, ref toggle);
            }

            var alone = new List<double>();
            for (var i = 0; i < 40; i++)
            {
                alone.Add((await NavigateAsync(first, address, ref toggle)).TotalMilliseconds);
                await Task.Delay(250);
            }

            if (toggle)
            {
                await NavigateAsync(first, address, ref toggle);
            }

            Console.WriteLine($"  JS the page called at start: {string.Join(", ", first.JsCalled.Order(StringComparer.Ordinal))}");
            Console.WriteLine($"  one circuit alone, 40 navigations: p50 {Percentile(alone, 50):0.0} ms, p95 {Percentile(alone, 95):0.0} ms, max {alone.Max():0.0} ms");

            var opened = await OpenManyAsync(session, address, CircuitLoadBenchmark.WarmCircuits - 1, circuits, "warm-up circuits");
            Measure("warm");
            var bare = new PrerenderedPage(new Uri(address, "scorecard"), [], string.Empty, 0);
            for (var i = 0; i < CircuitLoadBenchmark.BareCircuits; i++)
            {
                circuits.Add(await BlazorCircuit.OpenAsync(session, bare, renderedText: null, OpenTimeout));
            }

            Measure("bare");
            opened += await OpenManyAsync(session, address, count - CircuitLoadBenchmark.WarmCircuits, circuits, "scorecard circuits");
            var scorecards = circuits.Where(c => c.RenderBatches > 0).ToList();
            Console.WriteLine($"  open: {scorecards.Count(c => c.IsConnected)} scorecard circuits connected, {circuits.Count(c => c.RenderBatches == 0 && c.IsConnected)} bare; load average {CircuitLoadBenchmark.LoadAverage()}");
            Measure("open");

            var (latencies, timeouts, failures) = await InteractAsync(scorecards.Take(interacting).ToList(), address, seconds);
            var connected = scorecards.Count(c => c.IsConnected);
            Console.WriteLine($"  {interacting} interacting for {seconds} s: {latencies.Count} navigations, p50 {Percentile(latencies, 50):0.0} ms, p95 {Percentile(latencies, 95):0.0} ms, max {(latencies.Count > 0 ? latencies.Max() : 0):0.0} ms; {timeouts} over {InteractionTimeout.TotalSeconds:0} s, {failures} failed; {connected} of {scorecards.Count} scorecard circuits still connected; load average {CircuitLoadBenchmark.LoadAverage()}");
            Measure("after load");

            var p95 = Percentile(latencies, 95);
            var p95Alone = Percentile(alone, 95);
            var met = p95 <= 200 && connected >= count && timeouts + failures == 0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"BENCH|circuits: interaction p95, {interacting:N0} of {count:N0} interacting|{CircuitLoadBenchmark.Systems:N0} systems, {connected:N0} circuits open, one navigation each every 1–2 s for {seconds} s|{p95:0} ms|one circuit alone: {p95Alone:0} ms|{p95 / Math.Max(p95Alone, 0.1):0.0}|≤ 200 ms|{(met ? "yes" : "no")}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"BENCH|circuits: scorecard circuits held open|{CircuitLoadBenchmark.Systems:N0} systems, 2-core machine|{connected:N0} (of {opened + 1:N0} opened)|n/a|n/a|1,000|{(connected >= 1000 ? "yes" : "no")}"));
            return 0;
        }
        finally
        {
            await Task.WhenAll(circuits.Select(c => c.DisposeAsync().AsTask()));
        }
    }

    private static async Task<BlazorCircuit> OpenAsync(CircuitSession session, Uri address)
    {
        // Each circuit gets its own prerendered page, as each browser tab would.
        var page = await session.GetPageAsync(new Uri(address, $"scorecard?period={Shown}"));
        return await BlazorCircuit.OpenAsync(session, page, Shown, OpenTimeout);
    }

    private static async Task<int> OpenManyAsync(CircuitSession session, Uri address, int count, ConcurrentBag<BlazorCircuit> circuits, string what)
    {
        var clock = Stopwatch.StartNew();
        var times = new ConcurrentBag<double>();
        var failed = 0;
        // A few at a time, as readers arriving: the server's two cores render pages one after another anyway.
        using var gate = new SemaphoreSlim(4);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
        {
            await gate.WaitAsync();
            try
            {
                var started = Stopwatch.GetTimestamp();
                circuits.Add(await OpenAsync(session, address));
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or HttpRequestException or IOException)
            {
                if (Interlocked.Increment(ref failed) <= 3)
                {
                    Console.WriteLine($"  opening a circuit failed: {ex.Message}");
                }
            }
            finally
            {
                gate.Release();
            }
        }));
        var list = times.ToList();
        Console.WriteLine($"  {list.Count} {what} opened in {clock.Elapsed.TotalSeconds:0.0} s (GET + circuit + first render: p50 {Percentile(list, 50):0} ms, p95 {Percentile(list, 95):0} ms), {failed} failed");
        return list.Count;
    }

    private static async Task<(List<double> Latencies, int Timeouts, int Failures)> InteractAsync(List<BlazorCircuit> circuits, Uri address, int seconds)
    {
        var latencies = new ConcurrentBag<double>();
        var timeouts = 0;
        var failures = 0;
        var end = Stopwatch.GetTimestamp() + (long)(seconds * (double)Stopwatch.Frequency);
        await Task.WhenAll(circuits.Select(async (circuit, index) =>
        {
            var random = new Random(index);
            var toggle = false;
            // Spread the first interactions over the first two seconds, then one every 1–2 s per reader.
            await Task.Delay(random.Next(0, 2000));
            while (Stopwatch.GetTimestamp() < end)
            {
                try
                {
                    latencies.Add((await NavigateAsync(circuit, address, ref toggle)).TotalMilliseconds);
                }
                catch (TimeoutException)
                {
                    Interlocked.Increment(ref timeouts);
                }
                catch (Exception ex) when (ex is InvalidOperationException or IOException)
                {
                    Interlocked.Increment(ref failures);
                    await Task.Delay(1000);
                }

                await Task.Delay(random.Next(1000, 2000));
            }
        }));
        return (latencies.ToList(), timeouts, failures);
    }

    private static Task<TimeSpan> NavigateAsync(BlazorCircuit circuit, Uri address, ref bool toggle)
    {
        toggle = !toggle;
        var period = toggle ? Other : Shown;
        return circuit.NavigateAsync(new Uri(address, $"scorecard?period={period}"), period, InteractionTimeout);
    }

    private static void Measure(string name)
    {
        Console.WriteLine($"MEASURE {name}");
        Console.Out.Flush();
        if (Console.ReadLine() != "OK")
        {
            throw new InvalidOperationException("The benchmark host did not answer.");
        }
    }

    private static double Percentile(List<double> values, int percentile)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}
