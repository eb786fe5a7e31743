using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Organisation;
using BusinessValue.Domain.Integrations;
using BusinessValue.Domain.Metrics;
using BusinessValue.Domain.Periods;
using BusinessValue.Domain.Systems;

namespace BusinessValue.Domain.Tests.Engine;

/// <summary>
/// The spec's public acceptance scenario, the manufacturing company of the article, for FY2026 with the
/// default assumptions. docs/formulas.md#worked-example-the-manufacturing-company walks through the same numbers.
/// </summary>
public sealed class AcceptanceScenarioTests
{
    private static readonly TicketStats NoTickets = new(0, null, null);
    private readonly PortfolioBuilder _builder = new();
    private readonly ItSystem _erp;
    private readonly ItSystem _inventory;
    private readonly ItSystem _crm;
    private readonly ItSystem _projects;
    private readonly Scorecard _scorecard;

    public AcceptanceScenarioTests()
    {
        _erp = _builder.System("ERP", annualCost: 400_000m);
        _inventory = _builder.System("Inventory", annualCost: 120_000m);
        _crm = _builder.System("CRM", annualCost: 250_000m, fit: StrategicFit.SupportsStrategy);
        // The new project management system: 60,000 a year (our assumption), meant for 200 people, used by 60 (30%).
        _projects = _builder.System("Project management", annualCost: 60_000m, fit: StrategicFit.SupportsStrategy, intendedUsers: 200);

        _builder.Integration(_erp, _inventory, IntegrationMode.Manual, transfersPerMonth: 2_000m, minutes: 6m);
        _builder.Workaround("Rush shipping and overtime", people: 0, hours: 0m, directCost: 300_000m, null, _erp, _inventory);

        foreach (var month in Period.Parse("FY2026").EachMonth())
        {
            foreach (var system in new[] { _erp, _inventory, _crm, _projects })
            {
                // Technically perfect: 99.9% uptime on a 99.9% target, fully patched, tickets inside SLA, backups done.
                _builder.Metrics(new MonthlyMetrics(system.Id, month)
                {
                    UptimePercent = 99.9m, SlaUptimeTargetPercent = 99.9m, PatchCompliancePercent = 100m,
                    TicketSlaAttainmentPercent = 100m, BackupSuccessPercent = 100m, BlockedWorkHours = 0m,
                    P1 = NoTickets, P2 = NoTickets, P3 = NoTickets, P4 = NoTickets,
                    ActiveUsers = system == _projects ? 60 : null,
                });
            }
        }

        _scorecard = new TranslationEngine().Calculate(_builder.Build(), Period.Parse("FY2026"));
    }

    private SystemScorecard Card(ItSystem system) => _scorecard.Systems.Single(s => s.SystemId == system.Id);

    [Fact]
    public void Scorecard_EverySystem_IsTechnicallyGreen() =>
        _scorecard.Systems.Should().OnlyContain(s => s.TechnicalHealth.Value >= 90m);

    [Fact]
    public void Scorecard_ErpInventoryAndProjectSystem_AreGreenDashboardRedBusiness()
    {
        // ERP: leaks 150,000 (half the workaround) + 60,000 (half of 12 × 2,000 × 6/60 × 50 = 120,000) = 210,000
        //      leak score 100 − 210,000/400,000 × 100 = 47.5; status quo fit 50 → (47.5 + 50) / 2 = 48.75
        Card(_erp).ValueLeaks.Value.Should().Be(210_000m);
        Card(_erp).ProductivityLoss.Value.Should().Be(0m, "no tickets were recorded as zero tickets");
        Card(_erp).BusinessValue.Value.Should().Be(48.75m);
        // Inventory: the same 210,000 against 120,000 → leak score clamped at 0; fit 50 → 25
        Card(_inventory).BusinessValue.Value.Should().Be(25m);
        // Project system: adoption 60/200 = 0.3, unused spend 60,000 × 0.7 = 42,000 → leak score 30;
        //                 (30 + 30 + fit 100) / 3 = 53.33…
        Card(_projects).UnusedSpend.Value.Should().Be(42_000m);
        Card(_projects).BusinessValue.Value.Should().Be(160m / 3m);

        new[] { _erp, _inventory, _projects }.Select(s => Card(s).Quadrant)
            .Should().AllBeEquivalentTo(Quadrant.GreenDashboardRedBusiness);
        Card(_crm).Quadrant.Should().Be(Quadrant.Delivering);
    }

    [Fact]
    public void Scorecard_WasteRatio_ShowsItsPartsBesideTheThirtyPercentBenchmark()
    {
        var portfolio = _scorecard.Portfolio;

        portfolio.TechnologySpend.Value.Should().Be(830_000m);       // 400,000 + 120,000 + 250,000 + 60,000
        _scorecard.MoneyOf(portfolio.TechnologySpend).Should().Be(new Money(830_000m, CurrencyCode.Default));
        _scorecard.MoneyOf(portfolio.WasteRatio).Should().BeNull("a ratio is not money");
        portfolio.WorkaroundCost.Value.Should().Be(300_000m);
        portfolio.ManualIntegrationCost.Value.Should().Be(120_000m);
        portfolio.UnusedSpend.Value.Should().Be(42_000m);
        portfolio.ValueLeaks.Value.Should().Be(462_000m);            // 42,000 + 300,000 + 120,000
        portfolio.WasteRatio.Value.Should().Be(462_000m / 830_000m); // 55.7%
        portfolio.WasteBenchmark.Should().Be(0.30m);
        portfolio.WasteRatio.Why.Inputs.Select(i => i.Name).Should().Contain(["Value leaks", "Technology spend"]);
        portfolio.IntegrationEfficiency.Value.Should().Be(0m);
    }

    [Fact]
    public void Scorecard_EveryFigure_CarriesItsFormulaAndDocumentation()
    {
        var figures = _scorecard.Systems.SelectMany(s => s.Figures).Concat(_scorecard.Portfolio.Figures);

        figures.Should().OnlyContain(f => f.Why.Formula.Length > 0 && f.Why.DocsAnchor.StartsWith("docs/formulas.md#", StringComparison.Ordinal) && f.Why.Period == "FY2026");
    }
}
