using System.Net;
using System.Text;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Infrastructure.Spreadsheets;
using BusinessValue.Testing;
using MiniExcelLibs;

namespace BusinessValue.Web.Tests.Features.Import;

public sealed class SpreadsheetDownloadsTests
{
    [Fact]
    public async Task Get_TemplateAndExportOfSystems_AreFilesWithOurHeadingsThatNoCacheKeeps()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database);
        using var client = await app.CreateSignedInClientAsync(Roles.ItDirector);

        using var template = await client.GetAsync(new Uri("/import/templates/systems.csv", UriKind.Relative));
        using var export = await client.GetAsync(new Uri("/import/exports/metrics.xlsx", UriKind.Relative));

        template.StatusCode.Should().Be(HttpStatusCode.OK);
        template.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        template.Headers.CacheControl!.NoStore.Should().BeTrue();
        template.Content.Headers.ContentDisposition!.FileNameStar.Should().Be("systems-template.csv");
        var headings = Encoding.UTF8.GetString(await template.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split('\n')[0];
        headings.Should().StartWith(string.Join(',', ImportTables.Systems.Columns.Take(3).Select(c => c.Heading)));

        export.StatusCode.Should().Be(HttpStatusCode.OK);
        export.Headers.CacheControl!.NoStore.Should().BeTrue();
        await using var workbook = new MemoryStream(await export.Content.ReadAsByteArrayAsync());
        // The demo records 12 systems over 24 months: 288 rows, each a system and a month.
        var rows = workbook.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        rows.Should().HaveCount(288);
        rows[0].Keys.Should().Contain(["System", "Month"]);
    }

    [Theory]
    [InlineData("/import/templates/invoices.csv")]
    [InlineData("/import/exports/systems.pdf")]
    public async Task Get_UnknownTableOrFormat_IsNotFound(string address)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database);
        using var client = await app.CreateSignedInClientAsync(Roles.Administrator);

        using var response = await client.GetAsync(new Uri(address, UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
