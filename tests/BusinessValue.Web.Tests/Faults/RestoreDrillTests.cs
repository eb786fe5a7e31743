using System.Text.Json;
using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Periods;
using BusinessValue.Domain.Reviews;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Testing;
using BusinessValue.Web.Features.Api;
using BusinessValue.Web.Features.Reviews;
using BusinessValue.Web.Tests.Features.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace BusinessValue.Web.Tests.Faults;

/// <summary>
/// The restore drill (issue 13, docs/operations.md#how-often-and-rehearsing-the-restore): export the portfolio with its
/// quarterly reviews, restore the document into a fresh PostgreSQL and a fresh SQLite database, and every quarter's
/// and year's scorecard is the source's to the cent, reviews included: a closed review's frozen figures (restored as
/// stored, never recalculated), decisions, action items and status, and an open review.
/// </summary>
public sealed class RestoreDrillTests(ITestOutputHelper output)
{
    private static readonly YearMonth Last = new(2026, 9);
    private static readonly DateTime ExportedAt = new(2026, 10, 16, 0, 0, 0, DateTimeKind.Utc);

    [Theory, ClassData(typeof(BothProviders))]
    public async Task ExportThenRestore_IntoFreshPostgresAndSqlite_EveryScorecardAndReviewEqualToTheCent(DatabaseProvider source)
    {
        await using var scenario = await ReviewScenario.CreateAsync(source, portfolio: SyntheticPortfolio.Generate(40, 18, seed: 13, Last));
        var (first, second) = await TwoSystemsAsync(scenario.Database);
        // 2026-Q2 closed: a decision against the suggestion, two action items (one done after closing), figures frozen.
        var q2 = await scenario.DraftAsync("2026-Q2");
        await scenario.StartAsync(q2);
        await scenario.DecideAsync(q2, first, TimeDecision.Invest, "Strategic platform");
        var done = await scenario.RaiseAsync(q2, "Test the ERP restore", new DateOnly(2026, 9, 1));
        await scenario.RaiseAsync(q2, "Retire the fax server", new DateOnly(2026, 12, 1), scenario.OtherBusinessOwner);
        await scenario.CloseAsync(q2);
        using (var scope = scenario.As(Roles.ReviewFacilitator))
        {
            var items = scope.ServiceProvider.GetRequiredService<ActionItems>();
            (await items.ChangeStatusAsync(done, ActionItemStatus.Done, (await items.GetAsync(done))!.Version)).IsSaved.Should().BeTrue();
        }

        // 2026-Q3 in progress, its figures live; a translation request decided there.
        var q3 = await scenario.DraftAsync("2026-Q3");
        await scenario.StartAsync(q3);
        await scenario.DecideAsync(q3, second, TimeDecision.Eliminate, "Replaced by the new CRM");
        await using (var db = scenario.Database.CreateContext())
        {
            db.TranslationRequests.Add(new TranslationRequest(Guid.NewGuid(), "Upgrade the order database", "PostgreSQL 12 is out of support",
                    "Orders stop if it fails unpatched", null, new DateOnly(2027, 3, 31), 250_000.55m, [first, second], "it.owner@test.local", ExportedAt)
                .MoveTo(TranslationRequestStatus.Ready, null).MoveTo(TranslationRequestStatus.Decided, "Approved for Q4"));
            await db.SaveChangesAsync();
        }

        Portfolio exported;
        ReviewRecords reviews;
        await using (var db = scenario.Database.CreateContext())
        {
            exported = (await PortfolioStore.LoadAsync(db))!;
            reviews = await PortfolioStore.LoadReviewsAsync(db);
        }

        reviews.Reviews.Select(r => r.Status).Should().BeEquivalentTo([ReviewStatus.Closed, ReviewStatus.InProgress]);
        var document = PortfolioDocumentWriter.ToJson(exported, ExportedAt, reviews);
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
                await PortfolioStore.ReplaceAsync(db, read.Portfolio!, read.Reviews);
            }

            await using var check = restored.CreateContext();
            var back = (await PortfolioStore.LoadAsync(check))!;
            var backReviews = await PortfolioStore.LoadReviewsAsync(check);
            foreach (var period in periods)
            {
                Json(engine.Calculate(back, period)).Should().Be(expected[period.Label], $"{source} → {target}, {period.Label}");
            }

            // The closed review's frozen figures, document and action items are the stored text, to the character.
            var frozen = backReviews.Frozen.Should().ContainSingle().Subject;
            var frozenAtSource = reviews.Frozen.Single();
            (frozen.ReviewId, frozen.FrozenAtUtc, frozen.Figures, frozen.PortfolioDocument, frozen.ActionItems)
                .Should().Be((q2, frozenAtSource.FrozenAtUtc, frozenAtSource.Figures, frozenAtSource.PortfolioDocument, frozenAtSource.ActionItems), $"{source} → {target}");
            backReviews.Reviews.OrderBy(r => r.QuarterStart).Select(r => (r.Id, r.Quarter.Label, r.Status, r.ClosedBy))
                .Should().Equal(reviews.Reviews.OrderBy(r => r.QuarterStart).Select(r => (r.Id, r.Quarter.Label, r.Status, r.ClosedBy)));
            backReviews.Decisions.OrderBy(d => d.Id).Select(d => (d.ReviewId, d.SystemId, d.Suggested, d.Decision, d.Reason))
                .Should().Equal(reviews.Decisions.OrderBy(d => d.Id).Select(d => (d.ReviewId, d.SystemId, d.Suggested, d.Decision, d.Reason)));
            backReviews.ActionItems.OrderBy(a => a.Id).Select(a => a.State())
                .Should().Equal(reviews.ActionItems.OrderBy(a => a.Id).Select(a => a.State()));
            PortfolioDocumentWriter.ToJson(back, ExportedAt, backReviews).Should().Be(document, "the restored database exports the same document");
        }

        output.WriteLine($"{source} source: {periods.Count} periods ({string.Join(", ", periods.Select(p => p.Label))}) and {reviews.Reviews.Count} reviews " +
                         $"({reviews.Frozen.Count} closed, {reviews.Decisions.Count} decisions, {reviews.ActionItems.Count} action items) equal on PostgreSQL and SQLite");
    }

    private static async Task<(Guid First, Guid Second)> TwoSystemsAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var ids = await db.Systems.AsNoTracking().OrderBy(s => s.Name).Select(s => s.Id).Take(2).ToListAsync();
        return (ids[0], ids[1]);
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
