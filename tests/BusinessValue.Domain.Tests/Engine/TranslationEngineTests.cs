using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Integrations;
using BusinessValue.Domain.Metrics;
using BusinessValue.Domain.Organisation;
using BusinessValue.Domain.Systems;

namespace BusinessValue.Domain.Tests.Engine;

/// <summary>Every formula of docs/formulas.md with its arithmetic written out.</summary>
public sealed class TranslationEngineTests
{
    private static SystemScorecard Only(Scorecard scorecard, ItSystem system) => scorecard.Systems.Single(s => s.SystemId == system.Id);

    /// <summary>Order to cash: 5,200,000 / (50 h × 52) = 2,000 per operating hour. Field service: 8,736,000 / (168 × 52) = 1,000.</summary>
    private static (PortfolioBuilder Builder, ItSystem Erp) ErpCarryingRevenue()
    {
        var builder = new PortfolioBuilder();
        var erp = builder.System("ERP", annualCost: 400_000m);
        builder.DependsOn(builder.Process("Order to cash", 5_200_000m, 50m), erp, 0.5m)
               .DependsOn(builder.Process("Field service", 8_736_000m, 168m), erp, 1m);
        return (builder, erp);
    }

    [Fact]
    public void Calculate_RevenuePerHour_SumsEachProcessRevenuePerOperatingHourTimesItsShare()
    {
        var (builder, erp) = ErpCarryingRevenue();

        var card = Only(builder.Calculate("2026-07"), erp);

        // 2,000 × 0.5 + 1,000 × 1 = 2,000
        card.RevenuePerHour.Value.Should().Be(2_000m);
        card.RevenuePerHour.Why.Inputs.Should().Contain(i => i.Symbol == "r" && i.Name == "Order to cash" && i.Value == 2_000m);
    }

    [Fact]
    public void Calculate_SystemNoProcessDependsOn_CarriesNoRevenue()
    {
        var builder = new PortfolioBuilder();
        var wiki = builder.System("Wiki");

        Only(builder.Calculate("2026-07"), wiki).RevenuePerHour.Value.Should().Be(0m);
    }

    [Fact]
    public void Calculate_NinetyMinutesDown_DisruptsOneAndAHalfHoursOfRevenue()
    {
        var (builder, erp) = ErpCarryingRevenue();
        builder.Metrics(erp, "2026-07", m => new MonthlyMetrics(m.SystemId, m.Month) { DowntimeMinutes = 90m });

        var card = Only(builder.Calculate("2026-07"), erp);

        // 90 / 60 × 2,000 = 3,000
        card.RevenueDisrupted.Value.Should().Be(3_000m);
        card.RevenueDisrupted.Why.Formula.Should().Be("D/60 × RPH");
        card.RevenueDisrupted.Why.DocsAnchor.Should().Be("docs/formulas.md#revenue-disrupted-by-downtime");
        card.RevenueDisrupted.Why.Period.Should().Be("2026-07");
    }

    [Fact]
    public void Calculate_TwoHoursOfSlowPeaks_LosesTheAbandonedShareOfTheirRevenue()
    {
        var (builder, erp) = ErpCarryingRevenue();
        builder.Metrics(erp, "2026-07", m => new MonthlyMetrics(m.SystemId, m.Month) { PeakDegradedMinutes = 120m });

        var card = Only(builder.Calculate("2026-07"), erp);

        // 120 / 60 × 2,000 × 0.10 = 400, on the default abandonment factor
        card.RevenueLostToSlowPeaks.Value.Should().Be(400m);
        card.RevenueLostToSlowPeaks.Why.UsesDefaultAssumption.Should().BeTrue();
        card.RevenueLostToSlowPeaks.Why.Inputs.Should().Contain(i => i.Symbol == "f" && i.Source == "default assumption");
    }

