using BusinessValue.Domain.Metrics;

namespace BusinessValue.Domain.Engine;

/// <summary>
/// Every business figure the engine produces, declared once (docs/formulas.md has one section per anchor).
/// <see cref="SystemFigures"/>, <see cref="PortfolioFigures"/> and <see cref="DepartmentFigures"/> give each in the
/// order every surface lists them; the engine computes each one under its definition.
/// </summary>
public static class FigureCatalogue
{
    /// <summary>Every figure of a system, in display order.</summary>
    public static IReadOnlyList<FigureDefinition> SystemFigures => System.All;

    /// <summary>Every figure of the portfolio, in display order.</summary>
    public static IReadOnlyList<FigureDefinition> PortfolioFigures => Portfolio.All;

    /// <summary>Every figure of a department.</summary>
    public static IReadOnlyList<FigureDefinition> DepartmentFigures => [Department.WorkaroundCost];

    public static FigureDefinition? Find(FigureScope scope, string key) => scope switch
    {
        FigureScope.System => SystemFigures.FirstOrDefault(f => f.Key == key),
        FigureScope.Portfolio => PortfolioFigures.FirstOrDefault(f => f.Key == key),
        _ => DepartmentFigures.FirstOrDefault(f => f.Key == key),
    };

    internal static uint Need(params ReadOnlySpan<Measure> measures)
    {
        var mask = 0u;
        foreach (var measure in measures)
        {
            mask |= measure.Bit;
        }

        return mask;
    }

    internal static uint Tickets => MetricSummary.TicketsBit;

    /// <summary>The technical-health formula, from the measures that score themselves.</summary>
    internal static string HealthFormula =>
        $"mean(min(100, uptime/SLA × 100), {string.Join(", ", Measures.All.Where(m => m.TechnicalHealthScore is not null).Select(m => m.HealthTerm))})";

    /// <summary>The technical-health inputs: uptime and its target, and every measure that scores itself.</summary>
    internal static uint HealthMeasures =>
        Measures.All.Where(m => m.TechnicalHealthScore is not null).Aggregate(Need(Measures.Uptime, Measures.SlaUptimeTarget), (mask, m) => mask | m.Bit);

    /// <summary>A system figure's definition; the slot is its position in <see cref="SystemFigures"/>.</summary>
    public static class System
    {
        private const string Sum = "added up over the systems";
        private const string ProRata = "pro rata: the annual amount × M/12";
        private const string Added = "the months' measures add up";

        public static readonly FigureDefinition TechnologySpend = Define(FigureScope.System, 
            "periodCost", "Technology spend", "spend", FigureUnit.Money, "TCO × M/12",
            "The system's total cost of ownership for the period: its annual licences, infrastructure, support staff and other costs, times the months of the period over 12.",
            "portfolio-totals-and-the-waste-ratio", Sum, ProRata, 0);

        public static readonly FigureDefinition RevenuePerHour = Define(FigureScope.System, 
            "revenuePerHour", "Revenue processed per hour", "RPH", FigureUnit.MoneyPerHour, "Σπ Rev_π / (OH_π × 52) × d(s,π)",
            "For each business process that depends on the system: its revenue per operating hour, times the share of that revenue that stops while the system is down.",
            "revenue-per-hour", Sum, "a rate: the same for every month", 0);

        public static readonly FigureDefinition RevenueDisrupted = Define(FigureScope.System, 
            "revenueDisrupted", "Revenue disrupted by downtime", "disrupted", FigureUnit.Money, "D/60 × RPH",
            "The hours the system was down inside operating hours, times the revenue it processes per hour.",
            "revenue-disrupted-by-downtime", Sum, Added, Need(Measures.Downtime));

        public static readonly FigureDefinition RevenueLostToSlowPeaks = Define(FigureScope.System, 
            "revenueLostToSlowPeaks", "Revenue lost to slow peaks", "slow peaks", FigureUnit.Money, "G/60 × RPH × f",
            "The peak hours with slow responses, times the revenue processed per hour, times the share of customers who give up.",
            "revenue-lost-to-slow-peaks", Sum, Added, Need(Measures.PeakDegraded));

        public static readonly FigureDefinition ProductivityLostHours = Define(FigureScope.System, 
            "productivityLostHours", "Productivity lost to incidents", "hours lost", FigureUnit.Hours, "Σk count_k × resolution_hours_k/count_k × users_k × b_k",
            "For each ticket severity: the hours to resolve, times the users affected, times how much of their work such a ticket blocks; worked out month by month and added.",
            "productivity-lost-to-incidents", Sum, "month by month, added", Tickets);

        public static readonly FigureDefinition ProductivityLoss = Define(FigureScope.System, 
            "productivityLoss", "Productivity lost to incidents (money)", "productivity loss", FigureUnit.Money, "hours × R",
            "The working hours lost to incidents, times the loaded labour rate.",
            "productivity-lost-to-incidents", Sum, "month by month, added", Tickets);

