using BusinessValue.Domain.Integrations;
using BusinessValue.Domain.Metrics;
using BusinessValue.Domain.Organisation;
using BusinessValue.Domain.Periods;
using BusinessValue.Domain.Processes;
using BusinessValue.Domain.Systems;
using BusinessValue.Domain.Workarounds;

namespace BusinessValue.Domain.Engine;

/// <summary>
/// Translates technical metrics into business figures. Pure and deterministic: the same portfolio and
/// period always give the same scorecard. Every formula is documented in docs/formulas.md, linked from each
/// figure's explanation.
/// </summary>
/// <remarks>
/// Explanations are built when first asked for, from the same portfolio objects: do not change a portfolio
/// after calculating it (load a fresh one instead, as every caller does), or a later explanation could mix
/// old and new inputs.
/// </remarks>
public sealed class TranslationEngine
{
    private const string Docs = "docs/formulas.md#";

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Injected as a service.")]
    public Scorecard Calculate(Portfolio portfolio, Period period)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        ArgumentNullException.ThrowIfNull(period);
        var context = new CalculationContext(portfolio, period);
        var systems = new List<SystemScorecard>(portfolio.Systems.Count);
        foreach (var system in portfolio.Systems)
        {
            context.ExplainLaterBy(new SystemExplainer(context, system));
            systems.Add(CalculateSystem(context, system));
        }

        var departments = new List<DepartmentScorecard>(portfolio.Departments.Count);
        foreach (var department in portfolio.Departments)
        {
            context.ExplainLaterBy(new DepartmentExplainer(context, department));
            departments.Add(CalculateDepartment(context, department));
        }

