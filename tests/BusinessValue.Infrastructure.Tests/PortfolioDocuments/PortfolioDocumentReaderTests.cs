using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.PortfolioDocuments;

namespace BusinessValue.Infrastructure.Tests.PortfolioDocuments;

public sealed class PortfolioDocumentReaderTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 12, 0, 0, DateTimeKind.Utc);

    private const string System1 = "00000000-0000-4000-8000-000000000001";
    private const string System2 = "00000000-0000-4000-8000-000000000002";

    private static string Document(string systems, string rest = "") => $$"""
        {
          "schemaVersion": 1,
          "organisation": { "name": "Acme", "currency": "EUR" },
          "systems": [{{systems}}]{{rest}}
        }
        """;

    private static string System(string id, string name, string fit = "supportsStrategy") =>
        $$"""{ "id": "{{id}}", "name": "{{name}}", "category": "ERP", "lifecycle": "active", "strategicFit": "{{fit}}", "costs": { "licences": 1000 } }""";

    [Fact]
    public void Read_ExportedPortfolio_ReadsBackToTheSameDocument()
    {
        var portfolio = SyntheticPortfolio.Generate(25, 4, seed: 7, new YearMonth(2026, 9));
        var json = PortfolioDocumentWriter.ToJson(portfolio);

        var result = PortfolioDocumentReader.Read(json, Now);

        result.Problems.Should().BeEmpty();
        PortfolioDocumentWriter.ToJson(result.Portfolio!).Should().Be(json);
    }

    [Fact]
    public void Read_SmallValidDocument_GivesItsPortfolio()
    {
        var result = PortfolioDocumentReader.Read(Document(System(System1, "ERP")), Now);

        result.IsValid.Should().BeTrue();
        result.Portfolio!.Organisation.Currency.Code.Should().Be("EUR");
        result.Portfolio.Systems.Single().TotalCostOfOwnership.Should().Be(1_000m);
    }

    [Fact]
    public void Read_SeveralMistakes_ReportsEveryOneWithItsPath()
    {
        var json = Document(
            System(System1, "ERP") + "," + System(System2, "erp", fit: "core"),
            $$"""
            ,
            "metrics": [
              { "systemId": "{{System1}}", "month": "2026-07", "uptimePercent": 101 },
              { "systemId": "00000000-0000-4000-8000-000000000099", "month": "2026-13" }
            ],
            "workarounds": [
              { "id": "00000000-0000-4000-8000-000000000010", "description": "Re-keying", "kind": "spreadsheet", "status": "removed", "systemIds": ["{{System1}}"] }
            ]
            """);

        var result = PortfolioDocumentReader.Read(json, Now);

        result.Portfolio.Should().BeNull();
        result.Problems.Select(p => p.ToString()).Should().BeEquivalentTo(
            "$.systems[1].strategicFit: 'core' is not one of supportsStrategy, maintainsStatusQuo, legacy.",
            "$.systems[1].name: another system is already called 'erp'.",
            "$.metrics[0]: Uptime %: must be a percentage between 0 and 100 (it is 101).",
            "$.metrics[1].systemId: 00000000-0000-4000-8000-000000000099 is not a system in this document.",
            "$.metrics[1].month: must be a month written YYYY-MM, such as 2026-07 (it is '2026-13').",
            "$.workarounds[0].removedOn: is required when the status is removed: from which day does it cost nothing?");
    }

    [Fact]
    public void Read_NotJson_SaysWhereItBroke()
    {
        var result = PortfolioDocumentReader.Read("{ \"schemaVersion\": 1, \"organisation\": { \"name\": \"Acme\" ", Now);

        result.Problems.Should().ContainSingle().Which.Reason.Should().Contain("line 1");
    }

    [Fact]
    public void Read_AnotherSchemaVersion_IsRefusedAndSaysWhichItSupports()
    {
        var result = PortfolioDocumentReader.Read("""{ "schemaVersion": 2, "organisation": { "name": "Acme" } }""", Now);

        result.Problems.Should().ContainSingle().Which.ToString().Should().StartWith("$.schemaVersion: must be 1; this document says 2.");
    }

    [Fact]
    public void Read_UnknownProperty_IsRefusedRatherThanIgnored()
    {
        var result = PortfolioDocumentReader.Read(Document(System(System1, "ERP")).Replace("\"currency\": \"EUR\"", "\"currency\": \"EUR\", \"colour\": \"blue\"", StringComparison.Ordinal), Now);

        result.Problems.Should().ContainSingle().Which.Reason.Should().Contain("colour");
    }

    [Fact]
    public void Read_WrongType_NamesThePath()
    {
        var result = PortfolioDocumentReader.Read(Document(System(System1, "ERP")).Replace("\"licences\": 1000", "\"licences\": \"lots\"", StringComparison.Ordinal), Now);

        result.Problems.Should().ContainSingle().Which.Path.Should().Be("$.systems[0].costs.licences");
    }

    [Fact]
    public void Read_NullListsAndEntries_AreReportedNotFatal()
    {
        var result = PortfolioDocumentReader.Read(
            $$"""{ "schemaVersion": 1, "organisation": { "name": "Acme" }, "departments": null, "systems": [null, {{System(System1, "ERP")}}], "metrics": [null] }""", Now);

        // A null list is not an empty one: the document probably lost something on the way (issue 14).
        result.Problems.Select(p => p.ToString()).Should().BeEquivalentTo(
            "$.departments: must be a list: write [] when there is none (it is null).", "$.systems[0]: is empty.", "$.metrics[0]: is empty.");
    }
}
