using System.Data.Common;
using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Domain.Organisation;
using BusinessValue.Infrastructure.Persistence;
using BusinessValue.Testing;
using BusinessValue.Web.Features.Scorecard;
using BusinessValue.Web.Tests.Features.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace BusinessValue.Web.Tests.Features.Scorecard;

public sealed class ScorecardRoundTripTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task Get_Scorecard_NeedsAFewRoundTripsWhateverThePortfoliosSize()
    {
        var counts = new Dictionary<int, (int First, int Next, int Reload, int AfterChange)>();
        foreach (var systems in new[] { 10, 1_000 })
        {
            await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
            await database.MigrateAsync();
            await using (var db = database.CreateContext())
            {
                await PortfolioStore.ReplaceAsync(db, SyntheticPortfolio.Generate(systems, 12, seed: 1, new YearMonth(2026, 9)));
            }

            var commands = new CommandCounter();
            // No timed refresh during the test: only the app's own writes wake the background reload.
            await using var app = new BusinessValueAppFactory(database)
                .WithSetting("Scorecard:RefreshSeconds", "3600")
                .WithServices(s => s.AddSingleton<IInterceptor>(commands));
            using var client = await app.CreateSignedInClientAsync();
            var snapshots = app.Services.GetRequiredService<PortfolioSnapshots>();
            await WaitForSnapshotAsync(snapshots, await VersionAsync(database));
            commands.Reset();

            (await client.GetStringAsync(new Uri("/?period=2026-Q3", UriKind.Relative))).Should().Contain("Company scorecard");
            output.WriteLine($"first page: {commands.Texts}");
            var first = commands.Reset();
            (await client.GetStringAsync(new Uri("/?period=2026-Q2", UriKind.Relative))).Should().Contain("2026-Q2");
            var next = commands.Reset();

            // A change saved through the app: the snapshot is reloaded in the background, not by the next page.
            await using (var db = await app.Services.GetRequiredService<IDbContextFactory<BusinessValueDbContext>>().CreateDbContextAsync())
            {
                db.Departments.Add(new Department(Guid.NewGuid(), $"Legal {Guid.NewGuid():N}", 6));
                await db.SaveChangesAsync();
            }

            await WaitForSnapshotAsync(snapshots, await VersionAsync(database));
            var reload = commands.Reset();
            (await client.GetStringAsync(new Uri("/?period=2026-Q3", UriKind.Relative))).Should().Contain("Company scorecard");
            var afterChange = commands.Reset();

            counts[systems] = (first, next, reload, afterChange);
            output.WriteLine($"{systems} systems: {first} round trips for the first page, {next} for the next, {afterChange} after a change; the background reload took {reload}");
        }

        // A page checks the shared snapshot is current (one query for the page, one for the layout).
        foreach (var (first, next, _, afterChange) in counts.Values)
        {
            first.Should().BeLessThanOrEqualTo(5);
            next.Should().BeLessThanOrEqualTo(5);
            afterChange.Should().BeLessThanOrEqualTo(5);
        }

        counts[1_000].Reload.Should().Be(counts[10].Reload, "reloading the portfolio costs the same number of round trips at any size");
    }

    [Fact]
    public async Task Get_ScorecardAfterAReviewWasClosed_NeedsAtMostFiveRoundTrips()
    {
        // The sixth question reads the last closed review (its decisions and action items) on every render: with one
        // closed, the page must stay within the same budget as without (it took 7 when that was three queries).
        // Without the background warmer: the scenario's writes wake it, and a round it runs up to a second later (it runs
        // at most one a second) would be counted with the page's. The snapshot is loaded here instead.
        var commands = new CommandCounter();
        await using var scenario = await ReviewScenario.CreateAsync(DatabaseProvider.Postgres, app => app
            .WithServices(s =>
            {
                s.AddSingleton<IInterceptor>(commands);
                s.Remove(s.Single(d => d.ServiceType == typeof(Microsoft.Extensions.Hosting.IHostedService) && d.ImplementationType == typeof(ScorecardWarmer)));
            }));
        var review = await scenario.DraftAsync("2026-Q3");
        await scenario.RaiseAsync(review, "Retire the fax gateway", scenario.Today.AddDays(10));
        await scenario.StartAsync(review);
        await scenario.CloseAsync(review);
        using var client = await scenario.App.CreateSignedInClientAsync();
        await using (var db = await scenario.App.Services.GetRequiredService<IDbContextFactory<BusinessValueDbContext>>().CreateDbContextAsync())
        {
            await scenario.App.Services.GetRequiredService<PortfolioSnapshots>().GetSnapshotAsync(db);
        }

        commands.Reset();

        var html = await client.GetStringAsync(new Uri("/?period=2026-Q3", UriKind.Relative));
        output.WriteLine($"first page: {commands.Texts}");
        var first = commands.Reset();
        (await client.GetStringAsync(new Uri("/?period=2026-Q2", UriKind.Relative))).Should().Contain("2026-Q2");
        var next = commands.Reset();

        output.WriteLine($"One closed review: {first} round trips for the first page, {next} for the next");
        html.Should().Contain("The review of 2026-Q3 recorded no TIME decision; of its 1 action item, 0 are done and 1 open.", "the page answers from the closed review");
        first.Should().BeLessThanOrEqualTo(5);
        next.Should().BeLessThanOrEqualTo(5);
    }

    private static async Task<long> VersionAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await PortfolioStore.VersionAsync(db);
    }

    private static async Task WaitForSnapshotAsync(PortfolioSnapshots snapshots, long version)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (snapshots.Current?.Version != version)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the app reloads the snapshot in the background after a change");
            await Task.Delay(20);
        }
    }

    private sealed class CommandCounter : DbCommandInterceptor
    {
        private int _count;
        private System.Collections.Concurrent.ConcurrentQueue<string> _texts = new();

        /// <summary>The commands counted since the last reset, shortened: the test's output says which they were.</summary>
        public string Texts => string.Join(" | ", _texts.Select(t => t.Length > 90 ? t[..90] : t));

        public int Reset()
        {
            _texts = new();
            return Interlocked.Exchange(ref _count, 0);
        }

        private void Count(DbCommand command)
        {
            Interlocked.Increment(ref _count);
            _texts.Enqueue(command.CommandText.ReplaceLineEndings(" "));
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Count(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Count(command);
            return base.ReaderExecuting(command, eventData, result);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Count(command);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Count(command);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
