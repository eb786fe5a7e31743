using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace BusinessValue.EndToEnd;

/// <summary>Alone, so no other test's allocations land in the heap it measures.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuredAlone : ICollectionFixture<BrowserFixture>
{
    public const string Name = "measured alone";
}

/// <summary>
/// What an open scorecard costs the server: the app runs in this process, so its managed heap after a full
/// collection, before and after <see cref="Circuits"/> more live Chromium pages, gives the memory each circuit holds.
/// </summary>
[Collection(MeasuredAlone.Name)]
public sealed class CircuitMemoryTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const int Baseline = 5;
    private const int Circuits = 20;
    private const long Budget = 500 * 1024;

    /// <remarks>
    /// 2,000 systems with 24 months of metrics: enough for every bounded part of the page (100 bubbles, ten
    /// green-dashboard systems, a paged table) to be full: this is the case whose size could grow with the
    /// portfolio. The demo page measured 400-475 KB by the same method (docs/performance.md).
    /// </remarks>
    [Fact]
    public async Task OpenScorecards_ManyCircuitsOnALargePortfolio_EachHoldsUnder500KB()
    {
        const int syntheticSystems = 2_000;
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await database.MigrateAsync();
        await using (var db = database.CreateContext())
        {
            await PortfolioStore.ReplaceAsync(db, SyntheticPortfolio.Generate(syntheticSystems, 24, seed: 7, new YearMonth(2026, 9)));
        }

        await using var app = new BusinessValueAppFactory(database);
        var address = app.StartKestrel();
        var url = new Uri(address, "scorecard?period=2026-Q3").ToString();
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await context.SignInAsync(app, address, Roles.Executive);

        // Some circuits open before the first measurement: the shared snapshot, its scorecards, the JIT, the
        // runtime's caches and the server's buffer pools are paid once, not per circuit.
        var pages = new List<IPage>();
        for (var i = 0; i < Baseline; i++)
        {
            pages.Add(await OpenAsync(context, url));
        }

        await Task.Delay(1000);
        var before = Heap();
        for (var i = 0; i < Circuits; i++)
        {
            pages.Add(await OpenAsync(context, url));
        }

        // Let the last renders be acknowledged, so buffered batches are not counted as held.
        await Task.Delay(1000);
        var after = Heap();
        var perCircuit = (after - before) / Circuits;
        output.WriteLine($"{syntheticSystems} systems: heap {before / 1024} KB with {Baseline} circuits, {after / 1024} KB with {Baseline + Circuits}: {perCircuit / 1024} KB per circuit");

        // Still live: the circuits were measured while connected, not after they were dropped.
        await Assertions.Expect(pages[^1].GetByTestId("scorecard-period")).ToContainTextAsync("2026-Q3");
        await Assertions.Expect(pages[^1].GetByTestId("bubble")).ToHaveCountAsync(100);
        perCircuit.Should().BeLessThan(Budget);
        foreach (var page in pages)
        {
            await page.CloseAsync();
        }
    }

    private static async Task<IPage> OpenAsync(IBrowserContext context, string url)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(url);
        await page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("gap-chart")).ToBeVisibleAsync();
        return page;
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
}
