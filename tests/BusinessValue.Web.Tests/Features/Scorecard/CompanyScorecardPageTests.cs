using System.Net;
using System.Text.RegularExpressions;
using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.DemoData;
using BusinessValue.Testing;
using BusinessValue.Web.Features.Scorecard;

namespace BusinessValue.Web.Tests.Features.Scorecard;

public sealed class CompanyScorecardPageTests
{
    private static string TextOf(string html, string testId) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"data-testid=\"{Regex.Escape(testId)}\"[^>]*>([^<]*)<").Groups[1].Value).Trim();

    [Fact]
    public async Task Get_DemoQuarter_ShowsTheEnginesFiguresForThatQuarter()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database);
        using var client = await app.CreateSignedInClientAsync();
        var expected = new TranslationEngine().Calculate(DemoPortfolio.Load(DateTime.UtcNow), Period.Parse("2026-Q3")).Portfolio;

        var html = await client.GetStringAsync(new Uri("/scorecard?period=2026-Q3", UriKind.Relative));

        foreach (var figure in expected.Figures.Where(f => f.Key is "technologySpend" or "valueRealised" or "valueLeaks" or "wasteRatio"
                     or "revenuePerHour" or "revenueDisrupted" or "disasterExposure" or "integrationEfficiency" or "processAutomation" or "adoption"))
        {
            TextOf(html, $"figure-{figure.Key}").Should().Be(FigureText.Format(figure, "USD"), figure.Label);
        }

        TextOf(html, "answer-green").Should().Contain("ERP").And.Contain("Inventory Management").And.Contain("Project Management");
        Regex.Matches(html, "data-testid=\"bubble\"").Should().HaveCount(12);
    }

    [Fact]
    public async Task Get_PeriodInTheAddressIsNonsense_FallsBackToTheLatestQuarter()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database);
        using var client = await app.CreateSignedInClientAsync();

        using var response = await client.GetAsync(new Uri("/scorecard?period=yesterday", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("2026-Q3 (2026-07 to 2026-09)");
    }

    [Fact]
    public async Task Get_SystemPage_PairsWhatItReportsWithTheBusinessFigure()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database);
        using var client = await app.CreateSignedInClientAsync();
        var portfolio = DemoPortfolio.Load(DateTime.UtcNow);
        var erp = portfolio.Systems.Single(s => s.Name == "ERP");
        var card = new TranslationEngine().Calculate(portfolio, Period.Parse("2026-Q3")).Systems.Single(s => s.SystemId == erp.Id);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri($"/systems/{erp.Id}?period=2026-Q3", UriKind.Relative)));

        html.Should().Contain("Green dashboard, red business").And.Contain("Suggested decision: Tolerate");
        html.Should().Contain("data-testid=\"appbar-demo\"", "every screen says the data is the demo");
        html.Should().Contain($"→ {FigureText.Format(card.RevenueDisrupted, "USD")} of revenue disrupted");
        html.Should().Contain("Order to cash (90% of its revenue stops without it)");
        html.Should().Contain("Order details re-keyed from CRM into ERP (", "its workarounds are listed with their department");
        html.Should().Contain("ERP to inventory stock updates: to Inventory Management, manual,", "manual integrations come first");
        html.IndexOf("ERP to inventory stock updates", StringComparison.Ordinal).Should()
            .BeLessThan(html.IndexOf("ERP nightly load into the warehouse", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_SystemPage_ShowsItsTrendOverEightQuartersWithTheEnginesFigures()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database);
        using var client = await app.CreateSignedInClientAsync();
        var portfolio = DemoPortfolio.Load(DateTime.UtcNow);
        var erp = portfolio.Systems.Single(s => s.Name == "ERP");
        var engine = new TranslationEngine();

        var html = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri($"/systems/{erp.Id}?period=2026-Q3", UriKind.Relative)));

        html.Should().Contain("Trends of this system over 8 quarters").And.Contain("data-testid=\"trend-money\"");
        foreach (var quarter in new[] { "2024-Q4", "2025-Q3", "2026-Q3" })
        {
            var card = engine.Calculate(portfolio, Period.Parse(quarter)).Systems.Single(s => s.SystemId == erp.Id);
            html.Should().MatchRegex($"<td>{quarter}</td>\\s*<td>{Regex.Escape(FigureText.Money(card.PeriodCost.Value!.Value, "USD"))}</td>",
                "each quarter's row shows the system's spend for that quarter");
        }
    }

    [Fact]
    public async Task Get_UnknownSystem_SaysSoInsteadOfFailing()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database);
        using var client = await app.CreateSignedInClientAsync();

        using var response = await client.GetAsync(new Uri($"/systems/{Guid.NewGuid()}", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("There is no such system");
    }

    [Fact]
    public async Task Get_HomePage_IsTheCompanyScorecard()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database);
        using var client = await app.CreateSignedInClientAsync();

        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        html.Should().Contain("Company scorecard").And.Contain("data-testid=\"gap-chart\"");
    }

    [Fact]
    public async Task Get_EmptyOrganisation_ShowsAnEmptyScorecardRatherThanAnError()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database).WithSetting(FirstStartOptions.LoadDemoDataKey, "false");
        using var client = await app.CreateSignedInClientAsync();

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("No process is linked to a system yet");
        TextOf(html, "figure-technologySpend").Should().Be("not enough data");
    }

    [Fact]
    public async Task Get_Departments_ShowsWhatEachLosesToWhichSystems()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database);
        using var client = await app.CreateSignedInClientAsync();
        var scorecard = new TranslationEngine().Calculate(DemoPortfolio.Load(DateTime.UtcNow), Period.Parse("2026-Q3"));
        var operations = scorecard.Departments.Single(d => d.Name == "Operations");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/departments?period=2026-Q3", UriKind.Relative)));

        Regex.Matches(html, "data-testid=\"department\"").Should().HaveCount(4);
        html.Should().Contain(FigureText.Format(operations.WorkaroundCost, "USD")).And.Contain("Inventory Management");
    }
}
