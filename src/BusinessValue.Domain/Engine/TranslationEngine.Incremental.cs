using S = BusinessValue.Domain.Engine.FigureCatalogue.System;

namespace BusinessValue.Domain.Engine;

/// <summary>Recalculating a scorecard after some systems' monthly metrics changed (docs/performance.md#freshness-under-writes).</summary>
public sealed partial class TranslationEngine
{
    // The system figures a calculated system adds to the portfolio's running totals (CalculateSystem's AddToTotals), in
    // the same order, so a kept system adds exactly what it added before and the totals come out the same to the digit.
    private static readonly FigureDefinition[] Totalled =
    [
        S.TechnologySpend, S.RevenuePerHour, S.RevenueDisrupted, S.RevenueLostToSlowPeaks, S.ProductivityLostHours, S.ProductivityLoss,
        S.BlockedWorkCost, S.UnusedSpend, S.ValueRealised, S.DisasterExposure, S.NetValue,
    ];

    /// <summary>
    /// The scorecard of <paramref name="portfolio"/> for <paramref name="previous"/>'s period, when the portfolio differs
    /// from the one <paramref name="previous"/> was calculated from only in monthly metrics of
    /// <paramref name="changedSystems"/>. Those systems are calculated again; every other system's figures are kept
    /// (a system's figures rest on its own months alone); departments and the portfolio are worked out again over all
    /// of them (adoption, coverage and the totals span every system). The result equals <see cref="Calculate"/> to the
    /// digit, explanations included; when the previous scorecard cannot be built on (other systems, a system that could
    /// not be calculated) it is a full calculation.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Injected as a service.")]
    public Scorecard Recalculate(Scorecard previous, Portfolio portfolio, IReadOnlySet<Guid> changedSystems)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(portfolio);
        ArgumentNullException.ThrowIfNull(changedSystems);
        var period = previous.Period;
        if (!CanBuildOn(previous, portfolio))
        {
            return Calculate(portfolio, period);
        }

        try
        {
            return RecalculateSystems(previous, portfolio, changedSystems);
        }
        catch (ArithmeticException)
        {
            // A total out of decimal's range: the full calculation knows which figures that leaves missing.
            return Calculate(portfolio, period);
        }
    }

    private static Scorecard RecalculateSystems(Scorecard previous, Portfolio portfolio, IReadOnlySet<Guid> changedSystems)
    {
        var period = previous.Period;
        var context = new CalculationContext(portfolio, period);
        var systems = new List<SystemScorecard>(portfolio.Systems.Count);
        for (var i = 0; i < portfolio.Systems.Count; i++)
        {
            var system = portfolio.Systems[i];
            var explainer = new SystemExplainer(context, system);
            if (changedSystems.Contains(system.Id))
            {
                context.ExplainLaterBy(explainer);
                systems.Add(SystemOrMissing(context, system));
                continue;
            }

            // Explained from this calculation, not the previous one: the new scorecard must not keep the old portfolio alive.
            var kept = previous.Systems[i];
            var metrics = kept.Metrics.Detached();
            context.KeepMetricsOf(system.Id, metrics);
            foreach (var figure in Totalled)
            {
                context.AddToTotal(figure, kept.ValueAt(figure.Slot));
            }

            systems.Add(kept.ExplainedBy(explainer, metrics));
        }

        // Departments rest on workarounds only, but their explanations belong to this calculation: worked out again (cheap).
        return WithDepartmentsAndPortfolio(context, portfolio, period, systems);
    }

    /// <summary>The same systems in the same order (so totals add up in the same order), every one of them calculated.</summary>
    private static bool CanBuildOn(Scorecard previous, Portfolio portfolio)
    {
        if (previous.Systems.Count != portfolio.Systems.Count || previous.Currency != portfolio.Organisation.Currency)
        {
            return false;
        }

        for (var i = 0; i < portfolio.Systems.Count; i++)
        {
            if (previous.Systems[i].SystemId != portfolio.Systems[i].Id || previous.Systems[i].Uncomputable)
            {
                return false;
            }
        }

        return true;
    }
}
