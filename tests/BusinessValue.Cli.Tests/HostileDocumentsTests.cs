using System.Text;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.DemoData;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Testing;

namespace BusinessValue.Cli.Tests;

/// <summary>Issue 14: <c>bv validate</c> and <c>bv import</c> refuse what the API refuses, in the product's words.</summary>
public sealed class HostileDocumentsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bv-hostile-").FullName;

    [Fact]
    public async Task Validate_InvalidUtf8_ExitsOneSayingTheFileIsNotUtf8()
    {
        var demo = Encoding.UTF8.GetBytes(DemoPortfolio.Json());
        var file = Write("latin1.json", [.. demo.Take(60), 0xE9, .. demo.Skip(60)]);

        var (exit, _, error) = await BvRun.RunAsync("validate", file);

        exit.Should().Be(1);
        error.Should().Contain("is not UTF-8 text");
    }

    [Theory]
    [InlineData("\"headcount\": 35", "\"headcount\": \"35\"", "must be a whole number")]
    [InlineData("\"headcount\": 35", "\"Headcount\": 35", "'Headcount' is not a field here")]
    [InlineData("\"headcount\": 35", "\"headcount\": 35, \"headcount\": 36", "a field is given twice")]
    [InlineData("\"isDemo\": true", "\"isDemo\": \"yes\"", "must be true or false")]
    [InlineData("\"testedOn\": \"2025-06-02\"", "\"testedOn\": 20250602", "a date in quotes")]
    public async Task Validate_WrongShapes_NameTheFieldInProductWordsWithoutTypeNames(string from, string to, string expected)
    {
        var json = DemoPortfolio.Json();
        var at = json.IndexOf(from, StringComparison.Ordinal);
        var file = Write("shape.json", Encoding.UTF8.GetBytes(json[..at] + to + json[(at + from.Length)..]));

        var (exit, _, error) = await BvRun.RunAsync("validate", file);

        exit.Should().Be(1);
        error.Should().Contain(expected).And.NotContain("System.").And.NotContain("   at ");
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task Import_AmountBeyondNumeric20_6_IsRefusedOnBothProvidersAndNothingIsWritten(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        (await BvRun.RunAsync(database, "import", Write("demo.json", Encoding.UTF8.GetBytes(DemoPortfolio.Json())))).ExitCode.Should().Be(0);
        var huge = DemoPortfolio.Json().Replace("\"licences\": 180000", "\"licences\": 79228162514264337593543950335", StringComparison.Ordinal);

        var (exit, _, error) = await BvRun.RunAsync(database, "import", Write("huge.json", Encoding.UTF8.GetBytes(huge)));
        var export = await BvRun.RunAsync(database, "export", "--out", Path.Combine(_folder, "after.json"));

        exit.Should().Be(1);
        error.Should().Contain("Licence cost: must be at most 1,000,000,000,000").And.NotContain("   at ");
        export.ExitCode.Should().Be(0);
        PortfolioDocumentWriter.ToJson(PortfolioDocumentReader.Read(await File.ReadAllBytesAsync(Path.Combine(_folder, "after.json")), DateTime.UtcNow).Portfolio!)
            .Should().Be(DemoPortfolio.Json());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        var file = Path.Combine(_folder, name);
        File.WriteAllBytes(file, bytes);
        return file;
    }
}