    [Fact]
    public void Calculate_Tickets_WeighResolutionHoursByUsersAndBlockingFactor()
    {
        var builder = new PortfolioBuilder();
        var crm = builder.System("CRM");
        builder.Metrics(crm, "2026-07", m => new MonthlyMetrics(m.SystemId, m.Month)
        {
            P1 = new TicketStats(2, 6m, 10m),   // 2 × (6/2) × 10 × 1.0 = 60 hours
            P2 = new TicketStats(0, null, null), // none this month: 0
            P3 = new TicketStats(10, 20m, 1m),  // 10 × (20/10) × 1 × 0.2 = 4 hours
        });

        var card = Only(builder.Calculate("2026-07"), crm);

        card.ProductivityLostHours.Value.Should().Be(64m);
        card.ProductivityLostHours.Why.Inputs.Should().Contain(i => i.Symbol == "users×hours_P1" && i.Value == 60m)
            .And.Contain(i => i.Symbol == "count_P3" && i.Value == 10m);
        card.ProductivityLoss.Value.Should().Be(3_200m); // 64 × 50
    }

    [Fact]
    public void Calculate_TwelveHoursBlockedBySecurityPolicy_CostsTwelveHoursOfLabour()
    {
        var builder = new PortfolioBuilder();
        var files = builder.System("File sharing");
        builder.Metrics(files, "2026-07", m => new MonthlyMetrics(m.SystemId, m.Month) { BlockedWorkHours = 12m });

        Only(builder.Calculate("2026-07"), files).BlockedWorkCost.Value.Should().Be(600m); // 12 × 50
    }

    [Fact]
    public void Calculate_NinetyFivePercentPatched_PutsFivePercentOfRevenuePerHourOnUnpatchedParts()
    {
        var (builder, erp) = ErpCarryingRevenue();
        builder.Metrics(erp, "2026-07", m => new MonthlyMetrics(m.SystemId, m.Month) { PatchCompliancePercent = 95m });

        Only(builder.Calculate("2026-07"), erp).RevenuePerHourUnpatched.Value.Should().Be(100m); // 2,000 × (1 − 0.95)
    }

    [Fact]
    public void Calculate_RecoveryMeasuredInSixHours_ExposesSixHoursOfRevenue()
    {
        var (builder, erp) = ErpCarryingRevenue();
        builder.RestoreTest(erp, new DateOnly(2026, 7, 10), passed: true, hours: 6m);

        var card = Only(builder.Calculate("2026-07"), erp);

        card.DisasterExposure.Value.Should().Be(12_000m); // 2,000 × 6
        card.DisasterExposure.Why.UsesDefaultAssumption.Should().BeFalse();
        card.Readiness.Should().Be(RecoveryReadiness.Verified);
    }

    [Fact]
    public void Calculate_NoRestoreTest_AssumesSeventyTwoHoursAndSaysSo()
    {
        var (builder, erp) = ErpCarryingRevenue();

        var card = Only(builder.Calculate("2026-07"), erp);

        card.DisasterExposure.Value.Should().Be(144_000m); // 2,000 × 72
        card.DisasterExposure.Why.UsesDefaultAssumption.Should().BeTrue();
        card.Readiness.Should().Be(RecoveryReadiness.Unverified);
    }

    [Theory]
    [InlineData("2026-09-20", true, 2.0, null, RecoveryReadiness.Verified)]   // 10 days before the period's end
    [InlineData("2026-07-03", true, 2.0, null, RecoveryReadiness.Verified)]   // 89 days before 2026-09-30
    [InlineData("2026-07-02", true, 2.0, null, RecoveryReadiness.Unverified)] // 90 days: outside the window
    [InlineData("2026-09-20", false, 2.0, null, RecoveryReadiness.Failing)]   // the latest test failed
    [InlineData("2026-09-20", true, 10.0, 4.0, RecoveryReadiness.Failing)]    // passed, but slower than required
    [InlineData("2026-09-20", true, 3.0, 4.0, RecoveryReadiness.Verified)]    // passed within the required time
    public void Calculate_LatestRestoreTest_DecidesRecoveryReadiness(string testedOn, bool passed, double hours, double? required, RecoveryReadiness expected)
    {
        var builder = new PortfolioBuilder();
        var erp = builder.System("ERP", requiredRecoveryHours: (decimal?)required);
        builder.RestoreTest(erp, DateOnly.Parse(testedOn, System.Globalization.CultureInfo.InvariantCulture), passed, (decimal)hours);

        Only(builder.Calculate("2026-Q3"), erp).Readiness.Should().Be(expected);
    }