        public static readonly FigureDefinition BlockedWorkCost = Define(FigureScope.System, 
            "blockedWorkCost", "Work blocked by security policy", "blocked work", FigureUnit.Money, "S × R",
            "The hours of business work that security policy blocked, times the loaded labour rate.",
            "work-blocked-by-security-policy", Sum, Added, Need(Measures.BlockedWork));

        public static readonly FigureDefinition RevenuePerHourUnpatched = Define(FigureScope.System, 
            "revenuePerHourUnpatched", "Revenue per hour on unpatched systems", "unpatched RPH", FigureUnit.MoneyPerHour, "RPH × (1 − patch%/100)",
            "The revenue per hour that runs on the unpatched part of the system.",
            "revenue-per-hour-on-unpatched-systems", Sum, "patch compliance is the mean of the months", Need(Measures.PatchCompliance));

        public static readonly FigureDefinition DisasterExposure = Define(FigureScope.System, 
            "disasterExposure", "Revenue exposed in a disaster", "exposure", FigureUnit.Money, "RPH × RTO_test (or RPH × 72 when no test measured a recovery time)",
            "The revenue that stops while the system is being recovered: revenue per hour times the recovery hours the latest restore test measured, or a pessimistic 72 hours when none did.",
            "revenue-exposed-in-a-disaster", Sum, "the latest restore test up to the period's end", 0);

        public static readonly FigureDefinition Adoption = Define(FigureScope.System, 
            "adoption", "Adoption", "a", FigureUnit.Ratio, "a = min(1, A/U)",
            "Active users as a share of the users the system is meant for.",
            "adoption-and-unused-spend", "weighted by intended users", "active users are the mean of the months", Need(Measures.ActiveUsers));

        public static readonly FigureDefinition UnusedSpend = Define(FigureScope.System, 
            "unusedSpend", "Spend on unused capacity", "unused spend", FigureUnit.Money, "TCO × M/12 × (1 − a)",
            "The share of the period's spend that pays for capacity nobody uses.",
            "adoption-and-unused-spend", Sum, ProRata, Need(Measures.ActiveUsers));

        public static readonly FigureDefinition WorkaroundCost = Define(FigureScope.System, 
            "workaroundCost", "Workaround cost", "workarounds", FigureUnit.Money, "Σw (n × h × W × M/12 × R_dept + C × M/12) / systems_w",
            "The manual work around the system: people × hours a week × working weeks × their department's labour rate, plus direct costs; a workaround shared by several systems is split equally.",
            "workaround-cost", "each workaround counted once", "month by month, pro rata to a removal date", 0);

        public static readonly FigureDefinition ManualIntegrationCost = Define(FigureScope.System, 
            "manualIntegrationCost", "Manual integration cost", "manual integrations", FigureUnit.Money, "Σi M × m × t/60 × R × k / systems_i",
            "Transfers to and from the system done by hand: transfers × minutes each × labour rate × how manual the mode is (manual 1, semi-automated 0.5, automated 0), split between its two systems.",
            "manual-integration-cost", "each integration counted once", "transfers per month × M", 0);

        public static readonly FigureDefinition IntegrationEfficiency = Define(FigureScope.System, 
            "integrationEfficiency", "Integration efficiency", "efficiency", FigureUnit.Ratio, "Σ m (automated) / Σ m (all)",
            "The share of transfers between systems that flow without human work.",
            "integration-efficiency", "weighted by transfers", "transfers per month", 0);

        public static readonly FigureDefinition ValueRealised = Define(FigureScope.System, 
            "valueRealised", "Value realised", "value realised", FigureUnit.Money, "B × M/12 × a",
            "The expected annual benefit of the business case for the period, scaled by how many intended users actually use the system.",
            "value-realised", Sum, ProRata, Need(Measures.ActiveUsers));

        public static readonly FigureDefinition ValueLeaks = Define(FigureScope.System, 
            "valueLeaks", "Value leaks", "leaks", FigureUnit.Money, "unused spend + workaround cost + manual integration cost + productivity loss + blocked-work cost",
            "Money lost around the system: capacity nobody uses, manual work, incidents and blocked work.",
            "value-leaks", "added up over the systems; shared workarounds and integrations counted once", Added, Need(Measures.ActiveUsers, Measures.BlockedWork) | Tickets);

        public static readonly FigureDefinition NetValue = Define(FigureScope.System, 
            "netValue", "Net value delivered", "net value", FigureUnit.Money, "value realised − value leaks − (revenue disrupted + revenue lost to slow peaks) × μ",
            "What the system delivers after its leaks and the margin on the revenue it lost.",
            "net-value-delivered", Sum, Added, Need(Measures.ActiveUsers, Measures.BlockedWork, Measures.Downtime, Measures.PeakDegraded) | Tickets);

