using System.Collections.Concurrent;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;

namespace BusinessValue.EndToEnd;

/// <summary>
/// Issue 13: two app nodes on one PostgreSQL database behind nginx (deploy/nginx/business-value.conf). The node
/// holding a user's circuit stops; the user goes on on the other node, still signed in: data-protection keys
/// and session records are in the shared database. The nodes are two Kestrel hosts in this process (stopping
/// one closes its listener and its circuits as a stopping process does), each answering with an X-Node header.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class TwoNodesBehindNginxTests(BrowserFixture browser)
{
    [Fact]
    public async Task NodeStops_UserOfItsCircuit_ContinuesOnTheOtherNodeStillSignedIn()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var nodes = new Dictionary<string, BusinessValueAppFactory>();
        var addresses = new Dictionary<string, Uri>();
        try
        {
            foreach (var name in new[] { "A", "B" })
            {
                nodes[name] = new BusinessValueAppFactory(database).WithServices(services =>
                {
                    services.AddSingleton<IStartupFilter>(new NodeHeader(name));
                    // A stopping node does not wait for open circuits beyond this.
                    services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(2));
                });
                addresses[name] = nodes[name].StartKestrel();
            }

            var nginx = await NginxServer.StartAsync(addresses["A"], addresses["B"]);
            var context = await browser.Browser.NewContextAsync();
            try
            {
                Progress("nodes and nginx started");
                await context.SignInAsync(nodes["A"], nginx.Address, Roles.Viewer);
                Progress("signed in through nginx");
                var page = await context.NewPageAsync();
                // Which node answered each page (document) and each circuit (the negotiate request of Blazor's connection).
                var answers = new ConcurrentQueue<(string Kind, string Node)>();
                page.Response += (_, response) =>
                {
                    if (!response.Headers.TryGetValue("x-node", out var node))
                    {
                        return;
                    }

                    if (response.Url.Contains("/_blazor/negotiate", StringComparison.Ordinal))
                    {
                        answers.Enqueue(("circuit", node));
                    }
                    else if (response.Request.ResourceType == "document")
                    {
                        answers.Enqueue(("page", node));
                    }
                };
                // The default period: the one each node's ScorecardWarmer has ready, so a busy machine's cold load is not measured.
                await page.GotoAsync(nginx.Address.ToString(), new PageGotoOptions { Timeout = 60_000 });
                await page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
                await ClickChangesThePageAsync(page);
                var serving = answers.Last(a => a.Kind == "circuit").Node;
                var other = serving == "A" ? "B" : "A";
                var before = answers.Count;
                Progress($"circuit on node {serving}; stopping it");

                await StopAsync(nodes[serving]);
                nodes.Remove(serving);
                Progress($"node {serving} stopped");

                // The page's reconnect reaches the other node through nginx; that node does not hold the circuit and
                // rejects it, so the page reloads there (ReconnectModal.razor.js). Should the reconnect give up first,
                // the person does what the reconnect dialog offers: Retry, which reloads the same way.
                var waited = System.Diagnostics.Stopwatch.StartNew();
                var retried = false;
                while (!answers.Skip(before).SkipWhile(a => a.Kind != "page" || a.Node != other).Any(a => a.Kind == "circuit" && a.Node == other))
                {
                    waited.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(40), $"the page should have reloaded on node {other}; seen {string.Join(", ", answers.Skip(before))}; nginx: {nginx.ErrorLog}");
                    var retry = page.Locator("#components-reconnect-button");
                    if (await retry.IsVisibleAsync())
                    {
                        try
                        {
                            await retry.ClickAsync(new LocatorClickOptions { Timeout = 1_000 });
                            Progress("reconnect gave up: Retry");
                            retried = true;
                        }
                        catch (TimeoutException)
                        {
                            // Shown for a moment only: the page went on reconnecting (or reloading) by itself.
                        }
                    }

                    await Task.Delay(250);
                }

                Progress($"reloaded on node {other} after {waited.Elapsed.TotalSeconds:0.0} s{(retried ? " (after Retry)" : "")}");
                await page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
                await Assertions.Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync(BusinessValueAppFactory.UserNameFor(Roles.Viewer));
                await ClickChangesThePageAsync(page);
                await Screenshots.SaveAsync(page, $"two-nodes-continued-on-node-{other}");
                page.Url.Should().NotContain("/account/login");
                Progress("continued on the other node, signed in, circuit live");
            }
            finally
            {
                await Bounded(context.DisposeAsync().AsTask());
                await Bounded(nginx.DisposeAsync().AsTask());
            }
        }
        finally
        {
            foreach (var node in nodes.Values)
            {
                await StopAsync(node);
            }
        }
    }

    /// <summary>Stops a node; a circuit still open on it must not hold the test for the whole graceful shutdown.</summary>
    private static Task StopAsync(BusinessValueAppFactory node) => Bounded(Task.Run(async () => await node.DisposeAsync()));

    /// <summary>Clean-up that may not hang the run: at most 15 seconds.</summary>
    private static async Task Bounded(Task cleanup) => await Task.WhenAny(cleanup, Task.Delay(TimeSpan.FromSeconds(15)));

    /// <summary>Where a slow run spent its time, for whoever reads a failure (artifacts/two-nodes-progress.log).</summary>
    private static void Progress(string step)
    {
        var folder = Path.Combine(RepositoryFolder.Root, "artifacts");
        Directory.CreateDirectory(folder);
        File.AppendAllText(Path.Combine(folder, "two-nodes-progress.log"), $"{DateTime.UtcNow:HH:mm:ss.fff} {step}{Environment.NewLine}");
    }

    /// <summary>The circuit is live: the theme button flips the page's theme.</summary>
    private static async Task ClickChangesThePageAsync(IPage page)
    {
        var toggle = page.GetByTestId("theme-toggle");
        var before = await toggle.GetAttributeAsync("data-theme");
        await toggle.ClickAsync();
        await Assertions.Expect(toggle).Not.ToHaveAttributeAsync("data-theme", before!);
    }

    private sealed class NodeHeader(string name) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Response.Headers["X-Node"] = name;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
