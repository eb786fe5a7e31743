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

            await using var nginx = await NginxServer.StartAsync(addresses["A"], addresses["B"]);
            await using var context = await browser.Browser.NewContextAsync();
            await context.SignInAsync(nodes["A"], nginx.Address, Roles.Viewer);
            var page = await context.NewPageAsync();
            // Which node each circuit connected to: the negotiate request of Blazor's connection answers with X-Node.
            var circuits = new ConcurrentQueue<string>();
            page.Response += (_, response) =>
            {
                if (response.Url.Contains("/_blazor/negotiate", StringComparison.Ordinal) && response.Headers.TryGetValue("x-node", out var node))
                {
                    circuits.Enqueue(node);
                }
            };
            await page.GotoAsync(new Uri(nginx.Address, "?period=2026-Q3").ToString());
            await page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
            await ClickChangesThePageAsync(page);
            var serving = circuits.Last();
            var other = serving == "A" ? "B" : "A";

            await nodes[serving].DisposeAsync();
            nodes.Remove(serving);

            // The page's reconnect reaches the other node through nginx; that node does not hold the circuit and
            // rejects it, so the page reloads there (ReconnectModal.razor.js) and opens a new circuit.
            for (var waited = System.Diagnostics.Stopwatch.StartNew(); !circuits.Contains(other); await Task.Delay(200))
            {
                waited.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), $"the page should have reconnected to node {other}; nginx: {nginx.ErrorLog}");
            }

            await page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
            await Assertions.Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync(BusinessValueAppFactory.UserNameFor(Roles.Viewer));
            await ClickChangesThePageAsync(page);
            await Screenshots.SaveAsync(page, $"two-nodes-continued-on-node-{other}");
            page.Url.Should().NotContain("/account/login");
        }
        finally
        {
            foreach (var node in nodes.Values)
            {
                await node.DisposeAsync();
            }
        }
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
