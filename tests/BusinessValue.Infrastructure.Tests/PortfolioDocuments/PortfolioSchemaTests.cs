using BusinessValue.Testing;
using System.Text.Json;
using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.DemoData;
using BusinessValue.Infrastructure.PortfolioDocuments;
using Json.Schema;

namespace BusinessValue.Infrastructure.Tests.PortfolioDocuments;

/// <summary>The published JSON Schema (docs/portfolio.schema.json) describes what the product writes.</summary>
public sealed class PortfolioSchemaTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(RepositoryFolder.Root, "docs", "portfolio.schema.json")));

    public static TheoryData<string> Documents() => new()
    {
        "demo",
        "synthetic",
        "with reviews",
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void Schema_DocumentsTheProductWrites_AreValid(string which)
    {
        var synthetic = SyntheticPortfolio.Generate(40, 6, seed: 5, new YearMonth(2026, 9));
        var json = which switch
        {
            "demo" => DemoPortfolio.Json(),
            "synthetic" => PortfolioDocumentWriter.ToJson(synthetic, DateTime.UtcNow),
            _ => PortfolioDocumentWriter.ToJson(synthetic, DateTime.UtcNow, ReviewRecordsExample.For(synthetic)),
        };

        var result = Schema.Evaluate(JsonDocument.Parse(json).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        result.IsValid.Should().BeTrue(string.Join(Environment.NewLine, (result.Details ?? []).Where(d => !d.IsValid && d.Errors is not null)
            .Take(10).Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}")));
    }

    [Fact]
    public void Schema_UnknownStrategicFit_IsRejected()
    {
        var json = DemoPortfolio.Json().Replace("\"supportsStrategy\"", "\"core\"", StringComparison.Ordinal);

        Schema.Evaluate(JsonDocument.Parse(json).RootElement).IsValid.Should().BeFalse();
    }
}