    [Fact]
    public void Calculate_TestAfterThePeriod_IsNotUsedForThatPeriod()
    {
        var builder = new PortfolioBuilder();
        var erp = builder.System("ERP");
        builder.RestoreTest(erp, new DateOnly(2026, 6, 1), passed: false, hours: null)
               .RestoreTest(erp, new DateOnly(2026, 10, 5), passed: true, hours: 1m);

        Only(builder.Calculate("2026-Q3"), erp).Readiness.Should().Be(RecoveryReadiness.Failing);
    }

    [Fact]
    public void Calculate_SixtyOfTwoHundredUsers_PaysSeventyPercentOfTheSpendForNothing()
    {
        var builder = new PortfolioBuilder();
        var pm = builder.System("Project management", annualCost: 60_000m, intendedUsers: 200, benefit: 240_000m);
        builder.Metrics(pm, "2026-07", m => new MonthlyMetrics(m.SystemId, m.Month) { ActiveUsers = 50 })
               .Metrics(pm, "2026-08", m => new MonthlyMetrics(m.SystemId, m.Month) { ActiveUsers = 70 })
               .Metrics(pm, "2026-09", m => new MonthlyMetrics(m.SystemId, m.Month) { UptimePercent = 99.9m }); // no user count: left out of the mean

        var card = Only(builder.Calculate("2026-Q3"), pm);

        card.Adoption.Value.Should().Be(0.3m);               // mean(50, 70) = 60; 60 / 200
        card.UnusedSpend.Value.Should().Be(10_500m);         // 60,000 × 3/12 × (1 − 0.3)
        card.ValueRealised.Value.Should().Be(18_000m);       // 240,000 × 3/12 × 0.3
    }

    [Fact]
    public void Calculate_WorkaroundSharedByTwoSystems_IsSplitEquallyAndCountedOnceInTotals()
    {
        var builder = new PortfolioBuilder();
        var erp = builder.System("ERP");
        var inventory = builder.System("Inventory");
        var operations = builder.Department("Operations", rate: 40m);
        builder.Workaround("Re-keying orders", people: 3, hours: 5m, directCost: 1_200m, operations, erp, inventory);

        var scorecard = builder.Calculate("2026-Q3");

        // 3 × 5 × 46 × 40 × 3/12 = 6,900; plus 1,200 × 3/12 = 300; 7,200 in all, 3,600 each
        Only(scorecard, erp).WorkaroundCost.Value.Should().Be(3_600m);
        Only(scorecard, erp).WorkaroundCost.Why.Inputs.Should().Contain(i => i.Name.Contains("3 people × 5 hours a week at 40 USD an hour, plus 1,200 USD a year direct", StringComparison.Ordinal) && i.Value == 3_600m);
        Only(scorecard, inventory).WorkaroundCost.Value.Should().Be(3_600m);
        scorecard.Portfolio.WorkaroundCost.Value.Should().Be(7_200m);
        scorecard.Departments.Single().WorkaroundCost.Value.Should().Be(7_200m);
    }

    [Fact]
    public void Calculate_WorkaroundLinkedToNoSystem_CountsInTotalsAndItsDepartmentOnly()
    {
        var builder = new PortfolioBuilder();
        var erp = builder.System("ERP");
        var sales = builder.Department("Sales");
        builder.Workaround("Quotes in spreadsheets", people: 2, hours: 3m, directCost: 0m, sales);

        var scorecard = builder.Calculate("2026-07");

        // 2 × 3 × 46 × 50 × 1/12 = 1,150
        Only(scorecard, erp).WorkaroundCost.Value.Should().Be(0m);
        scorecard.Portfolio.WorkaroundCost.Value.Should().Be(1_150m);
        scorecard.Departments.Single().WorkaroundCost.Value.Should().Be(1_150m);
    }

    [Fact]
    public void Calculate_WorkaroundRemovedMidAugust_CostsNothingFromItsRemovalDay()
    {
        var builder = new PortfolioBuilder();
        var erp = builder.System("ERP");
        builder.Workaround("Re-keying orders", people: 3, hours: 5m, directCost: 0m, null, erp).RemovedFrom(new DateOnly(2026, 8, 16));

        var scorecard = builder.Calculate("2026-Q3");

        // 3 × 5 × 46 × 50 = 34,500 a year, 2,875 a month: all of July, 15 of August's 31 days, nothing in September
        var expected = 2_875m + (2_875m * 15m / 31m);
        scorecard.Portfolio.WorkaroundCost.Value.Should().BeApproximately(expected, 0.000001m);
    }

