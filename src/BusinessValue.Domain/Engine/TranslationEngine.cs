using BusinessValue.Domain.Integrations;
using BusinessValue.Domain.Metrics;
using BusinessValue.Domain.Organisation;
using BusinessValue.Domain.Periods;
using BusinessValue.Domain.Processes;
using BusinessValue.Domain.Systems;
using BusinessValue.Domain.Workarounds;

using D = BusinessValue.Domain.Engine.FigureCatalogue.Department;
using P = BusinessValue.Domain.Engine.FigureCatalogue.Portfolio;
using S = BusinessValue.Domain.Engine.FigureCatalogue.System;

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
public sealed partial class TranslationEngine
{
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Injected as a service.")]
    public Scorecard Calculate(Portfolio portfolio, Period period)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        ArgumentNullException.ThrowIfNull(period);
        var context = new CalculationContext(portfolio, period);
        var systems = new List<SystemScorecard>(portfolio.Systems.Count);
        for (var i = 0; i < portfolio.Systems.Count; i++)
        {
            var system = portfolio.Systems[i];
            context.ExplainLaterBy(new SystemExplainer(context, system));
            systems.Add(SystemOrMissing(context, system, context.FigureValuesOf(i)));
        }

        return WithDepartmentsAndPortfolio(context, portfolio, period, systems);
    }

    /// <summary>The scorecard of <paramref name="systems"/>, with the departments and the portfolio worked out over them.</summary>
    private static Scorecard WithDepartmentsAndPortfolio(CalculationContext context, Portfolio portfolio, Period period, List<SystemScorecard> systems)
    {
        var departments = new List<DepartmentScorecard>(portfolio.Departments.Count);
        foreach (var department in portfolio.Departments)
        {
            context.ExplainLaterBy(new DepartmentExplainer(context, department));
            departments.Add(DepartmentOrMissing(context, department));
        }

        context.ExplainLaterBy(new PortfolioExplainer(context, systems));
        return new Scorecard(period, portfolio.Organisation.Currency, systems, departments, PortfolioOrMissing(context, systems));
    }

    // Stored data the bounds refuse today (written before them, or straight into the database) can lie so far out
    // that a product leaves what decimal holds. Such a figure cannot be computed: it shows as missing with this
    // reason, and every other system, department and figure still renders (docs/formulas.md#missing-values).
    internal const string UncomputableReason =
        "a computable value (some stored data lies far outside its range and must be corrected: docs/formulas.md#bounds-of-every-value)";

    /// <param name="store">Where the quiet calculation keeps the values (see <see cref="CalculationContext.FigureValuesOf"/>); null: an array of their own.</param>
    private static SystemScorecard SystemOrMissing(CalculationContext c, ItSystem system, (decimal[] Values, int At)? store = null)
    {
        try
        {
            return CalculateSystem(c, system, store);
        }
        catch (ArithmeticException)
        {
            return UncomputableSystem(c, system, store);
        }
    }

    // Apart from SystemOrMissing: a lambda capturing c there made every system allocate its closure on entry.
    private static SystemScorecard UncomputableSystem(CalculationContext c, ItSystem system, (decimal[] Values, int At)? store)
    {
        MetricSummary metrics;
        try
        {
            metrics = c.MetricsOf(system.Id);
        }
        catch (ArithmeticException)
        {
            metrics = MetricSummary.Empty;
        }

        var figures = FigureCatalogue.SystemFigures.Select(d => Uncomputable(c, d)).ToArray();
        return new SystemScorecard(system.Id, system.Name, RecoveryReadiness.Unverified, null, figures, null, metrics, c.Period.Months, store) { Uncomputable = true };
    }

    private static DepartmentScorecard DepartmentOrMissing(CalculationContext c, Department department)
    {
        try
        {
            return CalculateDepartment(c, department);
        }
        catch (ArithmeticException)
        {
            return new DepartmentScorecard(department.Id, department.Name, Uncomputable(c, D.WorkaroundCost), new Dictionary<Guid, decimal>());
        }
    }

    private static PortfolioScorecard PortfolioOrMissing(CalculationContext c, List<SystemScorecard> systems)
    {
        try
        {
            return CalculatePortfolio(c, systems);
        }
        catch (ArithmeticException)
        {
            return new PortfolioScorecard
            {
                TechnologySpend = Uncomputable(c, P.TechnologySpend),
                RevenuePerHour = Uncomputable(c, P.RevenuePerHour),
                RevenueDisrupted = Uncomputable(c, P.RevenueDisrupted),
                RevenueLostToSlowPeaks = Uncomputable(c, P.RevenueLostToSlowPeaks),
                ProductivityLostHours = Uncomputable(c, P.ProductivityLostHours),
                ProductivityLoss = Uncomputable(c, P.ProductivityLoss),
                BlockedWorkCost = Uncomputable(c, P.BlockedWorkCost),
                UnusedSpend = Uncomputable(c, P.UnusedSpend),
                WorkaroundCost = Uncomputable(c, P.WorkaroundCost),
                ManualIntegrationCost = Uncomputable(c, P.ManualIntegrationCost),
                ValueLeaks = Uncomputable(c, P.ValueLeaks),
                ValueRealised = Uncomputable(c, P.ValueRealised),
                NetValue = Uncomputable(c, P.NetValue),
                WasteRatio = Uncomputable(c, P.WasteRatio),
                WasteBenchmark = c.Assumptions.WasteBenchmark,
                DisasterExposure = Uncomputable(c, P.DisasterExposure),
                ReadinessCounts = new Dictionary<RecoveryReadiness, int>(),
                IntegrationEfficiency = Uncomputable(c, P.IntegrationEfficiency),
                ProcessAutomation = Uncomputable(c, P.ProcessAutomation),
                Adoption = Uncomputable(c, P.Adoption),
            };
        }
    }

    private static Figure Uncomputable(CalculationContext c, FigureDefinition definition) =>
        new Explain(definition, c.Period).Missing(UncomputableReason).Figure(definition, null);

    /// <summary>Explains a system's figures by calculating the system again, once, with every explanation recorded.</summary>
    private sealed class SystemExplainer(CalculationContext context, ItSystem system) : IExplanationSource
    {
        private SystemScorecard? _explained;

        public Explanation Explain(FigureDefinition figure) =>
            (_explained ??= context.WithExplanations(() => SystemOrMissing(context, system))).Of(figure).Why;
    }

    private sealed class DepartmentExplainer(CalculationContext context, Department department) : IExplanationSource
    {
        private Explanation? _explained;

        public Explanation Explain(FigureDefinition figure) => _explained ??= context.WithExplanations(() => DepartmentOrMissing(context, department)).WorkaroundCost.Why;
    }

    private sealed class PortfolioExplainer(CalculationContext context, List<SystemScorecard> systems) : IExplanationSource
    {
        private PortfolioScorecard? _explained;

        public Explanation Explain(FigureDefinition figure) =>
            (_explained ??= context.WithExplanations(() => PortfolioOrMissing(context, systems))).Of(figure).Why;
    }

    private static readonly Severity[] Severities = [Severity.P1, Severity.P2, Severity.P3, Severity.P4];

    private static readonly string[] FitNames = ["strategic fit: supports strategy", "strategic fit: maintains status quo", "strategic fit: legacy"];

    // Measures that score themselves into technical health, in the measures' order: an array, as a foreach over
    // Measures.All (an interface) allocates an enumerator for every system.
    private static readonly Measure[] HealthMeasures = [.. Measures.All.Where(m => m.TechnicalHealthScore is not null)];

    private static SystemScorecard CalculateSystem(CalculationContext c, ItSystem system, (decimal[] Values, int At)? store)
    {
        var a = c.Assumptions;
        var d = Assumptions.Default;
        var metrics = c.MetricsOf(system.Id);
        var months = (decimal)c.Period.Months;

        var periodCost = c.Explain(S.TechnologySpend)
            .Input("TCO", "total cost of ownership per year", system.TotalCostOfOwnership, InputUnits.MoneyPerYear, c.SourceOf(system.Source))
            .Input("M", "months in the period", months, "months", c.Period.Label)
            .Figure(S.TechnologySpend, system.TotalCostOfOwnership * months / 12m);

        var rph = RevenuePerHour(c, system);
        var downtime = c.Explain(S.RevenueDisrupted)
            .Input("D", "unplanned downtime in operating hours", metrics.DowntimeMinutes, "minutes", metrics.Source)
            .From(rph)
            .Figure(S.RevenueDisrupted, metrics.DowntimeMinutes / 60m * rph.Value);

        var slowPeaks = c.Explain(S.RevenueLostToSlowPeaks)
            .Input("G", "peak-hour minutes above the response-time target", metrics.PeakDegradedMinutes, "minutes", metrics.Source)
            .From(rph)
            .Assumption("f", "abandonment factor", a.AbandonmentFactor, d.AbandonmentFactor, InputUnits.Ratio)
            .Figure(S.RevenueLostToSlowPeaks, metrics.PeakDegradedMinutes / 60m * rph.Value * a.AbandonmentFactor);

        var productivityExplain = c.Explain(S.ProductivityLostHours);
        if (c.IsExplaining)
        {
            foreach (var severity in Severities)
            {
                var (count, hours, userHours) = metrics.TicketsOf(severity);
                productivityExplain.Input($"count_{severity}", $"{severity} tickets", count, "tickets", metrics.Source)
                    .Input($"hours_{severity}", $"{severity} total resolution hours", hours, "hours", metrics.Source)
                    .Input($"users×hours_{severity}", $"{severity} resolution hours × users affected", userHours, InputUnits.UserHours, metrics.Source);
            }
        }

        var productivityHours = productivityExplain
            .Assumption("b_P1", "blocking factor P1", a.BlockingFactorP1, d.BlockingFactorP1, InputUnits.Ratio)
            .Assumption("b_P2", "blocking factor P2", a.BlockingFactorP2, d.BlockingFactorP2, InputUnits.Ratio)
            .Assumption("b_P3", "blocking factor P3", a.BlockingFactorP3, d.BlockingFactorP3, InputUnits.Ratio)
            .Assumption("b_P4", "blocking factor P4", a.BlockingFactorP4, d.BlockingFactorP4, InputUnits.Ratio)
            .Figure(S.ProductivityLostHours, metrics.ProductivityLostHours);

        var productivity = c.Explain(S.ProductivityLoss)
            .From(productivityHours)
            .Assumption("R", "loaded labour rate", a.LabourRatePerHour, d.LabourRatePerHour, InputUnits.MoneyPerHour)
            .Figure(S.ProductivityLoss, productivityHours.Value * a.LabourRatePerHour);

        var blocked = c.Explain(S.BlockedWorkCost)
            .Input("S", "hours of work blocked by security policy", metrics.BlockedWorkHours, "hours", metrics.Source)
            .Assumption("R", "loaded labour rate", a.LabourRatePerHour, d.LabourRatePerHour, InputUnits.MoneyPerHour)
            .Figure(S.BlockedWorkCost, metrics.BlockedWorkHours * a.LabourRatePerHour);

        var unpatched = c.Explain(S.RevenuePerHourUnpatched)
            .From(rph)
            .Input("patch%", "patch compliance (mean)", metrics.PatchCompliancePercent, "%", metrics.Source)
            .Figure(S.RevenuePerHourUnpatched, rph.Value * (1m - (metrics.PatchCompliancePercent / 100m)));

        var (readiness, readinessWhy, exposure) = Recovery(c, system, rph);

        var (adoption, unused) = AdoptionAndUnusedSpend(c, system, metrics, periodCost);
        var workaroundCost = c.WorkaroundCostOf(system.Id);
        var integrationCost = c.IntegrationCostOf(system.Id);
        var efficiency = c.IntegrationEfficiencyOf(system.Id);

        var valueRealised = c.Explain(S.ValueRealised)
            .Input("B", "expected annual benefit (business case)", system.ExpectedAnnualBenefit, InputUnits.MoneyPerYear, c.SourceOf(system.Source))
            .Input("M", "months in the period", months, "months", c.Period.Label)
            .From(adoption)
            .Figure(S.ValueRealised, system.ExpectedAnnualBenefit * months / 12m * adoption.Value);

        var leaks = SumOfKnown(
            c.Explain(S.ValueLeaks),
            S.ValueLeaks, [unused, workaroundCost, integrationCost, productivity, blocked]);

        var lostRevenue = (downtime.Value ?? 0m) + (slowPeaks.Value ?? 0m);
        var netValue = c.Explain(S.NetValue)
            .From(valueRealised)
            .From(leaks)
            .From(downtime)
            .From(slowPeaks)
            .Assumption("μ", "margin", a.Margin, d.Margin, InputUnits.Ratio)
            .Figure(S.NetValue, valueRealised.Value - leaks.Value - (lostRevenue * a.Margin));

        var roi = c.Explain(S.Roi)
            .From(netValue)
            .From(periodCost)
            .MissingIf(periodCost.Value == 0m, "a cost of ownership (TCO is 0)")
            .Figure(S.Roi, periodCost.Value is > 0m ? netValue.Value / periodCost.Value : null);

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
        return c.IsExplaining
            ? new SystemScorecard(system.Id, system.Name, readiness, quadrant, figures, null, metrics, c.Period.Months)
            : new SystemScorecard(system.Id, system.Name, readiness, quadrant, figures, c.CurrentSource, metrics, c.Period.Months, store);
    }

    /// <summary>docs/formulas.md#revenue-per-hour: RPH = Σπ r_π × d(s,π), r = Rev / (OH × 52).</summary>
    private static Figure RevenuePerHour(CalculationContext c, ItSystem system)
    {
        var explain = c.Explain(S.RevenuePerHour);
        var total = 0m;
        foreach (var (process, dependency, r) in c.DependenciesOf(system.Id))
        {
            total += r * dependency.RevenueShare;
            if (c.IsExplaining)
            {
                explain.Input("r", process.Name, r, InputUnits.MoneyPerHour, c.SourceOf(process))
                    .Input("d", process.Name, dependency.RevenueShare, InputUnits.Share, c.SourceOf(process));
            }
        }

        return explain.Figure(S.RevenuePerHour, total);
    }

    private static (RecoveryReadiness, Figure, Figure) Recovery(CalculationContext c, ItSystem system, Figure rph)
    {
        var a = c.Assumptions;
        var latest = c.LatestRestoreTestOf(system.Id);
        var readinessExplain = c.Explain(S.RecoveryReadiness)
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

        var exposureExplain = c.Explain(S.DisasterExposure)
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

        var exposure = exposureExplain.Figure(S.DisasterExposure, rph.Value * hours);
        return (readiness, readinessExplain.Figure(S.RecoveryReadiness, null), exposure);
    }

    private static (Figure Adoption, Figure UnusedSpend) AdoptionAndUnusedSpend(CalculationContext c, ItSystem system, MetricSummary metrics, Figure periodCost)
    {
        decimal? adoptionValue = metrics.ActiveUsers is { } active && system.IntendedUsers is > 0 and var intended
            ? Math.Min(1m, active / intended)
            : null;
        var adoption = c.Explain(S.Adoption)
            .Input("A", "active users (mean)", metrics.ActiveUsers, "users", metrics.Source)
            .Input("U", "intended users", system.IntendedUsers, "users", c.SourceOf(system.Source))
            .MissingIf(system.IntendedUsers == 0, "intended users above zero")
            .Figure(S.Adoption, adoptionValue);
        var unused = c.Explain(S.UnusedSpend)
            .From(periodCost)
            .From(adoption)
            .Figure(S.UnusedSpend, periodCost.Value * (1m - adoptionValue));
        return (adoption, unused);
    }

    /// <summary>
    /// docs/formulas.md#technical-health-score: the mean of what IT reports today: uptime against its SLA, and
    /// every measure that scores itself (<see cref="Measure.TechnicalHealthScore"/>), in the measures' order.
    /// </summary>
    private static Figure TechnicalHealth(CalculationContext c, MetricSummary metrics)
    {
        decimal? uptimeAttainment = metrics.UptimePercent is { } up && metrics.SlaUptimeTargetPercent is > 0m and var sla
            ? Math.Min(100m, up / sla * 100m)
            : null;
        var explain = c.Explain(S.TechnicalHealth)
            .Input("uptime", "uptime (mean)", metrics.UptimePercent, InputUnits.Percent, metrics.Source)
            .Input("SLA", "uptime SLA target (mean)", metrics.SlaUptimeTargetPercent, InputUnits.Percent, metrics.Source)
            .Input("uptime attainment", "uptime against its SLA target", uptimeAttainment, InputUnits.Score, metrics.Source);
        decimal sum = uptimeAttainment ?? 0m;
        var count = uptimeAttainment is null ? 0 : 1;
        foreach (var measure in HealthMeasures)
        {
            var score = measure.TechnicalHealthScore!;
            var value = metrics[measure];
            explain.Input(measure.Symbol, measure.Phrase, value, measure.Unit == MeasureUnit.Percent ? InputUnits.Percent : InputUnits.Score, metrics.Source);
            if (value is { } v)
            {
                sum += score(v);
                count++;
            }
        }

        return explain.Figure(S.TechnicalHealth, count == 0 ? null : sum / count);
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
        var explain = c.Explain(S.BusinessValue)
            .Input("ROI score", "return on the period's spend (200% scores 100)", roiScore, InputUnits.Score, Explain.Calculated)
            .Input("adoption score", "adoption × 100", adoptionScore, InputUnits.Score, Explain.Calculated)
            .Input("leak score", "100 minus leaks as a share of the period's spend", leakScore, InputUnits.Score, Explain.Calculated)
            .Input("strategic fit", FitNames[(int)system.StrategicFit], fitScore, InputUnits.Score, c.SourceOf(system.Source))
            .Input("satisfaction score", "user satisfaction, 1–5 scaled to 0–100", satisfactionScore, InputUnits.Score, metrics.Source);
        return explain.Figure(S.BusinessValue, Mean(roiScore, adoptionScore, leakScore, fitScore, satisfactionScore));
    }

    private static DepartmentScorecard CalculateDepartment(CalculationContext c, Department department)
    {
        var explain = c.Explain(D.WorkaroundCost);
        var total = 0m;
        var bySystem = new Dictionary<Guid, decimal>();
        foreach (var workaround in c.WorkaroundsOf(department.Id))
        {
            var cost = c.CostOf(workaround);
            total += cost;
            explain.Input("w", workaround.Description, cost, InputUnits.Money, c.SourceOf(workaround.Source));
            var systems = workaround.Systems;
            for (var i = 0; i < systems.Count; i++)
            {
                var systemId = systems[i].SystemId;
                bySystem[systemId] = bySystem.GetValueOrDefault(systemId) + (cost / systems.Count);
            }
        }

        return new DepartmentScorecard(department.Id, department.Name, explain.Figure(D.WorkaroundCost, total), bySystem);
    }

    private static PortfolioScorecard CalculatePortfolio(CalculationContext c, List<SystemScorecard> systems)
    {
        var a = c.Assumptions;
        Figure Sum(FigureDefinition definition, Action<Explain>? assumptions = null)
        {
            var perSystem = definition.SumOf!;
            var explain = c.Explain(definition);
            if (c.IsExplaining)
            {
                // The assumptions each system's figure rests on, so a total built on defaults says so too.
                assumptions?.Invoke(explain);
            }

            if (!c.IsExplaining)
            {
                // Added up while each system was calculated, when its figures were still in the cache.
                return explain.Figure(definition, c.TotalOf(perSystem));
            }

            decimal? total = null;
            var what = $"{perSystem.Label.ToLowerInvariant()} for {c.Period.Label}";
            foreach (var system in systems)
            {
                var part = system.Of(perSystem);
                explain.From(part, $"{system.Name}: {what}", system.Name);
                if (part.Value is { } v)
                {
                    total = (total ?? 0m) + v;
                }
            }

            return explain.Figure(definition, total);
        }

        var spend = Sum(P.TechnologySpend);
        var rph = Sum(P.RevenuePerHour);
        var disrupted = Sum(P.RevenueDisrupted);
        var slow = Sum(P.RevenueLostToSlowPeaks,
            e => e.Assumption("f", "abandonment factor", a.AbandonmentFactor, Assumptions.Default.AbandonmentFactor, InputUnits.Ratio));
        void BlockingFactors(Explain e) => e
            .Assumption("b_P1", "blocking factor P1", a.BlockingFactorP1, Assumptions.Default.BlockingFactorP1, InputUnits.Ratio)
            .Assumption("b_P2", "blocking factor P2", a.BlockingFactorP2, Assumptions.Default.BlockingFactorP2, InputUnits.Ratio)
            .Assumption("b_P3", "blocking factor P3", a.BlockingFactorP3, Assumptions.Default.BlockingFactorP3, InputUnits.Ratio)
            .Assumption("b_P4", "blocking factor P4", a.BlockingFactorP4, Assumptions.Default.BlockingFactorP4, InputUnits.Ratio);
        void LabourRate(Explain e) => e.Assumption("R", "loaded labour rate", a.LabourRatePerHour, Assumptions.Default.LabourRatePerHour, InputUnits.MoneyPerHour);
        var productivityHours = Sum(P.ProductivityLostHours, BlockingFactors);
        var productivity = Sum(P.ProductivityLoss,
            e => { BlockingFactors(e); LabourRate(e); });
        var blocked = Sum(P.BlockedWorkCost, LabourRate);
        var unused = Sum(P.UnusedSpend);
        var valueRealised = Sum(P.ValueRealised);
        var exposure = Sum(P.DisasterExposure,
            e =>
            {
                if (systems.Any(s => s.Readiness != RecoveryReadiness.Verified && c.LatestRestoreTestOf(s.SystemId)?.MeasuredRecoveryHours is null))
                {
                    e.Assumption("72h", "recovery hours assumed for systems without a measured test", a.UntestedRecoveryHours, Assumptions.Default.UntestedRecoveryHours, "hours");
                }
            });

        // Shared items are counted once here, and unlinked ones too: docs/formulas.md#portfolio-totals-and-the-waste-ratio.
        var workaroundExplain = c.Explain(P.WorkaroundCost);
        var workaroundTotal = 0m;
        foreach (var workaround in c.Portfolio.Workarounds)
        {
            var cost = c.CostOf(workaround);
            workaroundTotal += cost;
            workaroundExplain.Input("w", workaround.Description, cost, InputUnits.Money, c.SourceOf(workaround.Source));
        }

        var workarounds = workaroundExplain.Assumption("W", "working weeks per year", a.WorkingWeeksPerYear, Assumptions.Default.WorkingWeeksPerYear, "weeks")
            .Figure(P.WorkaroundCost, workaroundTotal);

        var integrationExplain = c.Explain(P.ManualIntegrationCost);
        var integrationTotal = 0m;
        foreach (var integration in c.Portfolio.Integrations)
        {
            var cost = c.CostOf(integration);
            integrationTotal += cost;
            integrationExplain.Input("i", integration.Name, cost, InputUnits.Money, c.SourceOf(integration.Source));
        }

        var integrations = integrationExplain.Assumption("R", "loaded labour rate", a.LabourRatePerHour, Assumptions.Default.LabourRatePerHour, InputUnits.MoneyPerHour)
            .Figure(P.ManualIntegrationCost, integrationTotal);

        var leaks = SumOfKnown(
            c.Explain(P.ValueLeaks),
            P.ValueLeaks, [unused, workarounds, integrations, productivity, blocked]);

        // Every system's net value, and the manual work that belongs to no system: docs/formulas.md#portfolio-totals-and-the-waste-ratio.
        var systemsNet = Sum(P.SystemsNetValue);
        var unlinked = 0m;
        foreach (var workaround in c.Portfolio.Workarounds)
        {
            if (workaround.Systems.Count == 0)
            {
                unlinked += c.CostOf(workaround);
            }
        }

        var netExplain = c.Explain(P.NetValue);
        if (c.IsExplaining)
        {
            foreach (var system in systemsNet.Why.Missing)
            {
                netExplain.Missing($"net value of {system}");
            }
        }

        var net = netExplain
            .From(systemsNet)
            .Input("unlinked", "workarounds linked to no system", unlinked, InputUnits.Money, Explain.Calculated)
            .Figure(P.NetValue, systemsNet.Value - unlinked);

        var waste = c.Explain(P.WasteRatio)
            .From(leaks).From(spend)
            .Assumption("benchmark", "waste benchmark", a.WasteBenchmark, Assumptions.Default.WasteBenchmark, InputUnits.Ratio)
            .MissingIf(spend.Value is not > 0m, "technology spend above zero")
            .Figure(P.WasteRatio, spend.Value is > 0m ? leaks.Value / spend.Value : null);

        var readinessCounts = new Dictionary<RecoveryReadiness, int>();
        foreach (var readiness in Enum.GetValues<RecoveryReadiness>())
        {
            readinessCounts[readiness] = 0;
        }

        foreach (var system in systems)
        {
            readinessCounts[system.Readiness]++;
        }

        // Data coverage once per set of measures, not once per figure: docs/formulas.md#data-coverage.
        var coverages = new Dictionary<(uint, bool), DataCoverage>();
        Figure Covered(Figure figure)
        {
            var definition = figure.Definition;
            if (!definition.RestsOnMeasures)
            {
                return figure;
            }

            var needs = (definition.Needs, definition.CoveredByAnyMeasure);
            if (!coverages.TryGetValue(needs, out var coverage))
            {
                int best = 0, gaps = 0;
                foreach (var system in systems)
                {
                    var recorded = system.MonthsRecording(definition);
                    best = Math.Max(best, recorded);
                    gaps += recorded < c.Period.Months ? 1 : 0;
                }

                coverage = new DataCoverage(best, c.Period.Months, gaps, systems.Count);
                coverages[needs] = coverage;
            }

            return figure.WithCoverage(coverage);
        }

        return new PortfolioScorecard
        {
            TechnologySpend = Covered(spend),
            RevenuePerHour = Covered(rph),
            RevenueDisrupted = Covered(disrupted),
            RevenueLostToSlowPeaks = Covered(slow),
            ProductivityLostHours = Covered(productivityHours),
            ProductivityLoss = Covered(productivity),
            BlockedWorkCost = Covered(blocked),
            UnusedSpend = Covered(unused),
            WorkaroundCost = Covered(workarounds),
            ManualIntegrationCost = Covered(integrations),
            ValueLeaks = Covered(leaks),
            ValueRealised = Covered(valueRealised),
            NetValue = Covered(net),
            WasteRatio = Covered(waste),
            WasteBenchmark = a.WasteBenchmark,
            DisasterExposure = Covered(exposure),
            ReadinessCounts = readinessCounts,
            IntegrationEfficiency = Covered(c.IntegrationEfficiencyOf(null)),
            ProcessAutomation = Covered(c.ProcessAutomation()),
            Adoption = Covered(PortfolioAdoption(c)),
        };
    }

    /// <summary>Σ min(A, U) / Σ U over the systems where both are known: adoption weighted by intended users.</summary>
    private static Figure PortfolioAdoption(CalculationContext c)
    {
        var explain = c.Explain(P.Adoption);
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
        return explain.Figure(P.Adoption, intended > 0m ? used / intended : null);
    }

    /// <summary>Adds the known parts; a missing part is left out and named. All parts missing gives a missing figure.</summary>
    private static Figure SumOfKnown(Explain explain, FigureDefinition definition, ReadOnlySpan<Figure> parts)
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

        return explain.Figure(definition, total);
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
