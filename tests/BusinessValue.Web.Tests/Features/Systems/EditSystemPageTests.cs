using System.Net;
using System.Text.RegularExpressions;
using BusinessValue.Domain.Organisation;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Testing;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Web.Tests.Features.Systems;

/// <summary>The edit page as the server first sends it: the demo ERP, from the database, in the reader's words and numbers.</summary>
public sealed class EditSystemPageTests
{
    private static string ValueOf(string html, string id) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"<input[^>]*id=\"{Regex.Escape(id)}\"[^>]*value=\"([^\"]*)\"").Groups[1].Value);

    private static async Task<string> EditPageOfErpAsync(BusinessValueAppFactory app, TestDatabase database, string acceptLanguage)
    {
        using var client = await app.CreateSignedInClientAsync(Roles.ItDirector);
        Guid erp;
        await using (var db = database.CreateContext())
        {
            erp = await db.Systems.Where(s => s.Name == "ERP").Select(s => s.Id).SingleAsync();
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/systems/{erp}/edit", UriKind.Relative));
        request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        using var response = await client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task Get_DemoErp_ShowsItsChoicesInWordsAndItsCostsGroupedInTheOrganisationsCurrency()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database);

        var html = await EditPageOfErpAsync(app, database, "en-US");

        ValueOf(html, "cost-licences").Should().Be("220,000");
        html.Should().Contain("Licences per year (USD)");
        // 220,000 + 80,000 + 100,000 + 0 = 400,000
        WebUtility.HtmlDecode(html).Should().Contain("Total cost of ownership: <strong>400,000 USD</strong> per year");
        html.Should().Contain("value=\"Maintains the status quo\"").And.NotContain("MaintainsStatusQuo").And.NotContain("220000.0");
    }

    [Fact]
    public async Task Get_OrganisationInEurosAndAGermanReader_ShowsEurosGroupedTheGermanWay()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database);
        using (await app.CreateSignedInClientAsync(Roles.ItDirector))
        {
            // Started and seeded with the demo; now the organisation keeps its books in euros.
        }

        await using (var db = database.CreateContext())
        {
            var organisation = await db.Organisation.SingleAsync();
            organisation.ChangeCurrencyAndCalendar(CurrencyCode.Parse("EUR"), organisation.FiscalYearStartMonth, DateTime.UtcNow);
            await db.SaveChangesAsync();
        }

        var html = await EditPageOfErpAsync(app, database, "de-DE");

        ValueOf(html, "cost-licences").Should().Be("220.000");
        html.Should().Contain("Licences per year (EUR)").And.NotContain("(USD)");
        WebUtility.HtmlDecode(html).Should().Contain("400.000 EUR");
    }
}
