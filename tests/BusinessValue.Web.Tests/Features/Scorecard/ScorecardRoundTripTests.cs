using System.Data.Common;
using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Testing;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace BusinessValue.Web.Tests.Features.Scorecard;

public sealed class ScorecardRoundTripTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task Get_Scorecard_NeedsAFewRoundTripsWhateverThePortfoliosSize()
    {
        var counts = new Dictionary<int, (int First, int Next)>();
        foreach (var systems in new[] { 10, 1_000 })
        {
            await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
            await database.MigrateAsync();
            await using (var db = database.CreateContext())
            {
                await PortfolioStore.ReplaceAsync(db, SyntheticPortfolio.Generate(systems, 12, seed: 1, new YearMonth(2026, 9)));
            }

            var commands = new CommandCounter();
            await using var app = new BusinessValueAppFactory(database).WithServices(s => s.AddSingleton<IInterceptor>(commands));
            using var client = app.CreateClient();
            await client.GetStringAsync(new Uri("/health/live", UriKind.Relative));
            commands.Reset();

            (await client.GetStringAsync(new Uri("/?period=2026-Q3", UriKind.Relative))).Should().Contain("Company scorecard");
            var first = commands.Reset();
            (await client.GetStringAsync(new Uri("/?period=2026-Q2", UriKind.Relative))).Should().Contain("2026-Q2");
            var next = commands.Reset();
            counts[systems] = (first, next);
            output.WriteLine($"{systems} systems: {first} round trips for the first page, {next} for the next");
        }

        // A page checks the shared snapshot is current (one query for the page, one for the layout); only the
        // first page after a change loads the portfolio, in the same number of queries at any size.
        counts[10].Next.Should().BeLessThanOrEqualTo(5);
        counts[1_000].Next.Should().BeLessThanOrEqualTo(5);
        counts[1_000].First.Should().Be(counts[10].First, "loading the portfolio costs the same number of round trips at any size");
    }

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