    [Fact]
    public void Calculate_WorkaroundRemovedBeforeThePeriod_CostsNothing()
    {
        var builder = new PortfolioBuilder();
        var erp = builder.System("ERP");
        builder.Workaround("Re-keying orders", people: 3, hours: 5m, directCost: 500m, null, erp).RemovedFrom(new DateOnly(2026, 7, 1));

        builder.Calculate("2026-Q3").Portfolio.WorkaroundCost.Value.Should().Be(0m);
    }

    [Theory]
    [InlineData(IntegrationMode.Manual, 15_000)]       // 3 × 2,000 × 6/60 × 50 × 1.0 = 30,000, half to each system
    [InlineData(IntegrationMode.SemiAutomated, 7_500)] // × 0.5
    [InlineData(IntegrationMode.Automated, 0)]
    public void Calculate_IntegrationByMode_CostsItsManualMinutes(IntegrationMode mode, int perSystem)
    {
        var builder = new PortfolioBuilder();
        var erp = builder.System("ERP");
        var inventory = builder.System("Inventory");
        builder.Integration(erp, inventory, mode, transfersPerMonth: 2_000m, minutes: 6m);

        var scorecard = builder.Calculate("2026-Q3");

        Only(scorecard, erp).ManualIntegrationCost.Value.Should().Be(perSystem);
        Only(scorecard, inventory).ManualIntegrationCost.Value.Should().Be(perSystem);
        scorecard.Portfolio.ManualIntegrationCost.Value.Should().Be(perSystem * 2);
    }

    [Fact]
    public void Calculate_IntegrationEfficiency_IsTheAutomatedShareOfVolume()
    {
        var builder = new PortfolioBuilder();
        var erp = builder.System("ERP");
        var crm = builder.System("CRM");
        var shop = builder.System("Shop");
        builder.Integration(shop, erp, IntegrationMode.Automated, 3_000m, 0m);
        builder.Integration(crm, erp, IntegrationMode.Manual, 1_000m, 4m);

        var scorecard = builder.Calculate("2026-07");

        scorecard.Portfolio.IntegrationEfficiency.Value.Should().Be(0.75m); // 3,000 / (3,000 + 1,000)
        Only(scorecard, crm).IntegrationEfficiency.Value.Should().Be(0m);
        Only(scorecard, shop).IntegrationEfficiency.Value.Should().Be(1m);
    }

    [Fact]
    public void Calculate_ProcessAutomation_WeighsRemovedWorkByItsAnnualCostWhenRecorded()
    {
        var builder = new PortfolioBuilder();
        var erp = builder.System("ERP");
        var inventory = builder.System("Inventory");
        builder.Workaround("Re-keying", 3, 5m, 0m, null, erp).RemovedFrom(new DateOnly(2026, 5, 1)); // 34,500 a year, removed
        builder.Workaround("Stock sheet", 0, 0m, 10_000m, null, inventory);                         // 10,000 a year, open
        builder.Integration(erp, inventory, IntegrationMode.Automated, 2_000m, 6m, firstMode: IntegrationMode.Manual); // 120,000, now automated
        builder.Integration(inventory, erp, IntegrationMode.SemiAutomated, 100m, 12m);                // 12 × 100 × 12/60 × 50 × 0.5 = 6,000, unchanged

        var automation = builder.Calculate("2026-Q3").Portfolio.ProcessAutomation;

        // removed 34,500 + 120,000 = 154,500 of 34,500 + 10,000 + 120,000 + 6,000 = 170,500
        automation.Value.Should().Be(154_500m / 170_500m);
    }

