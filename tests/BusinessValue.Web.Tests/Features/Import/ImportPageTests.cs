using System.Net;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Infrastructure.Spreadsheets;
using BusinessValue.Testing;

namespace BusinessValue.Web.Tests.Features.Import;

/// <summary>The import page as the server first sends it: what a file must hold, described from the one list of columns.</summary>
public sealed class ImportPageTests
{
    [Fact]
    public async Task Get_ItDirector_ShowsEveryColumnOfTheTableWithItsRangeAndTheConfiguredSizeLimit()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database).WithSetting(ImportOptions.MaxFileBytesKey, (5L * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var client = await app.CreateSignedInClientAsync(Roles.ItDirector);

        using var response = await client.GetAsync(new Uri("/import", UriKind.Relative));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("up to 5 MB");
        foreach (var column in ImportTables.Systems.Columns)
        {
            html.Should().Contain($"<td>{column.Heading}</td>").And.Contain(column.Description);
        }

        html.Should().Contain("href=\"/import/templates/systems.csv\"").And.Contain("href=\"/import/exports/systems.xlsx\"");
    }
}
