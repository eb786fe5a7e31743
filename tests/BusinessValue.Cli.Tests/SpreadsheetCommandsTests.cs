using BusinessValue.Infrastructure.Audit;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.DemoData;
using BusinessValue.Infrastructure.Spreadsheets;
using BusinessValue.Testing;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Cli.Tests;

public sealed class SpreadsheetCommandsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bv-cli-import-").FullName;

    [Theory, ClassData(typeof(BothProviders))]
    public async Task ImportCsv_DryRunThenImport_ReportsCountsAndWritesOnlyTheSecondTime(DatabaseProvider provider)
    {
        await using var database = await DemoDatabaseAsync(provider);
        var csv = Write("teams.csv", "Cost centre;FTE;Labour rate\nField Service;12;55,5\n");

        var dry = await BvRun.RunAsync(database, "import-csv", "departments", csv, "--dry-run");
        var countAfterDryRun = await DepartmentsAsync(database);
        var real = await BvRun.RunAsync(database, "import-csv", "departments", csv);

        dry.ExitCode.Should().Be(0);
        dry.Output.Should().Contain("Cost centre → Department name").And.Contain("teams.csv: 1 rows, 1 new, 0 changed, 0 unchanged. Dry run: nothing was written.");
        real.ExitCode.Should().Be(0);
        real.Output.Should().Contain("1 new").And.Contain("Written to the");
        (await DepartmentsAsync(database)).Should().Be(countAfterDryRun + 1);
        await using var db = database.CreateContext();
        (await db.Departments.SingleAsync(d => d.Name == "Field Service")).LabourRatePerHour.Should().Be(55.5m);
    }

    [Fact]
    public async Task ImportCsv_BadRow_ListsRowColumnAndReasonExitsWithOneAndWritesNothing()
    {
        await using var database = await DemoDatabaseAsync(DatabaseProvider.Sqlite);
        var before = await DepartmentsAsync(database);
        var csv = Write("teams.csv", "Department,Headcount\nOne,3\nTwo,many\n");

        var (exit, _, error) = await BvRun.RunAsync(database, "import-csv", "departments", csv);

        exit.Should().Be(1);
        error.Should().Contain("Nothing was written.").And.Contain("Row 3, Headcount: 'many' is not a number.");
        (await DepartmentsAsync(database)).Should().Be(before);
    }

    [Fact]
    public async Task ImportXlsx_WithASavedPreset_UsesItsMapping()
    {
        await using var database = await DemoDatabaseAsync(DatabaseProvider.Sqlite);
        var imports = new SpreadsheetImports(new DatabaseContextFactory(database.Options), new ImportOptions(), TimeProvider.System);
        await imports.SavePresetAsync("HR export", new ImportMapping(ImportKind.Departments, new Dictionary<string, string> { ["Org"] = "name", ["Count"] = "headcount" }), new AuditActor("test"));
        var workbook = Path.Combine(_folder, "hr.xlsx");
        MiniExcelLibs.MiniExcel.SaveAs(workbook, new[] { new Dictionary<string, object?> { ["Org"] = "Preset Dept", ["Count"] = 9 } });

        var (exit, output, _) = await BvRun.RunAsync(database, "import-xlsx", "departments", workbook, "--preset", "hr export");

        exit.Should().Be(0, output);
        await using var db = database.CreateContext();
        (await db.Departments.SingleAsync(d => d.Name == "Preset Dept")).Headcount.Should().Be(9);
    }

    [Fact]
    public async Task ImportCsv_UnknownPresetOrTable_ExitsWithTwo()
    {
        await using var database = await DemoDatabaseAsync(DatabaseProvider.Sqlite);
        var csv = Write("x.csv", "Department,Headcount\nOne,3\n");

        var preset = await BvRun.RunAsync(database, "import-csv", "departments", csv, "--preset", "nope");
        var table = await BvRun.RunAsync(database, "import-csv", "planets", csv);

        preset.ExitCode.Should().Be(2);
        preset.Error.Should().Contain("There is no saved mapping 'nope' for departments. None is saved yet.");
        table.ExitCode.Should().Be(2);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private async Task<TestDatabase> DemoDatabaseAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var demo = Write("demo.json", DemoPortfolio.Json());
        (await BvRun.RunAsync(database, "import", demo)).ExitCode.Should().Be(0);
        return database;
    }

    private static async Task<int> DepartmentsAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.Departments.CountAsync();
    }
}