        public static readonly FigureDefinition Roi = Define(FigureScope.System, 
            "roi", "System ROI", "ROI", FigureUnit.Ratio, "net value delivered / (TCO × M/12)",
            "Net value delivered per unit of technology spend in the period.",
            "system-roi", "net value over spend, for each system", Added, Need(Measures.ActiveUsers, Measures.BlockedWork, Measures.Downtime, Measures.PeakDegraded) | Tickets);

        public static readonly FigureDefinition TechnicalHealth = Define(FigureScope.System, 
            "technicalHealth", "Technical health", "technical health", FigureUnit.Score, HealthFormula,
            "The average of the green numbers IT reports; a missing one is left out, never counted as zero.",
            "technical-health-score", "a score for each system", "percentages are the means of the months", HealthMeasures);

        public static readonly FigureDefinition BusinessValue = Define(FigureScope.System, 
            "businessValue", "Business value", "business value", FigureUnit.Score, "mean(clamp(ROI/2 × 100), a × 100, clamp(100 − leaks/period TCO × 100), strategic fit, (satisfaction − 1)/4 × 100)",
            "The average of what the business gets from the system; a missing part is left out, never counted as zero.",
            "business-value-score", "a score for each system", "satisfaction is the mean of the months", Need(Measures.ActiveUsers, Measures.Satisfaction, Measures.BlockedWork, Measures.Downtime, Measures.PeakDegraded) | Tickets);

        public static readonly FigureDefinition RecoveryReadiness = Define(FigureScope.System, 
            "readiness", "Recovery readiness", "readiness", FigureUnit.Category, "Failing if the latest test failed or RTO_test > RTO_req; Verified if a test passed within the window; else Unverified",
            "Recovery is proven only by a restore test, not by backups completing.",
            "recovery-readiness", "counted by readiness", "the latest restore test up to the period's end", 0);

        /// <summary>Display order; a figure's slot is its position here.</summary>
        internal static readonly IReadOnlyList<FigureDefinition> All = Slotted(
        [
            TechnologySpend, RevenuePerHour, RevenueDisrupted, RevenueLostToSlowPeaks, ProductivityLostHours, ProductivityLoss,
            BlockedWorkCost, RevenuePerHourUnpatched, DisasterExposure, Adoption, UnusedSpend, WorkaroundCost, ManualIntegrationCost,
            IntegrationEfficiency, ValueRealised, ValueLeaks, NetValue, Roi, TechnicalHealth, BusinessValue, RecoveryReadiness,
        ]);
    }

    /// <summary>A portfolio figure's definition.</summary>
    public static class Portfolio
    {
        public static readonly FigureDefinition TechnologySpend = TotalOf(System.TechnologySpend, "technologySpend");

        public static readonly FigureDefinition RevenuePerHour = TotalOf(System.RevenuePerHour);

        public static readonly FigureDefinition RevenueDisrupted = TotalOf(System.RevenueDisrupted);

        public static readonly FigureDefinition RevenueLostToSlowPeaks = TotalOf(System.RevenueLostToSlowPeaks);

        public static readonly FigureDefinition ProductivityLostHours = TotalOf(System.ProductivityLostHours);

        public static readonly FigureDefinition ProductivityLoss = TotalOf(System.ProductivityLoss);

        public static readonly FigureDefinition BlockedWorkCost = TotalOf(System.BlockedWorkCost);

        public static readonly FigureDefinition UnusedSpend = TotalOf(System.UnusedSpend);

        public static readonly FigureDefinition WorkaroundCost = Define(FigureScope.Portfolio, 
            "workaroundCost", "Workaround cost", "workarounds", FigureUnit.Money, "Σw (n × h × W × M/12 × R_dept + C × M/12)",
            "Every workaround once, whichever systems it is linked to: people × hours a week × working weeks × their department's labour rate, plus direct costs.",
            "workaround-cost", "each workaround counted once", "month by month, pro rata to a removal date", 0);

        public static readonly FigureDefinition ManualIntegrationCost = Define(FigureScope.Portfolio, 
            "manualIntegrationCost", "Manual integration cost", "manual integrations", FigureUnit.Money, "Σi M × m × t/60 × R × k",
            "Every integration once: transfers × minutes of manual work × labour rate × how manual the mode is.",
            "manual-integration-cost", "each integration counted once", "transfers per month × M", 0);

        public static readonly FigureDefinition ValueLeaks = Define(FigureScope.Portfolio, 
            "valueLeaks", "Value leaks", "leaks", FigureUnit.Money, "unused spend + workaround cost + manual integration cost + productivity loss + blocked-work cost",
            "Money lost across the portfolio; shared workarounds and integrations counted once.",
            "value-leaks", "shared workarounds and integrations counted once", "the months' measures add up", System.ValueLeaks.Needs);

