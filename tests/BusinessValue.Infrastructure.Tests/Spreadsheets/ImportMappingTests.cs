using BusinessValue.Domain.Metrics;
using BusinessValue.Infrastructure.Spreadsheets;

namespace BusinessValue.Infrastructure.Tests.Spreadsheets;

public sealed class ImportMappingTests
{
    [Fact]
    public void Guess_CmdbExportHeadings_MapsAliasesToOurColumns()
    {
        var mapping = ImportMapping.Guess(ImportKind.Systems, ["CI Name", "Class", "Manufacturer", "install_status", "Licence Cost", "Comments"]);

        mapping.Columns.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["CI Name"] = "name",
            ["Class"] = "category",
            ["Manufacturer"] = "vendor",
            ["install_status"] = "lifecycle",
            ["Licence Cost"] = "licenceCost",
        });
    }

    [Fact]
    public void Guess_ExactHeadingAndAlias_ExactHeadingWinsAndEachColumnIsFilledOnce()
    {
        var mapping = ImportMapping.Guess(ImportKind.Departments, ["Cost centre", "Department name", "FTE"]);

        mapping.Columns.Should().BeEquivalentTo(new Dictionary<string, string> { ["Department name"] = "name", ["FTE"] = "headcount" });
    }

    [Fact]
    public void Guess_MetricsHeadings_ComeFromTheMeasures()
    {
        var mapping = ImportMapping.Guess(ImportKind.Metrics, ["Application", "Month", Measures.Uptime.Name, Measures.Downtime.Key, "P1 tickets"]);

        mapping.Columns.Values.Should().BeEquivalentTo("system", "month", Measures.Uptime.Key, Measures.Downtime.Key, "p1Count");
    }

    [Fact]
    public void Guess_WithAPreset_ThePresetsEntriesComeFirst()
    {
        var preset = new ImportMapping(ImportKind.Systems, new Dictionary<string, string> { ["Name"] = "businessOwner", ["Asset tag"] = "name" });

        var mapping = ImportMapping.Guess(ImportKind.Systems, ["Asset tag", "Name", "Type"], preset);

        mapping.Columns.Should().BeEquivalentTo(new Dictionary<string, string> { ["Asset tag"] = "name", ["Name"] = "businessOwner", ["Type"] = "category" });
    }
}