    [Fact]
    public void Calculate_NetValueAndRoi_TakeLeaksAndTheMarginOnLostRevenue()
    {
        var builder = new PortfolioBuilder();
        var shop = builder.System("Shop", annualCost: 120_000m, fit: StrategicFit.SupportsStrategy, intendedUsers: 100, benefit: 600_000m);
        builder.DependsOn(builder.Process("Online sales", 5_200_000m, 50m), shop, 1m); // 2,000 per hour
        builder.Metrics(shop, "2026-07", m => new MonthlyMetrics(m.SystemId, m.Month) { DowntimeMinutes = 60m, ActiveUsers = 100, BlockedWorkHours = 10m });

        var card = Only(builder.Calculate("2026-07"), shop);

        // value realised 600,000 × 1/12 × 1 = 50,000; leaks: unused 0 + blocked 10 × 50 = 500
        // lost revenue 60/60 × 2,000 = 2,000, × margin 0.30 = 600; net 50,000 − 500 − 600 = 48,900
        card.ValueLeaks.Value.Should().Be(500m);
        card.NetValue.Value.Should().Be(48_900m);
        card.Roi.Value.Should().Be(48_900m / 10_000m); // period cost 120,000 / 12 = 10,000
    }

    [Fact]
    public void Calculate_Scores_AverageWhatIsKnownAndPickTheQuadrant()
    {
        var builder = new PortfolioBuilder();
        var shop = builder.System("Shop", annualCost: 120_000m, fit: StrategicFit.SupportsStrategy, intendedUsers: 100, benefit: 600_000m);
        builder.Metrics(shop, "2026-07", m => new MonthlyMetrics(m.SystemId, m.Month)
        {
            UptimePercent = 99.5m, SlaUptimeTargetPercent = 99.9m, TicketSlaAttainmentPercent = 50m, PatchCompliancePercent = 40m,
            ActiveUsers = 100, Satisfaction = 4m,
        });

        var card = Only(builder.Calculate("2026-07"), shop);

        // technical: uptime 99.5/99.9 × 100 = 99.5995…, ticket SLA 50, patch 40, backup missing → mean of three ≈ 63.2
        var uptime = 99.5m / 99.9m * 100m;
        card.TechnicalHealth.Value.Should().Be((uptime + 50m + 40m) / 3m);
        // Backup success is flagged as missing; every part that was recorded is not (whatever other measures score health).
        card.TechnicalHealth.Why.Missing.Should().Contain("backup success").And.NotContain(["uptime (mean)", "uptime SLA target (mean)", "tickets resolved within SLA", "patch compliance"]);
        // business: ROI 50,000 / 10,000 = 5 → 100; adoption 100; leaks 0 → 100; fit 100; satisfaction (4 − 1)/4 × 100 = 75
        card.BusinessValue.Value.Should().Be(95m);
        card.Quadrant.Should().Be(Quadrant.ValuableButFragile);
        card.SuggestedDecision.Should().Be(TimeDecision.Migrate);
    }

    [Fact]
    public void Calculate_NoMetricsAtAll_LeavesFiguresMissingInsteadOfZero()
    {
        var (builder, erp) = ErpCarryingRevenue();

        var card = Only(builder.Calculate("2026-Q3"), erp);

        card.RevenueDisrupted.Value.Should().BeNull();
        card.RevenueDisrupted.Why.Missing.Should().Contain("unplanned downtime in operating hours");
        card.ProductivityLostHours.Value.Should().BeNull();
        card.TechnicalHealth.Value.Should().BeNull();
        card.Quadrant.Should().BeNull();
        card.SuggestedDecision.Should().BeNull();
    }

    [Fact]
    public void Calculate_QuarterWithAMissingMonth_AddsCountsAndAveragesPercentagesOfTheMonthsThatHaveThem()
    {
        var (builder, erp) = ErpCarryingRevenue();
        builder.Metrics(erp, "2026-07", m => new MonthlyMetrics(m.SystemId, m.Month) { DowntimeMinutes = 30m, UptimePercent = 99.0m, SlaUptimeTargetPercent = 99.0m })
               .Metrics(erp, "2026-08", m => new MonthlyMetrics(m.SystemId, m.Month) { DowntimeMinutes = null, UptimePercent = null })
               .Metrics(erp, "2026-09", m => new MonthlyMetrics(m.SystemId, m.Month) { DowntimeMinutes = 60m, UptimePercent = 97.0m, SlaUptimeTargetPercent = 99.0m });

        var card = Only(builder.Calculate("2026-Q3"), erp);

        card.RevenueDisrupted.Value.Should().Be(3_000m); // (30 + 60) / 60 × 2,000; August missing, not zero
        card.TechnicalHealth.Value.Should().Be(98m / 99m * 100m); // mean uptime 98 against mean SLA 99
    }

