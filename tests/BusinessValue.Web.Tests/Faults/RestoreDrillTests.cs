using System.Text.Json;
using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Testing;
using BusinessValue.Web.Features.Api;
using Xunit.Abstractions;

namespace BusinessValue.Web.Tests.Faults;

/// <summary>
/// The restore drill (issue 13, docs/operations.md#how-often-and-rehearsing-the-restore): export the portfolio,
/// restore the document into a fresh PostgreSQL and a fresh SQLite database, and every quarter's and year's
/// scorecard is the source's to the cent. Reviews are not in the portfolio document yet, so not in this drill.
/// </summary>
public sealed class RestoreDrillTests(ITestOutputHelper output)
{
    private static readonly YearMonth Last = new(2026, 9);

    [Theory, ClassData(typeof(BothProviders))]
    public async Task ExportThenRestore_IntoFreshPostgresAndSqlite_EveryQuarterAndYearScorecardEqualToTheCent(DatabaseProvider source)
    {
        await using var original = await TestDatabase.CreateAsync(source);
        await original.MigrateAsync();
        await using (var db = original.CreateContext())
        {
            await PortfolioStore.ReplaceAsync(db, SyntheticPortfolio.Generate(40, 18, seed: 13, Last));
        }

        Portfolio exported;
        await using (var db = original.CreateContext())
        {
            exported = (await PortfolioStore.LoadAsync(db))!;
        }

        var document = PortfolioDocumentWriter.ToJson(exported, new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc));
        var periods = PeriodsOf(exported);
        var engine = new TranslationEngine();
        var expected = periods.ToDictionary(p => p.Label, p => Json(engine.Calculate(exported, p)));
        foreach (var target in new[] { DatabaseProvider.Postgres, DatabaseProvider.Sqlite })
        {
            await using var restored = await TestDatabase.CreateAsync(target);
            await restored.MigrateAsync();
            var read = PortfolioDocumentReader.Read(document, DateTime.UtcNow);
            read.Problems.Should().BeEmpty();
            await using (var db = restored.CreateContext())
            {
                await PortfolioStore.ReplaceAsync(db, read.Portfolio!);
            }

            await using var check = restored.CreateContext();
            var back = (await PortfolioStore.LoadAsync(check))!;
            foreach (var period in periods)
            {
                Json(engine.Calculate(back, period)).Should().Be(expected[period.Label], $"{source} → {target}, {period.Label}");
            }

            PortfolioDocumentWriter.ToJson(back, new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc)).Should().Be(document, "the restored database exports the same document");
        }

        output.WriteLine($"{source} source: {periods.Count} periods ({string.Join(", ", periods.Select(p => p.Label))}) equal on PostgreSQL and SQLite");
    }

    /// <summary>Every quarter and calendar year that holds a month of metrics.</summary>
    private static List<Period> PeriodsOf(Portfolio portfolio)
    {
        var months = portfolio.Metrics.Select(m => m.Month).Distinct().ToList();
        return months.Select(Period.QuarterContaining)
            .Concat(months.Select(m => Period.FiscalYearContaining(m, 1)))
            .DistinctBy(p => p.Label)
            .ToList();
    }

    // PostgreSQL gives numeric(20,6) back with six decimals (3367364.250000), SQLite as stored (3367364.25): equal
    // amounts, so compared without the trailing zeros.
    private static readonly JsonSerializerOptions Options = new() { Converters = { new AmountConverter() } };

    /// <summary>The figures as the API shows them (value, unit, formula, inputs), in a stable order.</summary>
    private static string Json(Scorecard card) => JsonSerializer.Serialize(new
    {
        portfolio = card.Portfolio.Figures.Select(f => ApiFigure.From(f, card.Currency.Code, withWhy: true)),
        systems = card.Systems.OrderBy(s => s.SystemId).Select(s => new
        {
            s.SystemId,
            s.Name,
            quadrant = s.Quadrant?.ToString(),
            figures = s.Figures.Select(f => ApiFigure.From(f, card.Currency.Code, withWhy: true)),
        }),
        departments = card.Departments.OrderBy(d => d.DepartmentId).Select(d => new
        {
            d.DepartmentId,
            workaroundCost = ApiFigure.From(d.WorkaroundCost, card.Currency.Code, withWhy: true),
            bySystem = d.WorkaroundCostBySystem.OrderBy(p => p.Key).Select(p => new { p.Key, p.Value }),
        }),
    }, Options);

    private sealed class AmountConverter : System.Text.Json.Serialization.JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(value / 1.000000000000000000000000000000000m);
    }
}