        context.ExplainLaterBy(new PortfolioExplainer(context, systems));
        return new Scorecard(period, portfolio.Organisation.Currency, systems, departments, CalculatePortfolio(context, systems));
    }

    /// <summary>Explains a system's figures by calculating the system again, once, with every explanation recorded.</summary>
    private sealed class SystemExplainer(CalculationContext context, ItSystem system) : IExplanationSource
    {
        private SystemScorecard? _explained;

        public Explanation Explain(string key)
        {
            var explained = _explained ??= context.WithExplanations(() => CalculateSystem(context, system));
            return key == ReadinessKey ? explained.ReadinessFigure.Why : explained.Figures.First(f => f.Key == key).Why;
        }
    }

    private sealed class DepartmentExplainer(CalculationContext context, Department department) : IExplanationSource
    {
        private Explanation? _explained;

        public Explanation Explain(string key) => _explained ??= context.WithExplanations(() => CalculateDepartment(context, department)).WorkaroundCost.Why;
    }

    private sealed class PortfolioExplainer(CalculationContext context, List<SystemScorecard> systems) : IExplanationSource
    {
        private PortfolioScorecard? _explained;

        public Explanation Explain(string key) =>
            (_explained ??= context.WithExplanations(() => CalculatePortfolio(context, systems))).Figures.First(f => f.Key == key).Why;
    }

    private const string ReadinessKey = "readiness";

    private static readonly Severity[] Severities = [Severity.P1, Severity.P2, Severity.P3, Severity.P4];

    private static readonly string[] FitNames = ["strategic fit: supports strategy", "strategic fit: maintains status quo", "strategic fit: legacy"];

    private static SystemScorecard CalculateSystem(CalculationContext c, ItSystem system)
    {
        var a = c.Assumptions;
        var d = Assumptions.Default;
        var metrics = c.MetricsOf(system.Id);
        var months = (decimal)c.Period.Months;

        var periodCost = c.Explain("TCO × M/12", "the system's total cost of ownership for the period", Docs + "portfolio-totals-and-the-waste-ratio")
            .Input("TCO", "total cost of ownership per year", system.TotalCostOfOwnership, "money/year", c.SourceOf(system.Source))
            .Input("M", "months in the period", months, "months", c.Period.Label)
            .Figure("periodCost", "Technology spend", system.TotalCostOfOwnership * months / 12m, FigureUnit.Money);

        var rph = RevenuePerHour(c, system);
        var downtime = c.Explain("D/60 × RPH", "minutes down in operating hours, in hours, times the revenue processed per hour", Docs + "revenue-disrupted-by-downtime")
            .Input("D", "unplanned downtime in operating hours", metrics.DowntimeMinutes, "minutes", metrics.Source)
            .From(rph)
            .Figure("revenueDisrupted", "Revenue disrupted by downtime", metrics.DowntimeMinutes / 60m * rph.Value, FigureUnit.Money);

        var slowPeaks = c.Explain("G/60 × RPH × f", "peak minutes with slow responses, in hours, times revenue per hour, times the share of customers who give up", Docs + "revenue-lost-to-slow-peaks")
            .Input("G", "peak-hour minutes above the response-time target", metrics.PeakDegradedMinutes, "minutes", metrics.Source)
            .From(rph)
            .Assumption("f", "abandonment factor", a.AbandonmentFactor, d.AbandonmentFactor, "ratio")
            .Figure("revenueLostToSlowPeaks", "Revenue lost to slow peaks", metrics.PeakDegradedMinutes / 60m * rph.Value * a.AbandonmentFactor, FigureUnit.Money);

        var productivityExplain = c.Explain("Σk count_k × resolution_hours_k/count_k × users_k × b_k", "for each severity: hours to resolve × users affected × how much of their work a ticket blocks; month by month, added", Docs + "productivity-lost-to-incidents");
        if (c.IsExplaining)
        {
            foreach (var severity in Severities)
            {
                var (count, hours, userHours) = metrics.TicketsOf(severity);
                productivityExplain.Input($"count_{severity}", $"{severity} tickets", count, "tickets", metrics.Source)
                    .Input($"hours_{severity}", $"{severity} total resolution hours", hours, "hours", metrics.Source)
                    .Input($"users×hours_{severity}", $"{severity} resolution hours × users affected", userHours, "user-hours", metrics.Source);
            }
        }

        var productivityHours = productivityExplain
            .Assumption("b_P1", "blocking factor P1", a.BlockingFactorP1, d.BlockingFactorP1, "ratio")
            .Assumption("b_P2", "blocking factor P2", a.BlockingFactorP2, d.BlockingFactorP2, "ratio")
            .Assumption("b_P3", "blocking factor P3", a.BlockingFactorP3, d.BlockingFactorP3, "ratio")
            .Assumption("b_P4", "blocking factor P4", a.BlockingFactorP4, d.BlockingFactorP4, "ratio")
            .Figure("productivityLostHours", "Productivity lost to incidents", metrics.ProductivityLostHours, FigureUnit.Hours);

        var productivity = c.Explain("hours × R", "hours lost to incidents times the loaded labour rate", Docs + "productivity-lost-to-incidents")
            .From(productivityHours)
            .Assumption("R", "loaded labour rate", a.LabourRatePerHour, d.LabourRatePerHour, "money/hour")
            .Figure("productivityLoss", "Productivity lost to incidents (money)", productivityHours.Value * a.LabourRatePerHour, FigureUnit.Money);

        var blocked = c.Explain("S × R", "hours of business work blocked by security policy times the loaded labour rate", Docs + "work-blocked-by-security-policy")
            .Input("S", "hours of work blocked by security policy", metrics.BlockedWorkHours, "hours", metrics.Source)
            .Assumption("R", "loaded labour rate", a.LabourRatePerHour, d.LabourRatePerHour, "money/hour")
            .Figure("blockedWorkCost", "Work blocked by security policy", metrics.BlockedWorkHours * a.LabourRatePerHour, FigureUnit.Money);

        var unpatched = c.Explain("RPH × (1 − patch%/100)", "the revenue per hour that runs on unpatched parts of the system", Docs + "revenue-per-hour-on-unpatched-systems")
            .From(rph)
            .Input("patch%", "patch compliance (mean)", metrics.PatchCompliancePercent, "%", metrics.Source)
            .Figure("revenuePerHourUnpatched", "Revenue per hour on unpatched systems", rph.Value * (1m - (metrics.PatchCompliancePercent / 100m)), FigureUnit.MoneyPerHour);

        var (readiness, readinessWhy, exposure) = Recovery(c, system, rph);

        var (adoption, unused) = AdoptionAndUnusedSpend(c, system, metrics, periodCost);
        var workaroundCost = c.WorkaroundCostOf(system.Id);
        var integrationCost = c.IntegrationCostOf(system.Id);
        var efficiency = c.IntegrationEfficiencyOf(system.Id);

        var valueRealised = c.Explain("B × M/12 × a", "the expected annual benefit for the period, scaled by how many intended users actually use the system", Docs + "value-realised")
            .Input("B", "expected annual benefit (business case)", system.ExpectedAnnualBenefit, "money/year", c.SourceOf(system.Source))
            .Input("M", "months in the period", months, "months", c.Period.Label)
            .From(adoption)
            .Figure("valueRealised", "Value realised", system.ExpectedAnnualBenefit * months / 12m * adoption.Value, FigureUnit.Money);

        var leaks = SumOfKnown(
            c.Explain("unused spend + workaround cost + manual integration cost + productivity loss + blocked-work cost", "money lost around the system: capacity nobody uses, manual work, incidents and blocked work", Docs + "value-leaks"),
            "valueLeaks", "Value leaks", [unused, workaroundCost, integrationCost, productivity, blocked]);

        var lostRevenue = (downtime.Value ?? 0m) + (slowPeaks.Value ?? 0m);
        var netValue = c.Explain("value realised − value leaks − (revenue disrupted + revenue lost to slow peaks) × μ", "what the system delivers after its leaks and the margin on the revenue it lost", Docs + "net-value-delivered")
            .From(valueRealised)
            .From(leaks)
            .From(downtime)
            .From(slowPeaks)
            .Assumption("μ", "margin", a.Margin, d.Margin, "ratio")
            .Figure("netValue", "Net value delivered", valueRealised.Value - leaks.Value - (lostRevenue * a.Margin), FigureUnit.Money);

        var roi = c.Explain("net value delivered / (TCO × M/12)", "net value delivered per unit of technology spend in the period", Docs + "system-roi")
            .From(netValue)
            .From(periodCost)
            .MissingIf(periodCost.Value == 0m, "a cost of ownership (TCO is 0)")
            .Figure("roi", "System ROI", periodCost.Value is > 0m ? netValue.Value / periodCost.Value : null, FigureUnit.Ratio);

        var technical = TechnicalHealth(c, metrics);
        var business = BusinessValue(c, system, metrics, roi, adoption, leaks, periodCost);
        if (!c.IsExplaining)
        {
            c.AddToTotals(periodCost, rph, downtime, slowPeaks, productivityHours, productivity, blocked, unused, valueRealised, exposure, netValue);
        }

        Quadrant? quadrant = technical.Value is { } t && business.Value is { } b
            ? (t >= a.ScoreThreshold, b >= a.ScoreThreshold) switch
            {
                (true, true) => Engine.Quadrant.Delivering,
                (true, false) => Engine.Quadrant.GreenDashboardRedBusiness,
                (false, true) => Engine.Quadrant.ValuableButFragile,
                _ => Engine.Quadrant.Rethink,
            }
            : null;

        ReadOnlySpan<Figure> figures =
        [
            periodCost, rph, downtime, slowPeaks, productivityHours, productivity, blocked, unpatched, exposure, adoption, unused,
            workaroundCost, integrationCost, efficiency, valueRealised, leaks, netValue, roi, technical, business, readinessWhy,
        ];
        return new SystemScorecard(system.Id, system.Name, readiness, quadrant, c.LayoutOf(figures), figures, c.IsExplaining ? null : c.CurrentSource);
    }

    /// <summary>docs/formulas.md#revenue-per-hour: RPH = Σπ r_π × d(s,π), r = Rev / (OH × 52).</summary>
    private static Figure RevenuePerHour(CalculationContext c, ItSystem system)
    {
        var explain = c.Explain("Σπ Rev_π / (OH_π × 52) × d(s,π)", "for each process that depends on the system: its revenue per operating hour times the share that stops when the system is down", Docs + "revenue-per-hour");
        var total = 0m;
        foreach (var (process, dependency, r) in c.DependenciesOf(system.Id))
        {
            total += r * dependency.RevenueShare;
            if (c.IsExplaining)
            {
                explain.Input("r", process.Name, r, "money/hour", c.SourceOf(process))
                    .Input("d", process.Name, dependency.RevenueShare, "share of its revenue that stops", c.SourceOf(process));
            }
        }

        return explain.Figure("revenuePerHour", "Revenue processed per hour", total, FigureUnit.MoneyPerHour);
    }

    private static (RecoveryReadiness, Figure, Figure) Recovery(CalculationContext c, ItSystem system, Figure rph)
    {
        var a = c.Assumptions;
        var latest = c.LatestRestoreTestOf(system.Id);
        var readinessExplain = c.Explain(
            "Failing if the latest test failed or RTO_test > RTO_req; Verified if a test passed within the window; else Unverified",
            "recovery is proven only by a restore test, not by backups completing", Docs + "recovery-readiness")
            .Input("RTO_test", "measured recovery hours of the latest test", latest?.MeasuredRecoveryHours, "hours",
                latest is null ? "no restore test recorded up to the period's end"
                : !c.IsExplaining ? string.Empty
                : $"test on {latest.TestedOn:yyyy-MM-dd}, {(latest.Passed ? "passed" : "failed")}, {c.Period.LastDay.DayNumber - latest.TestedOn.DayNumber} days before the period's end; {c.SourceOf(latest.Source)}")
            .Input("RTO_req", "required recovery time", system.RequiredRecoveryHours, "hours", c.SourceOf(system.Source))
            .Assumption("window", "days a passed test verifies recovery", a.VerifiedWindowDays, Assumptions.Default.VerifiedWindowDays, "days");
        var readiness = latest switch
        {
            null => RecoveryReadiness.Unverified,
            { Passed: false } => RecoveryReadiness.Failing,
            _ when latest.MeasuredRecoveryHours > system.RequiredRecoveryHours => RecoveryReadiness.Failing,
            _ when c.Period.LastDay.DayNumber - latest.TestedOn.DayNumber < a.VerifiedWindowDays => RecoveryReadiness.Verified,
            _ => RecoveryReadiness.Unverified,
        };

        var exposureExplain = c.Explain("RPH × RTO_test (or RPH × 72 when no test measured a recovery time)", "revenue that stops while the system is being recovered", Docs + "revenue-exposed-in-a-disaster")
            .From(rph);
        decimal hours;
        if (latest?.MeasuredRecoveryHours is { } measured)
        {
            hours = measured;
            exposureExplain.Input("RTO_test", "measured recovery hours of the latest restore test", measured, "hours", c.SourceOf(latest.Source));
        }
        else
        {
            hours = a.UntestedRecoveryHours;
            exposureExplain.Assumption("72h", "recovery hours assumed without a measured test", a.UntestedRecoveryHours, Assumptions.Default.UntestedRecoveryHours, "hours");
        }

        var exposure = exposureExplain.Figure("disasterExposure", "Revenue exposed in a disaster", rph.Value * hours, FigureUnit.Money);
        return (readiness, readinessExplain.Figure(ReadinessKey, "Recovery readiness", null, FigureUnit.Ratio), exposure);
    }

    private static (Figure Adoption, Figure UnusedSpend) AdoptionAndUnusedSpend(CalculationContext c, ItSystem system, MetricSummary metrics, Figure periodCost)
    {
        decimal? adoptionValue = metrics.ActiveUsers is { } active && system.IntendedUsers is > 0 and var intended
            ? Math.Min(1m, active / intended)
            : null;
        var adoption = c.Explain("a = min(1, A/U)", "active users as a share of the users the system is meant for", Docs + "adoption-and-unused-spend")
            .Input("A", "active users (mean)", metrics.ActiveUsers, "users", metrics.Source)
            .Input("U", "intended users", system.IntendedUsers, "users", c.SourceOf(system.Source))
            .MissingIf(system.IntendedUsers == 0, "intended users above zero")
            .Figure("adoption", "Adoption", adoptionValue, FigureUnit.Ratio);
        var unused = c.Explain("TCO × M/12 × (1 − a)", "the share of the period's spend that pays for capacity nobody uses", Docs + "adoption-and-unused-spend")
            .From(periodCost)
            .From(adoption)
            .Figure("unusedSpend", "Spend on unused capacity", periodCost.Value * (1m - adoptionValue), FigureUnit.Money);
        return (adoption, unused);
    }

    /// <summary>docs/formulas.md#technical-health-score: the mean of what IT reports today.</summary>
    private static Figure TechnicalHealth(CalculationContext c, MetricSummary metrics)
    {
        decimal? uptimeAttainment = metrics.UptimePercent is { } up && metrics.SlaUptimeTargetPercent is > 0m and var sla
            ? Math.Min(100m, up / sla * 100m)
            : null;
        var explain = c.Explain("mean(min(100, uptime/SLA × 100), ticket SLA %, patch %, backup %)", "the average of the green numbers IT reports; a missing one is left out", Docs + "technical-health-score")
            .Input("uptime", "uptime (mean)", metrics.UptimePercent, "%", metrics.Source)
            .Input("SLA", "uptime SLA target (mean)", metrics.SlaUptimeTargetPercent, "%", metrics.Source)
            .Input("uptime attainment", "uptime against its SLA target", uptimeAttainment, "score", metrics.Source)
            .Input("ticket SLA %", "tickets resolved within SLA", metrics.TicketSlaAttainmentPercent, "%", metrics.Source)
            .Input("patch %", "patch compliance", metrics.PatchCompliancePercent, "%", metrics.Source)
            .Input("backup %", "backup success", metrics.BackupSuccessPercent, "%", metrics.Source);
        return explain.Figure("technicalHealth", "Technical health", Mean(uptimeAttainment, metrics.TicketSlaAttainmentPercent, metrics.PatchCompliancePercent, metrics.BackupSuccessPercent), FigureUnit.Score);
    }

    /// <summary>docs/formulas.md#business-value-score.</summary>
    private static Figure BusinessValue(CalculationContext c, ItSystem system, MetricSummary metrics, Figure roi, Figure adoption, Figure leaks, Figure periodCost)
    {
        decimal? roiScore = roi.Value is { } r ? Clamp(r / 2m * 100m) : null;
        decimal? adoptionScore = adoption.Value * 100m;
        decimal? leakScore = periodCost.Value is > 0m and var cost && leaks.Value is { } l ? Clamp(100m - (l / cost * 100m)) : null;
        decimal fitScore = system.StrategicFit switch
        {
            StrategicFit.SupportsStrategy => 100m,
            StrategicFit.MaintainsStatusQuo => 50m,
            _ => 0m,
        };
        decimal? satisfactionScore = metrics.Satisfaction is { } s ? (s - 1m) / 4m * 100m : null;
        var explain = c.Explain("mean(clamp(ROI/2 × 100), a × 100, clamp(100 − leaks/period TCO × 100), strategic fit, (satisfaction − 1)/4 × 100)", "the average of what the business gets from the system; a missing part is left out", Docs + "business-value-score")
            .Input("ROI score", "return on the period's spend (200% scores 100)", roiScore, "score", Explain.Calculated)
            .Input("adoption score", "adoption × 100", adoptionScore, "score", Explain.Calculated)
            .Input("leak score", "100 minus leaks as a share of the period's spend", leakScore, "score", Explain.Calculated)
            .Input("strategic fit", FitNames[(int)system.StrategicFit], fitScore, "score", c.SourceOf(system.Source))
            .Input("satisfaction score", "user satisfaction, 1–5 scaled to 0–100", satisfactionScore, "score", metrics.Source);
        return explain.Figure("businessValue", "Business value", Mean(roiScore, adoptionScore, leakScore, fitScore, satisfactionScore), FigureUnit.Score);
    }

    private static DepartmentScorecard CalculateDepartment(CalculationContext c, Department department)
    {
        var explain = c.Explain("Σw (n × h × W × M/12 × R_dept + C × M/12)", "the department's workarounds: people × hours × working weeks × its labour rate, plus direct costs", Docs + "workaround-cost");
        var total = 0m;
        var bySystem = new Dictionary<Guid, decimal>();
        foreach (var workaround in c.WorkaroundsOf(department.Id))
        {
            var cost = c.CostOf(workaround);
            total += cost;
            explain.Input("w", workaround.Description, cost, "money", c.SourceOf(workaround.Source));
            var systems = workaround.Systems;
            foreach (var link in systems)
            {
                bySystem[link.SystemId] = bySystem.GetValueOrDefault(link.SystemId) + (cost / systems.Count);
            }
        }

        return new DepartmentScorecard(department.Id, department.Name, explain.Figure("workaroundCost", "Workaround cost", total, FigureUnit.Money), bySystem);
    }

    private static PortfolioScorecard CalculatePortfolio(CalculationContext c, List<SystemScorecard> systems)
    {
        var a = c.Assumptions;
        Figure Sum(string key, string label, string anchor, FigureUnit unit, Func<SystemScorecard, Figure> pick, Action<Explain>? assumptions = null)
        {
            var explain = c.Explain($"Σ systems' {label.ToLowerInvariant()}", $"{label} added up over every system", Docs + anchor);
            if (c.IsExplaining)
            {
                // The assumptions each system's figure rests on, so a total built on defaults says so too.
                assumptions?.Invoke(explain);
            }

            if (!c.IsExplaining)
            {
                // Added up while each system was calculated, when its figures were still in the cache.
                return explain.Figure(key, label, systems.Count == 0 ? null : c.TotalOf(pick(systems[0]).Key), unit);
            }

            var unitName = unit == FigureUnit.Money ? "money" : unit.ToString().ToLowerInvariant();
            decimal? total = null;
            foreach (var system in systems)
            {
                var part = pick(system);
                explain.Input(part.Key, system.Name, part.Value, unitName, Explain.Calculated);
                if (part.Value is { } v)
                {
                    total = (total ?? 0m) + v;
                }
            }

            return explain.Figure(key, label, total, unit);
        }

        var spend = Sum("technologySpend", "Technology spend", "portfolio-totals-and-the-waste-ratio", FigureUnit.Money, s => s.PeriodCost);
        var rph = Sum("revenuePerHour", "Revenue processed per hour", "revenue-per-hour", FigureUnit.MoneyPerHour, s => s.RevenuePerHour);
        var disrupted = Sum("revenueDisrupted", "Revenue disrupted by downtime", "revenue-disrupted-by-downtime", FigureUnit.Money, s => s.RevenueDisrupted);
        var slow = Sum("revenueLostToSlowPeaks", "Revenue lost to slow peaks", "revenue-lost-to-slow-peaks", FigureUnit.Money, s => s.RevenueLostToSlowPeaks,
            e => e.Assumption("f", "abandonment factor", a.AbandonmentFactor, Assumptions.Default.AbandonmentFactor, "ratio"));
        void BlockingFactors(Explain e) => e
            .Assumption("b_P1", "blocking factor P1", a.BlockingFactorP1, Assumptions.Default.BlockingFactorP1, "ratio")
            .Assumption("b_P2", "blocking factor P2", a.BlockingFactorP2, Assumptions.Default.BlockingFactorP2, "ratio")
            .Assumption("b_P3", "blocking factor P3", a.BlockingFactorP3, Assumptions.Default.BlockingFactorP3, "ratio")
            .Assumption("b_P4", "blocking factor P4", a.BlockingFactorP4, Assumptions.Default.BlockingFactorP4, "ratio");
        void LabourRate(Explain e) => e.Assumption("R", "loaded labour rate", a.LabourRatePerHour, Assumptions.Default.LabourRatePerHour, "money/hour");
        var productivityHours = Sum("productivityLostHours", "Productivity lost to incidents", "productivity-lost-to-incidents", FigureUnit.Hours, s => s.ProductivityLostHours, BlockingFactors);
        var productivity = Sum("productivityLoss", "Productivity lost to incidents (money)", "productivity-lost-to-incidents", FigureUnit.Money, s => s.ProductivityLoss,
            e => { BlockingFactors(e); LabourRate(e); });
        var blocked = Sum("blockedWorkCost", "Work blocked by security policy", "work-blocked-by-security-policy", FigureUnit.Money, s => s.BlockedWorkCost, LabourRate);
        var unused = Sum("unusedSpend", "Spend on unused capacity", "adoption-and-unused-spend", FigureUnit.Money, s => s.UnusedSpend);
        var valueRealised = Sum("valueRealised", "Value realised", "value-realised", FigureUnit.Money, s => s.ValueRealised);
        var exposure = Sum("disasterExposure", "Revenue exposed in a disaster", "revenue-exposed-in-a-disaster", FigureUnit.Money, s => s.DisasterExposure,
            e =>
            {
                if (systems.Any(s => s.Readiness != RecoveryReadiness.Verified && c.LatestRestoreTestOf(s.SystemId)?.MeasuredRecoveryHours is null))
                {
                    e.Assumption("72h", "recovery hours assumed for systems without a measured test", a.UntestedRecoveryHours, Assumptions.Default.UntestedRecoveryHours, "hours");
                }
            });

        // Shared items are counted once here, and unlinked ones too: docs/formulas.md#portfolio-totals-and-the-waste-ratio.
        var workaroundExplain = c.Explain("Σw (n × h × W × M/12 × R_dept + C × M/12)", "every workaround once, whichever systems it is linked to", Docs + "workaround-cost");
        var workaroundTotal = 0m;
        foreach (var workaround in c.Portfolio.Workarounds)
        {
            var cost = c.CostOf(workaround);
            workaroundTotal += cost;
            workaroundExplain.Input("w", workaround.Description, cost, "money", c.SourceOf(workaround.Source));
        }

        var workarounds = workaroundExplain.Assumption("W", "working weeks per year", a.WorkingWeeksPerYear, Assumptions.Default.WorkingWeeksPerYear, "weeks")
            .Figure("workaroundCost", "Workaround cost", workaroundTotal, FigureUnit.Money);

        var integrationExplain = c.Explain("Σi M × m × t/60 × R × k", "every integration once: transfers × minutes of manual work × labour rate × how manual the mode is", Docs + "manual-integration-cost");
        var integrationTotal = 0m;
        foreach (var integration in c.Portfolio.Integrations)
        {
            var cost = c.CostOf(integration);
            integrationTotal += cost;
            integrationExplain.Input("i", integration.Name, cost, "money", c.SourceOf(integration.Source));
        }

        var integrations = integrationExplain.Assumption("R", "loaded labour rate", a.LabourRatePerHour, Assumptions.Default.LabourRatePerHour, "money/hour")
            .Figure("manualIntegrationCost", "Manual integration cost", integrationTotal, FigureUnit.Money);

        var leaks = SumOfKnown(
            c.Explain("unused spend + workaround cost + manual integration cost + productivity loss + blocked-work cost", "money lost across the portfolio; shared workarounds and integrations counted once", Docs + "value-leaks"),
            "valueLeaks", "Value leaks", [unused, workarounds, integrations, productivity, blocked]);

        // Every system's net value, and the manual work that belongs to no system: docs/formulas.md#portfolio-totals-and-the-waste-ratio.
        var systemsNet = Sum("netValue", "Net value delivered", "net-value-delivered", FigureUnit.Money, s => s.NetValue);
        var unlinked = 0m;
        foreach (var workaround in c.Portfolio.Workarounds)
        {
            if (workaround.Systems.Count == 0)
            {
                unlinked += c.CostOf(workaround);
            }
        }

        var netExplain = c.Explain("Σ systems' net value delivered − workarounds linked to no system", "what the portfolio delivers after its leaks and the margin on lost revenue; a system without a business case is left out and named", Docs + "net-value-delivered");
        if (c.IsExplaining)
        {
            foreach (var system in systemsNet.Why.Missing)
            {
                netExplain.Missing($"net value of {system}");
            }
        }

        var net = netExplain
            .From(systemsNet)
            .Input("unlinked", "workarounds linked to no system", unlinked, "money", Explain.Calculated)
            .Figure("netValue", "Net value delivered", systemsNet.Value - unlinked, FigureUnit.Money);

        var waste = c.Explain("value leaks / technology spend", "the share of technology spend that leaks away; the article's benchmark is 30%", Docs + "portfolio-totals-and-the-waste-ratio")
            .From(leaks).From(spend)
            .Assumption("benchmark", "waste benchmark", a.WasteBenchmark, Assumptions.Default.WasteBenchmark, "ratio")
            .MissingIf(spend.Value is not > 0m, "technology spend above zero")
            .Figure("wasteRatio", "Waste ratio", spend.Value is > 0m ? leaks.Value / spend.Value : null, FigureUnit.Ratio);

        var readinessCounts = Enum.GetValues<RecoveryReadiness>().ToDictionary(r => r, r => systems.Count(s => s.Readiness == r));

        return new PortfolioScorecard
        {
            TechnologySpend = spend,
            RevenuePerHour = rph,
            RevenueDisrupted = disrupted,
            RevenueLostToSlowPeaks = slow,
            ProductivityLostHours = productivityHours,
            ProductivityLoss = productivity,
            BlockedWorkCost = blocked,
            UnusedSpend = unused,
            WorkaroundCost = workarounds,
            ManualIntegrationCost = integrations,
            ValueLeaks = leaks,
            ValueRealised = valueRealised,
            NetValue = net,
            WasteRatio = waste,
            WasteBenchmark = a.WasteBenchmark,
            DisasterExposure = exposure,
            ReadinessCounts = readinessCounts,
            IntegrationEfficiency = c.IntegrationEfficiencyOf(null),
            ProcessAutomation = c.ProcessAutomation(),
            Adoption = PortfolioAdoption(c),
        };
    }

    /// <summary>Σ min(A, U) / Σ U over the systems where both are known: adoption weighted by intended users.</summary>
    private static Figure PortfolioAdoption(CalculationContext c)
    {
        var explain = c.Explain("Σ min(A, U) / Σ U", "active users as a share of intended users, over every system that records both", Docs + "adoption-and-unused-spend");
        decimal used = 0m, intended = 0m;
        foreach (var system in c.Portfolio.Systems)
        {
            if (system.IntendedUsers is > 0 and var u && c.MetricsOf(system.Id).ActiveUsers is { } active)
            {
                used += Math.Min(active, u);
                intended += u;
            }
        }

        explain.Input("ΣA", "active users (capped at intended)", used, "users", Explain.Calculated)
            .Input("ΣU", "intended users", intended, "users", Explain.Calculated)
            .MissingIf(intended == 0m, "a system with both intended and active users");
        return explain.Figure("adoption", "Adoption", intended > 0m ? used / intended : null, FigureUnit.Ratio);
    }

    /// <summary>Adds the known parts; a missing part is left out and named. All parts missing gives a missing figure.</summary>
    private static Figure SumOfKnown(Explain explain, string key, string label, ReadOnlySpan<Figure> parts, FigureUnit unit = FigureUnit.Money)
    {
        decimal? total = null;
        foreach (var part in parts)
        {
            explain.From(part);
            if (part.Value is { } v)
            {
                total = (total ?? 0m) + v;
            }
        }

        return explain.Figure(key, label, total, unit);
    }

    // Spans over stack-allocated arguments: a mean per score per system, without an array each time.
    private static decimal? Mean(params ReadOnlySpan<decimal?> values)
    {
        decimal sum = 0m;
        var count = 0;
        foreach (var value in values)
        {
            if (value is { } v)
            {
                sum += v;
                count++;
            }
        }

        return count == 0 ? null : sum / count;
    }

    private static decimal Clamp(decimal score) => Math.Clamp(score, 0m, 100m);
}