    [Fact]
    public void Calculate_AssumptionsSetToTheirDefaultValues_AreNoLongerFlaggedAsDefaults()
    {
        var (builder, erp) = ErpCarryingRevenue();
        builder.Metrics(erp, "2026-07", m => new MonthlyMetrics(m.SystemId, m.Month) { PeakDegradedMinutes = 60m });
        Only(builder.Calculate("2026-07"), erp).RevenueLostToSlowPeaks.Why.UsesDefaultAssumption.Should().BeTrue("nobody has set the assumptions yet");

        // Someone reviews the assumptions and keeps the shipped values: they are now the organisation's.
        builder.Organisation.ChangeAssumptions(Assumptions.Default, PortfolioBuilder.Now);
        var card = Only(builder.Calculate("2026-07"), erp);

        card.RevenueLostToSlowPeaks.Value.Should().Be(200m); // 60/60 × 2,000 × 0.10
        card.RevenueLostToSlowPeaks.Why.UsesDefaultAssumption.Should().BeFalse();
        card.RevenueLostToSlowPeaks.Why.Inputs.Should().Contain(i => i.Symbol == "f" && i.Source == "organisation setting");
    }

    [Fact]
    public void Calculate_ChangedAssumption_IsUsedAndNotFlaggedAsDefault()
    {
        var (builder, erp) = ErpCarryingRevenue();
        builder.Organisation.ChangeAssumptions(Assumptions.Default with { AbandonmentFactor = 0.25m }, PortfolioBuilder.Now);
        builder.Metrics(erp, "2026-07", m => new MonthlyMetrics(m.SystemId, m.Month) { PeakDegradedMinutes = 60m });

        var card = Only(builder.Calculate("2026-07"), erp);

        card.RevenueLostToSlowPeaks.Value.Should().Be(500m); // 60/60 × 2,000 × 0.25
        card.RevenueLostToSlowPeaks.Why.Inputs.Should().Contain(i => i.Symbol == "f" && i.Source == "organisation setting" && !i.IsDefaultAssumption);
    }

    [Fact]
    public void Calculate_PortfolioNetValue_AddsSystemsWithABusinessCaseLessUnlinkedWork()
    {
        var builder = new PortfolioBuilder();
        var shop = builder.System("Shop", annualCost: 120_000m, intendedUsers: 100, benefit: 600_000m);
        var wiki = builder.System("Wiki", annualCost: 12_000m);   // no business case: no value realised, no net value
        builder.Metrics(shop, "2026-07", m => new MonthlyMetrics(m.SystemId, m.Month) { ActiveUsers = 100 });
        builder.Workaround("Rota in a spreadsheet", people: 1, hours: 2m, directCost: 0m);  // linked to no system

        var scorecard = builder.Calculate("2026-07");

        // shop: 600,000 / 12 × 1 = 50,000 realised, no leaks → net 50,000; unlinked: 1 × 2 × 46 × 50 / 12 = 383.33…
        var unlinked = 1m * 2m * 46m * 50m / 12m;
        scorecard.Portfolio.NetValue.Value.Should().BeApproximately(50_000m - unlinked, 0.0000001m);
        scorecard.Portfolio.NetValue.Why.Missing.Should().Contain("net value of Wiki");
        Only(scorecard, wiki).NetValue.Value.Should().BeNull();
    }

    [Fact]
    public void Calculate_FigureBuiltOnADefault_SaysSoEvenWhenDerived()
    {
        var (builder, erp) = ErpCarryingRevenue();
        builder.Metrics(erp, "2026-07", m => new MonthlyMetrics(m.SystemId, m.Month) { PeakDegradedMinutes = 60m });

        var scorecard = builder.Calculate("2026-07");

        Only(scorecard, erp).RevenueLostToSlowPeaks.Why.UsesDefaultAssumption.Should().BeTrue();
        Only(scorecard, erp).NetValue.Why.Inputs.Should().Contain(i => i.Name == "Revenue lost to slow peaks" && i.IsDefaultAssumption);
        scorecard.Portfolio.RevenueLostToSlowPeaks.Why.UsesDefaultAssumption.Should().BeTrue();
    }
}
