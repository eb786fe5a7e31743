using System.Text.Json;
using BusinessValue.Cli.Demo;
using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.DemoData;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Testing;

namespace BusinessValue.Cli.Tests;

public sealed class BvCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bv-cli-").FullName;

    private string PathOf(string name) => Path.Combine(_folder, name);

    private string WriteDemo()
    {
        var file = PathOf("demo.json");
        File.WriteAllText(file, DemoPortfolio.Json());
        return file;
    }

    [Fact]
    public async Task Scorecard_TableFormat_PrintsTheHeadlineFiguresAndEverySystem()
    {
        var (exit, output, _) = await BvRun.RunAsync("scorecard", "--portfolio", WriteDemo(), "--period", "2026-Q3");

        exit.Should().Be(0);
        output.Should().Contain("Northwind Components (demo) · 2026-Q3").And.Contain("Waste ratio").And.Contain("benchmark 30%");
        output.Should().Contain("Green dashboard, red business → Tolerate").And.Contain("Valuable but fragile → Migrate");
    }

    [Fact]
    public async Task Scorecard_JsonFormat_CarriesEveryFigureWithItsExplanation()
    {
        var file = WriteDemo();

        var (exit, output, _) = await BvRun.RunAsync("scorecard", "--portfolio", file, "--period", "FY2026", "--format", "json");

        exit.Should().Be(0);
        var json = JsonDocument.Parse(output).RootElement;
        json.GetProperty("period").GetString().Should().Be("FY2026");
        var waste = json.GetProperty("portfolio").GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("key").GetString() == "wasteRatio");
        var expected = new TranslationEngine().Calculate(DemoPortfolio.Load(DateTime.UtcNow), Period.Parse("FY2026")).Portfolio.WasteRatio.Value;
        waste.GetProperty("value").GetDecimal().Should().Be(expected!.Value);
        waste.GetProperty("why").GetProperty("formula").GetString().Should().Be("value leaks / technology spend");
        json.GetProperty("systems").GetArrayLength().Should().Be(12);
    }

    [Fact]
    public async Task Validate_BrokenDocument_ListsEveryProblemAndExitsWithOne()
    {
        var file = PathOf("broken.json");
        await File.WriteAllTextAsync(file, DemoPortfolio.Json().Replace("\"supportsStrategy\"", "\"core\"", StringComparison.Ordinal));

        var (exit, _, error) = await BvRun.RunAsync("validate", file);

        exit.Should().Be(1);
        error.Should().Contain("problem(s); nothing was used").And.Contain("$.systems[0].strategicFit: 'core' is not one of supportsStrategy, maintainsStatusQuo, legacy.");
    }

    [Fact]
    public async Task Validate_ShippedDemo_IsValid()
    {
        var (exit, output, _) = await BvRun.RunAsync("validate", WriteDemo());

        exit.Should().Be(0);
        output.Should().StartWith("Valid: Northwind Components (demo), 12 systems, 6 processes, 4 departments");
    }

    [Theory]
    [InlineData("scorecard", "--portfolio", "x.json")]              // no period
    [InlineData("scorecard", "--portfolio", "x.json", "--period", "2026-07", "--format", "pdf")]
    [InlineData("frobnicate")]
    [InlineData("generate", "--systems", "many", "--months", "3", "--out", "x.json")]
    public async Task Run_WrongUsage_ExitsWithTwoAndSaysHowToGetHelp(params string[] args)
    {
        var (exit, _, error) = await BvRun.RunAsync(args);

        exit.Should().Be(2);
        error.Should().Contain("bv --help");
    }

    [Fact]
    public async Task Scorecard_UnknownPeriodNotation_ExitsWithTwoAndOneLine()
    {
        var (exit, _, error) = await BvRun.RunAsync("scorecard", "--portfolio", WriteDemo(), "--period", "2026-Q9");

        exit.Should().Be(2);
        error.Trim().Should().StartWith("Period: must be a month (2026-07)").And.NotContain("   at ");
    }

    [Fact]
    public async Task Generate_SameSeed_WritesTheSameDocument()
    {
        await BvRun.RunAsync("generate", "--systems", "30", "--months", "4", "--seed", "42", "--out", PathOf("a.json"));
        await BvRun.RunAsync("generate", "--systems", "30", "--months", "4", "--seed", "42", "--out", PathOf("b.json"));
        var (exit, _, _) = await BvRun.RunAsync("generate", "--systems", "30", "--months", "4", "--seed", "43", "--out", PathOf("c.json"));

        exit.Should().Be(0);
        (await File.ReadAllTextAsync(PathOf("a.json"))).Should().Be(await File.ReadAllTextAsync(PathOf("b.json")));
        (await File.ReadAllTextAsync(PathOf("a.json"))).Should().NotBe(await File.ReadAllTextAsync(PathOf("c.json")));
        PortfolioDocumentReader.Read(await File.ReadAllTextAsync(PathOf("a.json")), DateTime.UtcNow).Portfolio!.Systems.Should().HaveCount(30);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task ImportThenExport_ConfiguredDatabase_GivesBackTheDocument(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var source = PathOf("generated.json");
        await BvRun.RunAsync("generate", "--systems", "20", "--months", "3", "--out", source);

        var import = await BvRun.RunAsync(database, "import", source);
        var export = await BvRun.RunAsync(database, "export", "--out", PathOf("exported.json"));

        import.ExitCode.Should().Be(0, import.Error);
        export.ExitCode.Should().Be(0, export.Error);
        var exported = PortfolioDocumentReader.Read(await File.ReadAllTextAsync(PathOf("exported.json")), DateTime.UtcNow).Portfolio!;
        PortfolioDocumentWriter.ToJson(exported).Should().Be(await File.ReadAllTextAsync(source));
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task Import_InvalidDocument_ChangesNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await BvRun.RunAsync(database, "import", WriteDemo());
        var broken = PathOf("broken.json");
        await File.WriteAllTextAsync(broken, DemoPortfolio.Json().Replace("\"uptimePercent\": 99.9", "\"uptimePercent\": 199.9", StringComparison.Ordinal));

        var (exit, _, error) = await BvRun.RunAsync(database, "import", broken);
        var export = await BvRun.RunAsync(database, "export", "--out", PathOf("after.json"));

        exit.Should().Be(1);
        error.Should().Contain("Uptime %: must be a percentage between 0 and 100");
        export.ExitCode.Should().Be(0);
        PortfolioDocumentWriter.ToJson(PortfolioDocumentReader.Read(await File.ReadAllTextAsync(PathOf("after.json")), DateTime.UtcNow).Portfolio!)
            .Should().Be(DemoPortfolio.Json());
    }

    [Fact]
    public async Task DemoRemove_DemoLoaded_LeavesAnEmptyOrganisationOnce()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await BvRun.RunAsync(database, "import", WriteDemo());

        var first = await BvRun.RunAsync(database, "demo", "remove");
        var second = await BvRun.RunAsync(database, "demo", "remove");

        first.ExitCode.Should().Be(0);
        second.ExitCode.Should().Be(1);
        second.Error.Should().Contain("holds no demo data");
        await using var db = database.CreateContext();
        (await PortfolioStore.LoadAsync(db))!.Systems.Should().BeEmpty();
    }

    [Fact]
    public void ShippedDemoDocument_IsWhatTheCuratedBuilderWrites() =>
        DemoPortfolio.Json().Should().Be(PortfolioDocumentWriter.ToJson(DemoPortfolioBuilder.Build()), "run `bv demo write --out src/BusinessValue.Infrastructure/DemoData/demo-portfolio.json` after changing the builder");

    [Theory]
    [InlineData("2024-Q4")]
    [InlineData("2025-Q2")]
    [InlineData("2026-Q3")]
    [InlineData("FY2026")]
    public void ShippedDemo_EachPeriod_ShowsEveryQuadrantAndEveryReadiness(string period)
    {
        var portfolio = DemoPortfolio.Load(DateTime.UtcNow);

        var scorecard = new TranslationEngine().Calculate(portfolio, Period.Parse(period));

        scorecard.Systems.Select(s => s.Quadrant).Distinct().Should().BeEquivalentTo(Enum.GetValues<Quadrant>().Cast<Quadrant?>());
        portfolio.Metrics.Select(m => m.Month).Distinct().Should().HaveCount(24, "eight quarters of monthly metrics");
        portfolio.Processes.Should().HaveCountGreaterThanOrEqualTo(6);
        portfolio.Departments.Should().HaveCountGreaterThanOrEqualTo(4);
        if (period == "2026-Q3")
        {
            scorecard.Portfolio.ReadinessCounts.Should().OnlyContain(r => r.Value > 0, "verified, unverified and failing all appear");
            scorecard.Portfolio.ProcessAutomation.Value.Should().BeGreaterThan(0m);
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
