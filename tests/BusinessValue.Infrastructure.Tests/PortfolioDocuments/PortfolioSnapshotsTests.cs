using BusinessValue.Domain;
using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Metrics;
using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.DemoData;
using BusinessValue.Infrastructure.Persistence;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Testing;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Infrastructure.Tests.PortfolioDocuments;

public sealed class PortfolioSnapshotsTests
{
    [Theory, ClassData(typeof(BothProviders))]
    public async Task GetAsync_NothingChanged_SharesOneCopyAndAnyWriteReplacesIt(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        using var snapshots = new PortfolioSnapshots();
        await using var db = database.CreateContext();
        await PortfolioStore.ReplaceAsync(db, DemoPortfolio.Load(DateTime.UtcNow));

        var first = await snapshots.GetAsync(db);
        var again = await snapshots.GetAsync(db);
        await PortfolioStore.ReplaceAsync(db, SyntheticPortfolio.Generate(7, 2, seed: 3, new YearMonth(2026, 9)));
        var afterImport = await snapshots.GetAsync(db);
        await PortfolioStore.ReplaceAsync(db, DemoPortfolio.Load(DateTime.UtcNow));
        await DemoRemoval.RemoveAsync(db, "Fabrikam", DateTime.UtcNow);
        var afterRemoval = await snapshots.GetAsync(db);

        again.Should().BeSameAs(first);
        first!.Systems.Should().HaveCount(12);
        afterImport!.Systems.Should().HaveCount(7);
        afterRemoval!.Organisation.Name.Should().Be("Fabrikam");
        afterRemoval.Systems.Should().BeEmpty();
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveChanges_AnyEditToThePortfolio_RaisesTheVersionSoSnapshotsReload(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        using var snapshots = new PortfolioSnapshots();
        await using (var db = database.CreateContext())
        {
            await PortfolioStore.ReplaceAsync(db, DemoPortfolio.Load(DateTime.UtcNow));
        }

        long before;
        await using (var db = database.CreateContext())
        {
            before = await PortfolioStore.VersionAsync(db);
            (await snapshots.GetAsync(db))!.Departments.Should().HaveCount(4);
            // A write path that knows nothing of versions: a plain tracked change.
            db.Departments.Add(new Domain.Organisation.Department(Guid.NewGuid(), "Legal", 6));
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateContext())
        {
            (await PortfolioStore.VersionAsync(db)).Should().BeGreaterThan(before);
            (await snapshots.GetAsync(db))!.Departments.Should().HaveCount(5);
        }
    }

    private static readonly YearMonth Last = new(2026, 9);

    private static readonly Period[] Periods =
        [Period.Parse("2026-Q1"), Period.Parse("2026-Q2"), Period.Parse("2026-Q3"), Period.Parse("2026-09"), Period.Parse("2026-10"), Period.Parse("2026-Q4")];

    [Theory, ClassData(typeof(BothProviders))]
    public async Task GetSnapshotAsync_MetricWritesOfEachKind_AppliedWithoutReloadAndEqualToAFullReload(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        using var snapshots = new PortfolioSnapshots();
        var newContext = ObservedContexts.Of(database, snapshots);
        var portfolio = SyntheticPortfolio.Generate(40, 6, seed: 5, Last);
        await using (var db = newContext())
        {
            await PortfolioStore.ReplaceAsync(db, portfolio);
        }

        var systems = portfolio.Systems.Select(s => s.Id).ToList();
        var source = new InputSource(SourceKind.Api, "test key", DateTime.UtcNow);
        MonthlyMetrics Month(int system, YearMonth month, decimal downtime) =>
            new MonthlyMetrics(systems[system], month, m => m == Measures.Downtime ? downtime : m == Measures.Uptime ? 99.5m : null).RecordedBy(source);

        var writes = new (string Kind, Func<BusinessValueDbContext, Task> Write)[]
        {
            ("one month replaced (PUT)", db => MetricsUpserts.ApplyAsync(db, [Month(0, Last, 123.45m)])),
            ("a new month (PUT)", db => MetricsUpserts.ApplyAsync(db, [Month(1, Last.AddMonths(1), 60m)])),
            ("a batch of new and replaced months", db => MetricsUpserts.ApplyAsync(db, [Month(2, Last, 7m), Month(3, new YearMonth(2026, 4), 0m), Month(4, Last.AddMonths(1), 999.99m), Month(0, Last, 1m)])),
            ("the same report again (nothing changes)", db => MetricsUpserts.ApplyAsync(db, [Month(0, Last, 1m)])),
            ("a form's save, checked against the version read", async db =>
            {
                int? read;
                await using (var reader = newContext())
                {
                    read = RowVersionOf(reader, systems[5], new YearMonth(2026, 5));
                }

                await MetricsUpserts.ApplyIfUnchangedAsync(db, [Month(5, new YearMonth(2026, 5), 30m)], _ => read);
            }),
        };

        await using (var db = newContext())
        {
            await CheckAsync(db, "the first load");
        }

        foreach (var (kind, write) in writes)
        {
            var before = snapshots.Current!;
            await using (var db = newContext())
            {
                await write(db);
            }

            await using (var db = newContext())
            {
                var after = await CheckAsync(db, kind);
                after.Portfolio!.Systems.Should().BeSameAs(before.Portfolio!.Systems, $"{kind} changes months only, so the snapshot is not reloaded");
            }
        }

        // Two writes before anyone reads: the next scorecard builds on the last one read, with both writes' months.
        await using (var db = newContext())
        {
            await MetricsUpserts.ApplyAsync(db, [Month(8, Last, 11m), Month(9, new YearMonth(2026, 8), 12m)]);
        }

        await using (var db = newContext())
        {
            await MetricsUpserts.ApplyAsync(db, [Month(8, Last, 13m), Month(10, Last.AddMonths(1), 14m)]);
        }

        await using (var db = newContext())
        {
            await CheckAsync(db, "after two writes read once");
        }

        // A write that fails changes nothing: a month of a system that does not exist (the foreign key refuses it).
        var failedFrom = snapshots.Current!;
        await using (var db = newContext())
        {
            var failing = () => MetricsUpserts.ApplyAsync(db, [Month(6, Last, 5m), new MonthlyMetrics(Guid.NewGuid(), Last, _ => 1m)]);
            await failing.Should().ThrowAsync<DbUpdateException>();
        }

        await using (var db = newContext())
        {
            (await snapshots.GetSnapshotAsync(db)).Should().BeSameAs(failedFrom);
            await CheckAsync(db, "after a failed write");
        }

        // A write this process did not make (another node, bv import): the stamp check still reloads everything.
        await using (var outside = database.CreateContext())
        {
            await MetricsUpserts.ApplyAsync(outside, [Month(7, Last, 4_321m)]);
            outside.Departments.Add(new Domain.Organisation.Department(Guid.NewGuid(), "Elsewhere", 3));
            await outside.SaveChangesAsync();
        }

        await using (var db = newContext())
        {
            var reloaded = await CheckAsync(db, "after writes made elsewhere");
            reloaded.Portfolio!.Departments.Should().Contain(d => d.Name == "Elsewhere");
            reloaded.Portfolio.Metrics.Should().Contain(m => m.SystemId == systems[7] && m.Month == Last && m.ValueOf(Measures.Downtime) == 4_321m);
        }

        // Every period's scorecard of the snapshot, derived (or carried over) as pages do, equals one from a full load, to the cent.
        async Task<PortfolioSnapshot> CheckAsync(BusinessValueDbContext db, string when)
        {
            var snapshot = await snapshots.GetSnapshotAsync(db);
            var full = (await PortfolioStore.LoadAsync(db))!;
            var engine = new TranslationEngine();
            foreach (var period in Periods)
            {
                var ours = await snapshot.ScorecardOfAsync(period, engine);
                Figures(ours).Should().Equal(Figures(engine.Calculate(full, period)), $"{period.Label} {when}");
            }

            snapshot.Portfolio!.Metrics.Should().HaveCount(full.Metrics.Count, when);
            return snapshot;
        }
    }

    private static int? RowVersionOf(BusinessValueDbContext db, Guid system, YearMonth month)
    {
        var stored = db.Metrics.SingleOrDefault(m => m.SystemId == system && m.Month == month);
        return stored is null ? null : RowVersion.Of(db, stored);
    }

    private static List<string> Figures(Scorecard scorecard) =>
    [
        .. scorecard.Portfolio.Figures.Select(f => $"portfolio {f.Key} {f.Value} {Why(f)}"),
        .. scorecard.Systems.OrderBy(s => s.SystemId).SelectMany(s => s.Figures.Select(f => $"{s.SystemId} {f.Key} {f.Value} {Why(f)}")),
        .. scorecard.Departments.Select(d => $"{d.DepartmentId} {d.WorkaroundCost.Value} {Why(d.WorkaroundCost)}"),
    ];

    // Explanations are built when asked, from the calculation that kept or made the figure: they must match too.
    private static string Why(Figure figure) =>
        $"{figure.Coverage} {string.Join("; ", figure.Why.Inputs.Select(i => $"{i.Symbol}={i.Value} ({i.Source})"))} missing: {string.Join(", ", figure.Why.Missing)}";
}
