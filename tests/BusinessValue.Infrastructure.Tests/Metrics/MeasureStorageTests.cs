using System.Text.Json;
using BusinessValue.Domain.Metrics;
using BusinessValue.Domain.Periods;
using BusinessValue.Domain.Systems;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Testing;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Infrastructure.Tests.Metrics;

/// <summary>
/// Every measure of the one description (Measures) is stored, read, written and described, with no code of its
/// own: a new measure passes these tests as soon as it has its line in Measures, its migration and its docs.
/// </summary>
public sealed class MeasureStorageTests
{
    private static readonly YearMonth July = new(2026, 7);

    /// <summary>A distinct, valid value for every measure: its ordinal plus one, within its range.</summary>
    private static decimal SampleOf(Measure measure) => Math.Clamp(measure.Ordinal + 1m + (measure.WholeNumber ? 0m : 0.25m), measure.Minimum, measure.MaximumIn(July));

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveChanges_MonthWithEveryMeasure_ReadsBackEveryValue(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var system = new ItSystem(Guid.NewGuid(), "ERP", "Finance", null, Lifecycle.Active, StrategicFit.SupportsStrategy, DateTime.UtcNow);
        await using (var db = database.CreateContext())
        {
            db.Systems.Add(system);
            db.Metrics.Add(new MonthlyMetrics(system.Id, July, m => SampleOf(m)).Validated());
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateContext())
        {
            var month = await db.Metrics.AsNoTracking().SingleAsync();
            foreach (var measure in Measures.All)
            {
                month.ValueOf(measure).Should().Be(SampleOf(measure), measure.Key);
            }
        }
    }

    [Fact]
    public void PortfolioDocument_MonthWithEveryMeasure_WritesAndReadsEachUnderItsKey()
    {
        var row = MetricsDocument.From(new MonthlyMetrics(Guid.NewGuid(), July, m => SampleOf(m)));

        var json = JsonSerializer.Serialize(row, PortfolioJson.Options);
        var back = JsonSerializer.Deserialize<MetricsDocument>(json, PortfolioJson.Options)!;

        using var parsed = JsonDocument.Parse(json);
        foreach (var measure in Measures.All)
        {
            parsed.RootElement.GetProperty(measure.Key).GetDecimal().Should().Be(SampleOf(measure), measure.Key);
            back[measure].Should().Be(SampleOf(measure), measure.Key);
        }
    }

    [Fact]
    public void Schema_MetricsRow_DescribesEveryMeasureWithItsRange()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryFolder.Root, "docs", "portfolio.schema.json")));
        var row = schema.RootElement.GetProperty("$defs").GetProperty("metrics").GetProperty("properties");

        foreach (var measure in Measures.All)
        {
            row.TryGetProperty(measure.Key, out var property).Should().BeTrue($"docs/portfolio.schema.json describes {measure.Key}");
            if (property.TryGetProperty("maximum", out var maximum))
            {
                maximum.GetDecimal().Should().Be(measure.Maximum, measure.Key);
            }
        }
    }
}