        public static readonly FigureDefinition ValueRealised = TotalOf(System.ValueRealised);

        public static readonly FigureDefinition NetValue = Define(FigureScope.Portfolio, 
            "netValue", "Net value delivered", "net value", FigureUnit.Money, "Σ systems' net value delivered − workarounds linked to no system",
            "What the portfolio delivers after its leaks and the margin on lost revenue; a system without a business case is left out and named.",
            "net-value-delivered", "added up over the systems, less workarounds linked to no system", "the months' measures add up", System.NetValue.Needs);

        /// <summary>Every system's net value added up: a step towards <see cref="NetValue"/>, not shown on its own.</summary>
        public static readonly FigureDefinition SystemsNetValue = TotalOf(System.NetValue, "systemsNetValue");

        public static readonly FigureDefinition WasteRatio = Define(FigureScope.Portfolio, 
            "wasteRatio", "Waste ratio", "waste ratio", FigureUnit.Ratio, "value leaks / technology spend",
            "The share of technology spend that leaks away; the article's benchmark is 30%.",
            "portfolio-totals-and-the-waste-ratio", "the portfolio's leaks over its spend", "the months' measures add up", System.ValueLeaks.Needs);

        public static readonly FigureDefinition DisasterExposure = TotalOf(System.DisasterExposure);

        public static readonly FigureDefinition IntegrationEfficiency = Define(FigureScope.Portfolio, 
            "integrationEfficiency", "Integration efficiency", "efficiency", FigureUnit.Ratio, "Σ m (automated) / Σ m (all)",
            "The share of transfers between systems that flow without human work.",
            "integration-efficiency", "weighted by transfers", "transfers per month", 0);

        public static readonly FigureDefinition ProcessAutomation = Define(FigureScope.Portfolio, 
            "processAutomation", "Process automation", "automation", FigureUnit.Ratio, "cost of manual work removed or automated / cost of all manual work ever recorded",
            "How much of the manual work ever recorded (workarounds, manual and semi-automated integrations) has been eliminated.",
            "process-automation", "weighted by annual cost when first recorded", "up to the period's end", 0);

        public static readonly FigureDefinition Adoption = Define(FigureScope.Portfolio, 
            "adoption", "Adoption", "a", FigureUnit.Ratio, "Σ min(A, U) / Σ U",
            "Active users as a share of intended users, over every system that records both.",
            "adoption-and-unused-spend", "weighted by intended users", "active users are the mean of the months", Need(Measures.ActiveUsers));

        /// <summary>Display order; a figure's slot is its position here.</summary>
        internal static readonly IReadOnlyList<FigureDefinition> All = Slotted(
        [
            TechnologySpend, RevenuePerHour, RevenueDisrupted, RevenueLostToSlowPeaks, ProductivityLostHours, ProductivityLoss,
            BlockedWorkCost, UnusedSpend, WorkaroundCost, ManualIntegrationCost, ValueLeaks, ValueRealised, NetValue, WasteRatio,
            DisasterExposure, IntegrationEfficiency, ProcessAutomation, Adoption,
        ]);
    }

    /// <summary>A department figure's definition.</summary>
    public static class Department
    {
        public static readonly FigureDefinition WorkaroundCost = new(
            FigureScope.Department, "workaroundCost", "Workaround cost", "workarounds", FigureUnit.Money, "Σw (n × h × W × M/12 × R_dept + C × M/12)",
            "The department's workarounds: people × hours a week × working weeks × its labour rate, plus direct costs.",
            "workaround-cost", "each workaround counted once", "month by month, pro rata to a removal date", 0);
    }

    private static FigureDefinition Define(FigureScope scope, string key, string label, string symbol, FigureUnit unit, string formula, string inWords, string anchor, string acrossSystems, string acrossMonths, uint needs) =>
        new(scope, key, label, symbol, unit, formula, inWords, anchor, acrossSystems, acrossMonths, needs);

    /// <summary>A portfolio figure that is the sum of a system figure over every system.</summary>
    private static FigureDefinition TotalOf(FigureDefinition system, string? key = null) =>
        new(FigureScope.Portfolio, key ?? system.Key, system.Label, system.Symbol, system.Unit, $"Σ systems' {system.Label.ToLowerInvariant()}",
            $"{system.Label}, added up over every system.", system.DocsAnchor, system.AcrossSystems, system.AcrossMonths, system.Needs)
        {
            SumOf = system,
        };

    private static FigureDefinition[] Slotted(FigureDefinition[] figures)
    {
        for (var i = 0; i < figures.Length; i++)
        {
            figures[i].Slot = i;
        }

        return figures;
    }
}
