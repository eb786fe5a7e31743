using System.Net;
using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Infrastructure.DemoData;
using BusinessValue.Testing;
using BusinessValue.Web.Features.Scorecard;
using MiniExcelLibs;

namespace BusinessValue.Web.Tests.Features.Scorecard;

public sealed class ScorecardExportTests
{
    [Theory]
    [InlineData(Roles.Executive, "value leaks / technology spend")]
    [InlineData(Roles.Viewer, "(explanations are not shown to viewers)")]
    public async Task Get_ExcelExport_HoldsThePortfolioFiguresWithFormulasForRolesThatReadExplanations(string role, string formula)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database);
        using var client = await app.CreateSignedInClientAsync(role);
        var expected = new TranslationEngine().Calculate(DemoPortfolio.Load(DateTime.UtcNow), Period.Parse("2026-Q3"));

        using var response = await client.GetAsync(new Uri("/scorecard/export.xlsx?period=2026-Q3", UriKind.Relative));
        await using var workbook = new MemoryStream(await response.Content.ReadAsByteArrayAsync());

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be(ScorecardExport.ContentType);
        response.Content.Headers.ContentDisposition!.FileNameStar.Should().Be("scorecard-2026-Q3.xlsx");
        var portfolio = workbook.Query(useHeaderRow: true, sheetName: "Portfolio").Cast<IDictionary<string, object>>().ToList();
        var waste = portfolio.Single(r => (string)r["Figure"] == "Waste ratio");
        Convert.ToDecimal(waste["Value"], System.Globalization.CultureInfo.InvariantCulture).Should().BeApproximately(expected.Portfolio.WasteRatio.Value!.Value, 0.0000001m);
        waste["Formula"].Should().Be(formula);
        workbook.Position = 0;
        workbook.Query(useHeaderRow: true, sheetName: "Systems").Should().HaveCount(12);
    }

    [Fact]
    public async Task Get_ExcelExportOfAPartlyRecordedFiscalYear_MarksThinDataAndLabelsEveryFigureFromTheCatalogue()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database);
        using var client = await app.CreateSignedInClientAsync(Roles.Executive);

        // The demo's metrics end in 2026-09: FY2026 has 9 of its 12 months.
        using var response = await client.GetAsync(new Uri("/scorecard/export.xlsx?period=FY2026", UriKind.Relative));
        await using var workbook = new MemoryStream(await response.Content.ReadAsByteArrayAsync());

        var portfolio = workbook.Query(useHeaderRow: true, sheetName: "Portfolio").Cast<IDictionary<string, object>>().ToList();
        var disrupted = portfolio.Single(r => (string)r["Figure"] == FigureCatalogue.Portfolio.RevenueDisrupted.Label);
        ((string)disrupted["Data coverage"]).Should().StartWith("9 of 12 months recorded");
        disrupted["Partial data"].Should().Be("yes");
        portfolio.Single(r => (string)r["Figure"] == "Technology spend")["Partial data"].Should().Be("no");
        portfolio.Select(r => (string)r["Figure"]).Should().Equal(FigureCatalogue.PortfolioFigures.Select(f => f.Label));
        workbook.Position = 0;
        var system = workbook.Query(useHeaderRow: true, sheetName: "Systems").Cast<IDictionary<string, object>>().First();
        system.Keys.Should().Contain(FigureCatalogue.SystemFigures.Where(f => f.HasValue).Select(f => f.Label));
        ((string)system["Data coverage"]).Should().Be("9 of 12 months recorded");
    }
}
