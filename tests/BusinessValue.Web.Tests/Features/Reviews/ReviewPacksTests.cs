using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Metrics;
using BusinessValue.Domain.Periods;
using BusinessValue.Domain.Reviews;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Testing;
using BusinessValue.Web.Features.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace BusinessValue.Web.Tests.Features.Reviews;

public sealed class ReviewPacksTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");
    private static readonly string[] SheetNames = ["Cover", "Headline figures", "Systems", "Decisions", "Action items", "Comparison"];

    [Theory, ClassData(typeof(BothProviders))]
    public async Task Pack_ClosedThenCostsMetricsAndAssumptionChanged_HtmlAndWorkbookUnchangedWhileLiveScorecardMoves(DatabaseProvider provider)
    {
        await using var scenario = await ReviewScenario.CreateAsync(provider);
        var review = await scenario.DraftAsync("2026-Q3");
        await scenario.StartAsync(review);
        var first = await FirstSystemAsync(scenario);
        await DecideAsync(scenario, review, first.Id, TimeDecision.Eliminate, "Replaced by the new CRM");
        await scenario.RaiseAsync(review, "Test the ERP restore", new DateOnly(2026, 12, 1));
        using var client = await scenario.App.CreateSignedInClientAsync(Roles.Executive);

        // Open: every section says its figures are live.
        var open = await PackHtmlAsync(client, review);
        Regex.Count(open, "data-testid=\"pack-draft\"").Should().Be(7);
        open.Should().Contain("Draft — figures are live and may change");

        await scenario.CloseAsync(review);
        var html = await PackHtmlAsync(client, review);
        var workbook = await WorkbookAsync(client, review);
        QuarterFigures frozen;
        using (var scope = scenario.As(Roles.Executive))
        {
            frozen = (await scope.ServiceProvider.GetRequiredService<ReviewFigures>().FiguresAsync(review))!;
        }

        var frozenSpend = frozen.Company.TechnologySpend!.Value;

        html.Should().NotContain("pack-draft").And.Contain("Closed: the figures are frozen").And.Contain("Replaced by the new CRM")
            .And.Contain("it.owner@test.local").And.Contain("business.owner@test.local").And.Contain(first.Name)
            .And.Contain(BusinessValue.Web.Features.Scorecard.FigureText.Money(frozenSpend, frozen.Currency, English));
        Convert.ToDecimal(workbook["Headline figures"].Single(r => (string)r["Figure"]! == "Technology spend")["Value"], English).Should().BeApproximately(frozenSpend, 0.001m);

        // After closing: a system's costs, a month of its metrics and an assumption change.
        await using (var db = scenario.Database.CreateContext())
        {
            var system = await db.Systems.SingleAsync(s => s.Id == first.Id);
            system.WithBusinessCase(system.Costs with { Licences = system.Costs.Licences + 120_000m }, system.ExpectedAnnualBenefit, system.IntendedUsers, system.RequiredRecoveryHours);
            var august = await db.Metrics.SingleAsync(m => m.SystemId == system.Id && m.Month == new YearMonth(2026, 8));
            august[Measures.Downtime.Key] = (august.DowntimeMinutes ?? 0m) + 600m;
            var organisation = await db.Organisation.SingleAsync();
            organisation.ChangeAssumptions(organisation.Assumptions with { LabourRatePerHour = organisation.Assumptions.LabourRatePerHour + 25m }, scenario.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        }

        await using (var db = scenario.Database.CreateContext())
        {
            var live = new TranslationEngine().Calculate((await PortfolioStore.LoadAsync(db))!, Period.Quarter(2026, 3));
            live.Portfolio.TechnologySpend.Value.Should().Be(frozenSpend + 30_000m);
        }

        (await PackHtmlAsync(client, review)).Should().Be(html);
        (await WorkbookAsync(client, review)).Should().BeEquivalentTo(workbook, o => o.WithStrictOrdering());
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task PackXlsx_ClosedReview_SheetsDecisionItemWithBothOwnersNumbersAsNumbersNoStore(DatabaseProvider provider)
    {
        await using var scenario = await ReviewScenario.CreateAsync(provider);
        var review = await scenario.DraftAsync("2026-Q3");
        await scenario.StartAsync(review);
        var first = await FirstSystemAsync(scenario);
        await DecideAsync(scenario, review, first.Id, TimeDecision.Migrate, "=HYPERLINK(\"http://evil.example\")");
        await scenario.RaiseAsync(review, "Retire the fax server", new DateOnly(2026, 12, 1));
        await scenario.CloseAsync(review);
        using var executive = await scenario.App.CreateSignedInClientAsync(Roles.Executive);
        using var viewer = await scenario.App.CreateSignedInClientAsync(Roles.Viewer);

        using var response = await executive.GetAsync(new Uri($"/reviews/{review}/pack.xlsx", UriKind.Relative));
        var bytes = await response.Content.ReadAsByteArrayAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        response.Content.Headers.ContentDisposition!.FileNameStar.Should().Be("review-pack-2026-Q3.xlsx");
        using (var stream = new MemoryStream(bytes))
        {
            stream.GetSheetNames().Should().Equal(SheetNames);
        }

        var sheets = Read(bytes);
        var decision = sheets["Decisions"].Single(r => (string)r["System"]! == first.Name);
        decision["Decision"].Should().Be("Migrate");
        // Text a spreadsheet would run as a formula is written with a leading apostrophe.
        decision["Reason"].Should().Be("'=HYPERLINK(\"http://evil.example\")");
        var item = sheets["Action items"].Should().ContainSingle().Subject;
        item["Title"].Should().Be("Retire the fax server");
        item["IT owner"].Should().Be("it.owner@test.local");
        item["Business owner"].Should().Be("business.owner@test.local");
        item["Status"].Should().Be("Open");
        item["Due date"].Should().BeOfType<DateTime>().Which.Should().Be(new DateTime(2026, 12, 1));
        sheets["Headline figures"].Select(r => r["Value"]).Should().AllBeOfType<double>();
        // Every headline figure is one of the catalogue's, so each has its formula.
        sheets["Headline figures"].Select(r => r["Formula"]).Should().HaveCount(7).And.AllSatisfy(f => f.Should().BeOfType<string>().Which.Should().NotBeEmpty());
        sheets["Headline figures"].Single(r => (string)r["Figure"]! == "Waste ratio")["Formula"].Should().Be("value leaks / technology spend");
        var system = sheets["Systems"].Single(r => (string)r["System"]! == first.Name);
        system["Technical health"].Should().BeOfType<double>();
        system["Quadrant"].Should().Be(first.Quadrant);
        sheets["Comparison"].Should().ContainSingle().Which["Section"].Should().Be("No previous closed review to compare with");

        var forViewer = Read(await viewer.GetByteArrayAsync(new Uri($"/reviews/{review}/pack.xlsx", UriKind.Relative)));
        forViewer["Headline figures"].Select(r => r["Formula"]).Should().AllBeEquivalentTo("(explanations are not shown to viewers)");
        forViewer["Headline figures"].Select(r => r["Value"]).Should().Equal(sheets["Headline figures"].Select(r => r["Value"]));
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task ComparePage_TwoClosedReviews_DeltasAndQuadrantMovesComputedFromTheirInputs(DatabaseProvider provider)
    {
        await using var scenario = await ReviewScenario.CreateAsync(provider);
        var first = await FirstSystemAsync(scenario);
        // Q2 with a threshold of 0: every score counts as high. Q3 with 100: almost none does. Quadrants move.
        await SetAsync(scenario, threshold: 0m, extraLicences: 0m);
        var q2 = await scenario.DraftAsync("2026-Q2");
        await scenario.StartAsync(q2);
        await DecideAsync(scenario, q2, first.Id, TimeDecision.Invest, "Strategic platform");
        var done = await scenario.RaiseAsync(q2, "Test the ERP restore", new DateOnly(2026, 9, 1));
        var notDone = await scenario.RaiseAsync(q2, "Retire the fax server", new DateOnly(2026, 12, 1));
        await scenario.CloseAsync(q2);
        var expectedQ2 = await LiveAsync(scenario, Period.Quarter(2026, 2));
        using (var scope = scenario.As(Roles.ReviewFacilitator))
        {
            var items = scope.ServiceProvider.GetRequiredService<ActionItems>();
            (await items.ChangeStatusAsync(done, ActionItemStatus.Done, (await items.GetAsync(done))!.Version)).IsSaved.Should().BeTrue();
        }

        await SetAsync(scenario, threshold: 100m, extraLicences: 40_000m);
        var q3 = await scenario.DraftAsync("2026-Q3");
        await scenario.StartAsync(q3);
        await DecideAsync(scenario, q3, first.Id, TimeDecision.Migrate, "The vendor ends support");
        await scenario.CloseAsync(q3);
        var expectedQ3 = await LiveAsync(scenario, Period.Quarter(2026, 3));
        using var client = await scenario.App.CreateSignedInClientAsync(Roles.BusinessOwner);

        ComparisonSheet sheet;
        using (var scope = scenario.As(Roles.BusinessOwner))
        {
            sheet = (await scope.ServiceProvider.GetRequiredService<ReviewPacks>().ComparisonAsync(q3))!;
        }

        var html = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri($"/reviews/{q3}/compare", UriKind.Relative)));

        var comparison = sheet.Comparison!.Comparison;
        var expectedMoves = expectedQ3.Systems
            .Select(now => (now, then: expectedQ2.Systems.Single(s => s.SystemId == now.SystemId)))
            .Where(x => x.now.Quadrant is not null && x.then.Quadrant is not null && x.now.Quadrant != x.then.Quadrant)
            .Select(x => (x.now.Name, x.then.Quadrant, x.now.Quadrant)).OrderBy(x => x.Name, StringComparer.Ordinal).ToList();
        expectedMoves.Should().NotBeEmpty();
        comparison.QuadrantMoves.Select(m => (m.Name, m.QuadrantBefore, m.QuadrantNow)).Should().Equal(expectedMoves);
        foreach (var (name, before, now) in expectedMoves)
        {
            html.Should().Contain($"{name}</strong>: {before!.Value.Describe()} → {now!.Value.Describe()}");
        }

        var health = comparison.Systems.Single(s => s.SystemId == first.Id).TechnicalHealth;
        health.Change.Should().Be(expectedQ3.Systems.Single(s => s.SystemId == first.Id).TechnicalHealth.Value - expectedQ2.Systems.Single(s => s.SystemId == first.Id).TechnicalHealth.Value);
        var spend = comparison.Company.Single(f => f.Label == "Technology spend");
        spend.Change.Should().Be(expectedQ3.Portfolio.TechnologySpend.Value - expectedQ2.Portfolio.TechnologySpend.Value).And.Be(10_000m);
        html.Should().Contain(DeltaText.Change(spend, sheet.Currency, English)).And.Contain("▲ +10,000 " + sheet.Currency + " (worse)");
        comparison.DecisionsChanged.Should().ContainSingle().Which.Now.Should().Be(TimeDecision.Migrate);
        html.Should().Contain("The vendor ends support");
        sheet.Comparison.Done.Select(i => i.Id).Should().Equal(done);
        sheet.Comparison.NotDone.Select(i => i.Id).Should().Equal(notDone);
        html.Should().Contain("✓ done").And.Contain("✗ not done (Open)");

        var firstReview = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri($"/reviews/{q2}/compare", UriKind.Relative)));
        firstReview.Should().Contain("data-testid=\"no-previous-review\"").And.Contain("There is no closed review of a quarter before 2026-Q2");
    }

    private static async Task<(Guid Id, string Name, string? Quadrant)> FirstSystemAsync(ReviewScenario scenario)
    {
        await using var db = scenario.Database.CreateContext();
        var system = await db.Systems.AsNoTracking().OrderBy(s => s.Name).FirstAsync();
        var card = new TranslationEngine().Calculate((await PortfolioStore.LoadAsync(db))!, Period.Quarter(2026, 3));
        return (system.Id, system.Name, card.Systems.Single(s => s.SystemId == system.Id).Quadrant?.Describe());
    }

    private static async Task DecideAsync(ReviewScenario scenario, Guid review, Guid system, TimeDecision decision, string reason)
    {
        using var scope = scenario.As(Roles.ReviewFacilitator);
        var outcome = await scope.ServiceProvider.GetRequiredService<ReviewDecisions>().SaveAsync(review, new DecisionForm { SystemId = system, Decision = decision, Reason = reason });
        outcome.IsSaved.Should().BeTrue();
    }

    private static async Task SetAsync(ReviewScenario scenario, decimal threshold, decimal extraLicences)
    {
        await using var db = scenario.Database.CreateContext();
        var organisation = await db.Organisation.SingleAsync();
        organisation.ChangeAssumptions(organisation.Assumptions with { ScoreThreshold = threshold }, scenario.Clock.GetUtcNow().UtcDateTime);
        var system = await db.Systems.OrderBy(s => s.Name).FirstAsync();
        system.WithBusinessCase(system.Costs with { Licences = system.Costs.Licences + extraLicences }, system.ExpectedAnnualBenefit, system.IntendedUsers, system.RequiredRecoveryHours);
        await db.SaveChangesAsync();
    }

    /// <summary>The engine over the live inputs, as they stood when a review closed.</summary>
    private static async Task<Domain.Engine.Scorecard> LiveAsync(ReviewScenario scenario, Period quarter)
    {
        await using var db = scenario.Database.CreateContext();
        return new TranslationEngine().Calculate((await PortfolioStore.LoadAsync(db))!, quarter);
    }

    /// <summary>The pack's content (its sections), decoded; without the page's frame, whose circuit markers differ per request.</summary>
    private static async Task<string> PackHtmlAsync(HttpClient client, Guid review)
    {
        var page = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri($"/reviews/{review}/pack", UriKind.Relative)));
        var start = page.IndexOf("data-testid=\"review-pack\"", StringComparison.Ordinal);
        var end = page.LastIndexOf("</section>", StringComparison.Ordinal);
        start.Should().BeGreaterThan(0, "the pack renders");
        return page[start..end];
    }

    private static async Task<Dictionary<string, List<Dictionary<string, object?>>>> WorkbookAsync(HttpClient client, Guid review) =>
        Read(await client.GetByteArrayAsync(new Uri($"/reviews/{review}/pack.xlsx", UriKind.Relative)));

    private static Dictionary<string, List<Dictionary<string, object?>>> Read(byte[] workbook)
    {
        using var stream = new MemoryStream(workbook);
        return stream.GetSheetNames().ToDictionary(name => name, name =>
        {
            using var sheet = new MemoryStream(workbook);
            return sheet.Query(useHeaderRow: true, sheetName: name).Cast<IDictionary<string, object?>>().Select(r => new Dictionary<string, object?>(r)).ToList();
        });
    }
}
