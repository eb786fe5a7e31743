using BusinessValue.Domain.Metrics;
using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Infrastructure.Persistence;
using BusinessValue.Testing;
using BusinessValue.Web.Features.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BusinessValue.Web.Tests.Features.Metrics;

public sealed class MetricsGridTests
{
    private static readonly YearMonth LastDemoMonth = new(2026, 9);

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveAsync_OneChangedRowOfAPage_WritesOnlyThatRow(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = app.Services.CreateScope().As(Roles.ItDirector);
        var grid = scope.ServiceProvider.GetRequiredService<MetricsGrid>();
        var page = await grid.LoadAsync(LastDemoMonth, filter: null, page: 0, pageSize: 50);
        var before = await VersionsAsync(database, LastDemoMonth);
        var row = page.Rows.First(r => r.Values[Measures.Downtime.Ordinal] is not null);
        var values = row.Values.ToArray();
        values[Measures.Downtime.Ordinal] = 123m;

        var outcome = await grid.SaveAsync(LastDemoMonth, [row with { Values = values }]);

        outcome.IsSaved.Should().BeTrue(string.Join("; ", outcome.Problems));
        outcome.Written.Should().Be(1);
        var after = await VersionsAsync(database, LastDemoMonth);
        after.Where(v => before[v.Key] != v.Value).Select(v => v.Key).Should().Equal(row.SystemId);
        (await grid.LoadAsync(LastDemoMonth, row.SystemName, 0, 10)).Rows.Single().Values[Measures.Downtime.Ordinal].Should().Be(123m);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveAsync_AnOutOfBoundCell_NamesTheCellAndWritesNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = app.Services.CreateScope().As(Roles.ItDirector);
        var grid = scope.ServiceProvider.GetRequiredService<MetricsGrid>();
        var month = new YearMonth(2026, 2);
        var rows = (await grid.LoadAsync(month, null, 0, 2)).Rows;
        var good = rows[0].Values.ToArray();
        good[Measures.Uptime.Ordinal] = 99.5m;
        var bad = rows[1].Values.ToArray();
        // February 2026 has 28 × 24 × 60 = 40,320 minutes.
        bad[Measures.Downtime.Ordinal] = 40_321m;
        bad[MetricsColumn.All.Single(c => c.Key == "p1.count").Index] = 1.5m;
        var before = await VersionsAsync(database, month);

        var outcome = await grid.SaveAsync(month, [rows[0] with { Values = good }, rows[1] with { Values = bad }]);

        outcome.IsSaved.Should().BeFalse();
        outcome.Written.Should().Be(0);
        outcome.Problems.Should().HaveCount(2).And.OnlyContain(p => p.SystemId == rows[1].SystemId);
        outcome.Problems.Single(p => p.ColumnKey == Measures.Downtime.Key).Reason.Should().Contain("the minutes in 2026-02");
        outcome.Problems.Single(p => p.ColumnKey == "p1.count").Reason.Should().Contain("whole number");
        (await VersionsAsync(database, month)).Should().Equal(before);
        (await grid.LoadAsync(month, rows[0].SystemName, 0, 1)).Rows.Single().Values[Measures.Uptime.Ordinal].Should().Be(rows[0].Values[Measures.Uptime.Ordinal]);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveAsync_ANewMonthWithSomeCellsEmpty_StoresThemAsMissingNotZero(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = app.Services.CreateScope().As(Roles.Administrator);
        var grid = scope.ServiceProvider.GetRequiredService<MetricsGrid>();
        var month = LastDemoMonth.AddMonths(1);
        var rows = (await grid.LoadAsync(month, null, 0, 3)).Rows;
        rows.Should().OnlyContain(r => r.Values.All(v => v == null), "nothing is recorded for the month after the demo");
        var values = rows[0].Values.ToArray();
        values[Measures.Downtime.Ordinal] = 0m;

        var outcome = await grid.SaveAsync(month, [rows[0] with { Values = values }, rows[1]]);

        outcome.Written.Should().Be(1, "a row with nothing in it and nothing stored is not written");
        await using var db = database.CreateContext();
        var stored = await db.Metrics.SingleAsync(m => m.Month == month);
        stored.DowntimeMinutes.Should().Be(0m);
        stored.UptimePercent.Should().BeNull();
        stored.Source!.Detail.Should().Be(BusinessValueAppFactory.UserNameFor(Roles.Administrator));
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveAsync_ARowSavedBySomeoneElseSinceRead_IsAConflictWithBothVersionsAndTheOtherRowIsSaved(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = app.Services.CreateScope().As(Roles.ItDirector);
        var grid = scope.ServiceProvider.GetRequiredService<MetricsGrid>();
        var rows = (await grid.LoadAsync(LastDemoMonth, null, 0, 2)).Rows;
        var theirs = rows[0].Values.ToArray();
        theirs[Measures.Downtime.Ordinal] = 111m;
        (await grid.SaveAsync(LastDemoMonth, [rows[0] with { Values = theirs }])).IsSaved.Should().BeTrue("the first editor saves");
        var mine = rows[0].Values.ToArray();
        mine[Measures.Downtime.Ordinal] = 222m;
        var other = rows[1].Values.ToArray();
        other[Measures.Downtime.Ordinal] = 333m;

        var outcome = await grid.SaveAsync(LastDemoMonth, [rows[0] with { Values = mine }, rows[1] with { Values = other }]);

        outcome.IsSaved.Should().BeFalse();
        outcome.Written.Should().Be(1);
        var conflict = outcome.Conflicts.Should().ContainSingle().Subject;
        conflict.Yours.SystemId.Should().Be(rows[0].SystemId);
        conflict.Yours.Values[Measures.Downtime.Ordinal].Should().Be(222m);
        conflict.Theirs.Values[Measures.Downtime.Ordinal].Should().Be(111m);
        conflict.Theirs.Version.Should().Be(rows[0].Version + 1);
        var now = (await grid.LoadAsync(LastDemoMonth, null, 0, 2)).Rows;
        now[0].Values[Measures.Downtime.Ordinal].Should().Be(111m, "the later save did not overwrite the first silently");
        now[1].Values[Measures.Downtime.Ordinal].Should().Be(333m);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveAsync_MineAgainAtTheVersionNowStored_OverwritesTheirs(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = app.Services.CreateScope().As(Roles.ItDirector);
        var grid = scope.ServiceProvider.GetRequiredService<MetricsGrid>();
        var month = LastDemoMonth.AddMonths(1);
        var row = (await grid.LoadAsync(month, null, 0, 1)).Rows.Single();
        row.Version.Should().BeNull("nothing is stored for the month after the demo");
        var theirs = row.Values.ToArray();
        theirs[Measures.Uptime.Ordinal] = 99m;
        await grid.SaveAsync(month, [row with { Values = theirs }]);
        var mine = row.Values.ToArray();
        mine[Measures.Uptime.Ordinal] = 98m;
        var conflict = (await grid.SaveAsync(month, [row with { Values = mine }])).Conflicts.Should().ContainSingle().Subject;

        var outcome = await grid.SaveAsync(month, [conflict.Yours with { Version = conflict.Theirs.Version }]);

        outcome.IsSaved.Should().BeTrue();
        (await grid.LoadAsync(month, row.SystemName, 0, 1)).Rows.Single().Values[Measures.Uptime.Ordinal].Should().Be(98m);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task PreviousMonthAsync_AfterTheLastDemoMonth_GivesThatMonthsValues(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = app.Services.CreateScope().As(Roles.ItDirector);
        var grid = scope.ServiceProvider.GetRequiredService<MetricsGrid>();
        var last = (await grid.LoadAsync(LastDemoMonth, null, 0, 5)).Rows;

        var previous = await grid.PreviousMonthAsync(last.Select(r => r.SystemId).ToList(), LastDemoMonth.AddMonths(1));

        foreach (var row in last.Where(r => r.Values.Any(v => v is not null)))
        {
            previous[row.SystemId].Should().Equal(row.Values);
        }
    }

    [Fact]
    public async Task SaveAsync_ABusinessOwner_IsRefusedAndNothingIsWritten()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = app.Services.CreateScope().As(Roles.BusinessOwner);
        var grid = scope.ServiceProvider.GetRequiredService<MetricsGrid>();
        var row = (await grid.LoadAsync(LastDemoMonth, null, 0, 1)).Rows.Single();
        var before = await VersionsAsync(database, LastDemoMonth);
        var values = row.Values.ToArray();
        values[Measures.Uptime.Ordinal] = 1m;

        var outcome = await grid.SaveAsync(LastDemoMonth, [row with { Values = values }]);

        outcome.Refusal.Should().Contain("IT director");
        (await VersionsAsync(database, LastDemoMonth)).Should().Equal(before);
    }

    [Fact]
    public async Task LoadAsync_FilterAndPages_FindsSystemsByAnyCaseOfTheirName()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = app.Services.CreateScope().As(Roles.ItDirector);
        var grid = scope.ServiceProvider.GetRequiredService<MetricsGrid>();

        var erp = await grid.LoadAsync(LastDemoMonth, "eRp", 0, 10);
        var second = await grid.LoadAsync(LastDemoMonth, null, 1, 5);

        erp.Rows.Select(r => r.SystemName).Should().Contain("ERP");
        second.TotalSystems.Should().Be(12);
        second.Rows.Should().HaveCount(5);
    }

    private static async Task<Dictionary<Guid, int>> VersionsAsync(TestDatabase database, YearMonth month)
    {
        await using var db = database.CreateContext();
        return await db.Metrics.Where(m => m.Month == month)
            .Select(m => new { m.SystemId, Version = EF.Property<int>(m, RowVersion.Property) })
            .ToDictionaryAsync(m => m.SystemId, m => m.Version);
    }
}
