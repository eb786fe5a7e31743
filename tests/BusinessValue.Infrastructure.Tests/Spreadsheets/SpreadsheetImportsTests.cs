using System.Globalization;
using System.Text;
using BusinessValue.Domain.Metrics;
using BusinessValue.Domain.Periods;
using BusinessValue.Domain.Workarounds;
using BusinessValue.Infrastructure.Audit;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Persistence;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Infrastructure.Spreadsheets;
using BusinessValue.Testing;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Infrastructure.Tests.Spreadsheets;

public sealed class SpreadsheetImportsTests
{
    private static readonly AuditActor Tester = new("Tess Tester");

    [Theory, ClassData(typeof(BothProviders))]
    public async Task ExportAsync_EveryKindInBothFormats_ReimportsWithNothingNewOrChanged(DatabaseProvider provider)
    {
        await using var database = await PortfolioDatabaseAsync(provider);
        var imports = ImportsOn(database);

        foreach (var table in ImportTables.All)
        {
            foreach (var format in Enum.GetValues<SpreadsheetFormat>())
            {
                var exported = await imports.ExportAsync(table.Kind, format);
                var file = await imports.ReadAsync(new MemoryStream(exported), imports.FileNameOf(table.Kind, format), table.Kind);

                var plan = await imports.PlanAsync(file, SpreadsheetImports.Guess(file, table.Kind));

                plan.Problems.Should().BeEmpty($"{table.Name} as {format}");
                plan.Rows.Should().BeGreaterThan(0, table.Name);
                (plan.New, plan.Changed, plan.Unchanged).Should().Be((0, 0, plan.Rows), $"{table.Name} as {format} re-imports unchanged");
            }
        }
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task CommitAsync_SystemsImportedTwice_SecondImportUpdatesInsteadOfDuplicating(DatabaseProvider provider)
    {
        await using var database = await PortfolioDatabaseAsync(provider);
        var imports = ImportsOn(database);
        var before = await CountAsync(database, db => db.Systems);

        var first = await CommitAsync(imports, ImportKind.Systems, "CI Name,Class,Manufacturer,Licence cost\nPayroll Cloud,HR,Acme,1200\n");
        var second = await CommitAsync(imports, ImportKind.Systems, "CI Name,Class,Manufacturer,Licence cost\npayroll cloud,HR,Initech,1200\n");

        (first.New, first.Written).Should().Be((1, true));
        (second.New, second.Changed, second.Written).Should().Be((0, 1, true));
        await using var db = database.CreateContext();
        (await db.Systems.CountAsync()).Should().Be(before + 1);
        var system = await db.Systems.SingleAsync(s => s.Vendor == "Initech");
        system.Costs.Licences.Should().Be(1200m);
        system.Source!.Detail.Should().Be("test.csv");
        RowVersion.Of(db, system).Should().Be(1);
        (await db.AuditTrail.Where(e => e.Action == AuditAction.Updated && e.EntityType == "ItSystem").Select(e => e.Changes).SingleAsync()).Should().Contain("Initech");
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task PlanAsync_NewAndChangedRows_CountsThemAndWritesNothing(DatabaseProvider provider)
    {
        await using var database = await PortfolioDatabaseAsync(provider);
        var imports = ImportsOn(database);
        var existing = await FirstAsync(database, db => db.Departments.OrderBy(d => d.Name));
        var version = await VersionAsync(database);

        var file = await CsvAsync($"Department,Headcount\n{existing.Name},{existing.Headcount}\nNew team,3\n{existing.Name} 2,7\n", ImportKind.Departments);
        var plan = await imports.PlanAsync(file, SpreadsheetImports.Guess(file, ImportKind.Departments));

        (plan.Rows, plan.New, plan.Changed, plan.Unchanged, plan.Written).Should().Be((3, 2, 0, 1, false));
        (await CountAsync(database, db => db.Departments.Where(d => d.Name == "New team"))).Should().Be(0);
        (await VersionAsync(database)).Should().Be(version);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task CommitAsync_OneBadRow_WritesNothingAndNamesRowColumnAndReason(DatabaseProvider provider)
    {
        await using var database = await PortfolioDatabaseAsync(provider);
        var imports = ImportsOn(database);
        var before = await CountAsync(database, db => db.Departments);

        var plan = await CommitAsync(imports, ImportKind.Departments, "Department,FTE,Hourly rate\nAlpha,4,60\nBeta,-4,60\nGamma,5,lots\n");

        plan.Written.Should().BeFalse();
        plan.Problems.Should().BeEquivalentTo(new[]
        {
            new ImportProblem(3, "FTE", "must be 0 to 1,000,000 (it is -4)."),
            new ImportProblem(4, "Hourly rate", "'lots' is not a number."),
        });
        (await CountAsync(database, db => db.Departments)).Should().Be(before);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task CommitAsync_UnknownSystemName_IsAProblemOfItsRowAndNothingIsWritten(DatabaseProvider provider)
    {
        await using var database = await PortfolioDatabaseAsync(provider);
        var imports = ImportsOn(database);
        var system = await FirstAsync(database, db => db.Systems.OrderBy(s => s.Name));
        var before = await CountAsync(database, db => db.Metrics);

        var plan = await CommitAsync(imports, ImportKind.Metrics, $"Application,Month,Uptime %\n{system.Name},2023-01,99.9\nNo Such System,2023-01,99\n");

        plan.Written.Should().BeFalse();
        plan.Problems.Should().ContainSingle().Which.Should().Be(new ImportProblem(3, "Application", "'No Such System' is not a system of this organisation (import the systems first, or correct the name)."));
        (await CountAsync(database, db => db.Metrics)).Should().Be(before);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task CommitAsync_MetricsInBulk_AddsNewMonthsUpdatesOnlyMappedColumnsOfChangedOnesAndAuditsOnce(DatabaseProvider provider)
    {
        await using var database = await PortfolioDatabaseAsync(provider);
        var imports = ImportsOn(database);
        var (system, month, stored) = await StoredMonthAsync(database);
        var version = await VersionAsync(database);
        var newUptime = stored.UptimePercent == 12.5m ? 13.5m : 12.5m;
        var unchangedDowntime = stored.DowntimeMinutes is { } d ? Cells.Number(d) : string.Empty;

        var plan = await CommitAsync(imports, ImportKind.Metrics,
            $"System;Month;Uptime %;{Measures.Downtime.Name};P1 tickets\n{system};{month};{Cells.Number(newUptime).Replace('.', ',')};{unchangedDowntime.Replace('.', ',')};{stored.P1.Count}\n{system};2023-02;99,5;;2\n");

        plan.Problems.Should().BeEmpty();
        (plan.New, plan.Changed, plan.Unchanged, plan.Written).Should().Be((1, 1, 0, true));
        await using var db = database.CreateContext();
        var updated = await db.Metrics.SingleAsync(m => m.SystemId == stored.SystemId && m.Month == stored.Month);
        updated.UptimePercent.Should().Be(newUptime);
        updated.PatchCompliancePercent.Should().Be(stored.PatchCompliancePercent, "a column not in the file keeps its value");
        updated.Source!.Detail.Should().Be("test.csv");
        RowVersion.Of(db, updated).Should().Be(1);
        var added = await db.Metrics.SingleAsync(m => m.SystemId == stored.SystemId && m.Month == new YearMonth(2023, 2));
        (added.UptimePercent, added.P1.Count, added.DowntimeMinutes).Should().Be((99.5m, 2, null));
        (await db.AuditTrail.Where(e => e.Action == AuditAction.Imported).Select(e => e.Summary).SingleAsync()).Should().Contain("test.csv").And.Contain("1 new, 1 changed");
        (await VersionAsync(database)).Should().BeGreaterThan(version);

        var again = await CommitAsync(imports, ImportKind.Metrics,
            $"System;Month;Uptime %;{Measures.Downtime.Name};P1 tickets\n{system};{month};{Cells.Number(newUptime).Replace('.', ',')};{unchangedDowntime.Replace('.', ',')};{stored.P1.Count}\n{system};2023-02;99,5;;2\n");
        (again.New, again.Changed, again.Unchanged).Should().Be((0, 0, 2));
        await using var check = database.CreateContext();
        RowVersion.Of(check, await check.Metrics.SingleAsync(m => m.SystemId == stored.SystemId && m.Month == stored.Month)).Should().Be(1, "an unchanged month keeps its version");
    }

    // Rows for four batches of checked months (MetricsRows.BatchSize, flat buffers): each month must still be
    // written, and compared and updated, with its own values.
    [Theory, ClassData(typeof(BothProviders))]
    public async Task CommitAsync_MetricsSpanningSeveralBatches_StoresEachMonthsOwnValues(DatabaseProvider provider)
    {
        // Forty systems keep four batches of months inside the years metrics may be written for (2000 onwards).
        await using var database = await PortfolioDatabaseAsync(provider, systemCount: 40);
        var imports = ImportsOn(database);
        List<(Guid Id, string Name)> systems;
        await using (var db = database.CreateContext())
        {
            systems = (await db.Systems.AsNoTracking().Select(s => new { s.Id, s.Name }).ToListAsync()).Select(s => (s.Id, s.Name)).ToList();
        }

        var months = (MetricsRows.BatchSize * 4 / systems.Count) + 1;
        var first = new YearMonth(2000, 1);
        string Csv(decimal shift)
        {
            var csv = new StringBuilder("System,Month,Uptime %,P1 tickets\n");
            for (var i = 0; i < systems.Count * months; i++)
            {
                csv.Append(CultureInfo.InvariantCulture, $"\"{systems[i % systems.Count].Name}\",{first.AddMonths(i / systems.Count)},{Uptime(i, shift)},{i % 50}\n");
            }

            return csv.ToString();
        }

        static decimal Uptime(int row, decimal shift) => ((row % 997) / 10m) + shift;

        var plan = await CommitAsync(imports, ImportKind.Metrics, Csv(0m));
        var again = await CommitAsync(imports, ImportKind.Metrics, Csv(0.05m));

        plan.Problems.Should().BeEmpty();
        (plan.New, plan.Written).Should().Be((systems.Count * months, true));
        (again.New, again.Changed, again.Unchanged).Should().Be((0, systems.Count * months, 0));
        await using var check = database.CreateContext();
        var stored = (await check.Metrics.AsNoTracking().ToListAsync()).Where(m => m.Month < new YearMonth(2026, 1)).ToDictionary(m => (m.SystemId, m.Month));
        stored.Should().HaveCount(systems.Count * months);
        for (var i = 0; i < systems.Count * months; i++)
        {
            var month = stored[(systems[i % systems.Count].Id, first.AddMonths(i / systems.Count))];
            (month.UptimePercent, month.P1.Count).Should().Be((Uptime(i, 0.05m), i % 50), $"row {i + 2} of the file");
        }
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task CommitAsync_ProblemAfterThousandsOfNewMonths_WritesNothingAndNamesEveryProblem(DatabaseProvider provider)
    {
        await using var database = await PortfolioDatabaseAsync(provider);
        var imports = ImportsOn(database);
        var system = await FirstAsync(database, db => db.Systems.OrderBy(s => s.Name));
        var before = await CountAsync(database, db => db.Metrics);
        await using var db = database.CreateContext();
        var systems = await db.Systems.OrderBy(s => s.Name).Select(s => s.Name).ToListAsync();
        var csv = new StringBuilder("System,Month,Uptime %,P1 tickets\n");
        // More months than one batch (MetricsRows.BatchSize), so the writing has begun when the problems come: six systems' months from
        // 2000-01 (the first month metrics may have), before the demo's.
        for (var i = 0; i < 1_500; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"\"{systems[i / 250]}\",{new YearMonth(2000, 1).AddMonths(i % 250)},99.5,2\n");
        }

        csv.Append(CultureInfo.InvariantCulture, $"{system.Name},2021-01,101,1\n{system.Name},2000-01,99,1\n");

        var plan = await CommitAsync(imports, ImportKind.Metrics, csv.ToString());

        plan.Written.Should().BeFalse();
        (plan.Rows, plan.New).Should().Be((1_502, 1_500));
        plan.Problems.Should().Equal(
            new ImportProblem(1_502, "Uptime %", "must be 0 to 100 (it is 101)."),
            new ImportProblem(1_503, "(row)", $"repeats the system '{system.Name}' and month 2000-01 of row 2: each month of a system appears once in a file."));
        (await CountAsync(database, db => db.Metrics)).Should().Be(before);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task PlanAsync_StoredMonthWrittenWithTrailingZeros_IsUnchangedAndAnotherValueChanged(DatabaseProvider provider)
    {
        await using var database = await PortfolioDatabaseAsync(provider);
        var imports = ImportsOn(database);
        var (system, month, stored) = await StoredMonthAsync(database);
        // 99.5 written 99.500: the same number.
        var uptime = Cells.Number(stored.UptimePercent!.Value) is var text && text.Contains('.', StringComparison.Ordinal) ? text + "00" : text + ".000";
        var file = await CsvAsync($"System,Month,Uptime %\n{system},{month},{uptime}\n{system},2023-03,50\n", ImportKind.Metrics);

        var same = await imports.PlanAsync(file, SpreadsheetImports.Guess(file, ImportKind.Metrics));
        var changedFile = await CsvAsync($"System,Month,Uptime %\n{system},{month},{Cells.Number(stored.UptimePercent!.Value == 50m ? 51m : 50m)}\n", ImportKind.Metrics);
        var changed = await imports.PlanAsync(changedFile, SpreadsheetImports.Guess(changedFile, ImportKind.Metrics));

        (same.New, same.Changed, same.Unchanged, same.Written).Should().Be((1, 0, 1, false));
        (changed.New, changed.Changed, changed.Unchanged).Should().Be((0, 1, 0));
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task CommitAsync_MinutesBeyondTheMonth_NamesTheMeasuresColumn(DatabaseProvider provider)
    {
        await using var database = await PortfolioDatabaseAsync(provider);
        var imports = ImportsOn(database);
        var system = await FirstAsync(database, db => db.Systems.OrderBy(s => s.Name));

        var plan = await CommitAsync(imports, ImportKind.Metrics, $"System,Month,Downtime\n{system.Name},2023-02,41000\n",
            new Dictionary<string, string> { ["System"] = "system", ["Month"] = "month", ["Downtime"] = Measures.Downtime.Key });

        plan.Problems.Should().ContainSingle().Which.Should().Match<ImportProblem>(p => p.Row == 2 && p.Column == "Downtime" && p.Reason.Contains("the minutes in 2023-02"));
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task CommitAsync_MonthTooFarAheadAndBlockedHoursBeyondThePeople_NamesBothRowsAndWritesNothing(DatabaseProvider provider)
    {
        // Plain numbers take the import's fast reading; it must refuse what MonthlyMetrics.Validated refuses.
        await using var database = await PortfolioDatabaseAsync(provider);
        var imports = ImportsOn(database);
        var system = await FirstAsync(database, db => db.Systems.OrderBy(s => s.Name));
        var ahead = YearMonth.Of(DateOnly.FromDateTime(DateTime.UtcNow)).AddMonths(3);
        await using var before = database.CreateContext();
        var stored = await before.Metrics.CountAsync();

        var plan = await CommitAsync(imports, ImportKind.Metrics,
            $"System,Month,Blocked,Users\n{system.Name},{ahead},1,10\n{system.Name},2023-02,6721,10\n",
            new Dictionary<string, string> { ["System"] = "system", ["Month"] = "month", ["Blocked"] = Measures.BlockedWork.Key, ["Users"] = Measures.ActiveUsers.Key });

        plan.Problems.Should().HaveCount(2);
        plan.Problems.Should().Contain(p => p.Row == 2 && p.Reason.Contains("must be between 2000-01"));
        plan.Problems.Should().Contain(p => p.Row == 3 && p.Reason.Contains("the hours in 2023-02"));
        await using var after = database.CreateContext();
        (await after.Metrics.CountAsync()).Should().Be(stored);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task CommitAsync_EveryKindByName_ImportsAndReimportUpdates(DatabaseProvider provider)
    {
        await using var database = await PortfolioDatabaseAsync(provider);
        var imports = ImportsOn(database);

        (await CommitAsync(imports, ImportKind.Departments, "Department name,Headcount,Labour rate per hour\nImport Dept,12,70\n")).New.Should().Be(1);
        (await CommitAsync(imports, ImportKind.Systems, "System name,Category,Lifecycle,Strategic fit\nImport A,ERP,Phase out,legacy\nImport B,CRM,active,supportsStrategy\n")).New.Should().Be(2);
        (await CommitAsync(imports, ImportKind.Processes, "Process,Department,Annual revenue,Operating hours per week,Importance\nImport Flow,import dept,1000000,50,critical\n")).New.Should().Be(1);
        (await CommitAsync(imports, ImportKind.Dependencies, "Process,System,Revenue share\nImport Flow,Import A,80%\n")).New.Should().Be(1);
        (await CommitAsync(imports, ImportKind.Integrations, "Interface,From,To,Mode,Transfers per month,Minutes per manual transfer\nA to B,Import A,Import B,manual,100,5\n")).New.Should().Be(1);
        (await CommitAsync(imports, ImportKind.Workarounds, "Description,Department,Kind,People,Hours per person per week,Systems\nRetyping orders,Import Dept,duplicateDataEntry,3,2,Import A; Import B\n")).New.Should().Be(1);

        (await CommitAsync(imports, ImportKind.Dependencies, "Process,System,Revenue share\nImport Flow,Import A,0.5\n")).Changed.Should().Be(1);
        (await CommitAsync(imports, ImportKind.Integrations, "Interface,From,To,Mode,Transfers per month,Minutes per manual transfer\nA to B,Import A,Import B,automated,100,5\n")).Changed.Should().Be(1);
        (await CommitAsync(imports, ImportKind.Workarounds, "Description,Department,Kind,People,Hours per person per week,Systems,Status,Removed on\nRetyping orders,Import Dept,duplicateDataEntry,3,2,Import B,removed,31/03/2026\n")).Changed.Should().Be(1);

        await using var db = database.CreateContext();
        var a = await db.Systems.SingleAsync(s => s.Name == "Import A");
        var b = await db.Systems.SingleAsync(s => s.Name == "Import B");
        var flow = await db.Processes.SingleAsync(p => p.Name == "Import Flow");
        var dept = await db.Departments.SingleAsync(d => d.Name == "Import Dept");
        (a.Lifecycle, a.StrategicFit).Should().Be((Domain.Systems.Lifecycle.PhaseOut, Domain.Systems.StrategicFit.Legacy));
        (flow.DepartmentId, flow.Importance).Should().Be((dept.Id, Domain.Processes.StrategicImportance.Critical));
        (await db.Dependencies.SingleAsync(d => d.ProcessId == flow.Id)).Should().Match<Domain.Processes.Dependency>(d => d.SystemId == a.Id && d.RevenueShare == 0.5m);
        var integration = await db.Integrations.SingleAsync(i => i.Name == "A to B");
        (integration.Mode, integration.FirstRecordedMode).Should().Be((Domain.Integrations.IntegrationMode.Automated, Domain.Integrations.IntegrationMode.Manual));
        var workaround = await db.Workarounds.Include(w => w.Systems).SingleAsync(w => w.Description == "Retyping orders");
        workaround.SystemIds.Should().Equal(b.Id);
        (workaround.Status, workaround.RemovedOn).Should().Be((WorkaroundStatus.Removed, new DateOnly(2026, 3, 31)));
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task ExportAsync_FormulaLikeText_IsNeutralisedAndReimportsUnchanged(DatabaseProvider provider)
    {
        await using var database = await PortfolioDatabaseAsync(provider);
        var imports = ImportsOn(database);
        await CommitAsync(imports, ImportKind.Systems, "System name,Category,Vendor\nFormula,ERP,\"=HYPERLINK(\"\"http://x\"\")\"\n");

        var exported = Encoding.UTF8.GetString(await imports.ExportAsync(ImportKind.Systems, SpreadsheetFormat.Csv));
        var file = await imports.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(exported)), "systems.csv", ImportKind.Systems);
        var plan = await imports.PlanAsync(file, SpreadsheetImports.Guess(file, ImportKind.Systems));

        exported.Should().Contain("Formula,ERP,\"'=HYPERLINK(\"\"http://x\"\")\"");
        (plan.New, plan.Changed).Should().Be((0, 0));
        (await FirstAsync(database, db => db.Systems.Where(s => s.Name == "Formula"))).Vendor.Should().Be("=HYPERLINK(\"http://x\")");
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SavePresetAsync_SavedMapping_IsListedLoadedReusedAndDeleted(DatabaseProvider provider)
    {
        await using var database = await PortfolioDatabaseAsync(provider);
        var imports = ImportsOn(database);
        var mapping = new ImportMapping(ImportKind.Systems, new Dictionary<string, string> { ["Asset"] = "name", ["Kind of thing"] = "category" });

        await imports.SavePresetAsync("Our CMDB", mapping, Tester);
        var listed = await imports.PresetsAsync(ImportKind.Systems);
        var loaded = await imports.PresetAsync(ImportKind.Systems, "our cmdb");
        var file = await CsvAsync("Asset,Kind of thing\nPreset System,CRM\n", ImportKind.Systems);
        var plan = await imports.CommitAsync(file, SpreadsheetImports.Guess(file, ImportKind.Systems, loaded), Tester);

        listed.Should().ContainSingle().Which.Should().Match<ImportPresetSummary>(p => p.Name == "Our CMDB" && p.SavedBy == "Tess Tester");
        loaded!.Columns.Should().BeEquivalentTo(mapping.Columns);
        (plan.New, plan.Written).Should().Be((1, true));
        (await imports.PresetsAsync(ImportKind.Metrics)).Should().BeEmpty();
        (await imports.DeletePresetAsync(ImportKind.Systems, "Our CMDB")).Should().BeTrue();
        (await imports.PresetsAsync(ImportKind.Systems)).Should().BeEmpty();
    }

    [Fact]
    public void Template_WithExample_HasEveryHeadingAndAnExampleRowThatIsValid()
    {
        var csv = Encoding.UTF8.GetString(SpreadsheetImports.Template(ImportKind.Metrics, SpreadsheetFormat.Csv)).TrimStart('\uFEFF');

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(2);
        lines[0].Split(',').Should().Equal(ImportTables.Metrics.Columns.Select(c => c.Heading));
    }

    internal static async Task<TestDatabase> PortfolioDatabaseAsync(DatabaseProvider provider, int systemCount = 6)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        await using var db = database.CreateContext();
        await PortfolioStore.ReplaceAsync(db, SyntheticPortfolio.Generate(systemCount, 3, seed: 7, new YearMonth(2026, 9)));
        return database;
    }

    internal static SpreadsheetImports ImportsOn(TestDatabase database) => new(new DatabaseContextFactory(database.Options), new ImportOptions(), TimeProvider.System);

    private static Task<SpreadsheetFile> CsvAsync(string text, ImportKind kind) =>
        SpreadsheetFile.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), "test.csv", kind);

    private static async Task<ImportPlan> CommitAsync(SpreadsheetImports imports, ImportKind kind, string csv, Dictionary<string, string>? mapping = null)
    {
        var file = await CsvAsync(csv, kind);
        return await imports.CommitAsync(file, mapping is null ? SpreadsheetImports.Guess(file, kind) : new ImportMapping(kind, mapping), Tester);
    }

    private static async Task<int> CountAsync<T>(TestDatabase database, Func<BusinessValueDbContext, IQueryable<T>> query)
    {
        await using var db = database.CreateContext();
        return await query(db).CountAsync();
    }

    private static async Task<T> FirstAsync<T>(TestDatabase database, Func<BusinessValueDbContext, IQueryable<T>> query)
        where T : class
    {
        await using var db = database.CreateContext();
        return await query(db).AsNoTracking().FirstAsync();
    }

    private static async Task<long> VersionAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await PortfolioStore.VersionAsync(db);
    }

    private static async Task<(string System, string Month, MonthlyMetrics Stored)> StoredMonthAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var stored = (await db.Metrics.AsNoTracking().ToListAsync()).OrderBy(m => m.Month).ThenBy(m => m.SystemId).First(m => m.UptimePercent != null && m.DowntimeMinutes != null && m.P1.Count != null);
        var system = await db.Systems.Where(s => s.Id == stored.SystemId).Select(s => s.Name).SingleAsync();
        return (system, stored.Month.ToString(), stored);
    }
}
