using BusinessValue.Domain.Integrations;
using BusinessValue.Domain.Metrics;
using BusinessValue.Domain.Organisation;
using BusinessValue.Domain.Periods;
using BusinessValue.Domain.Processes;
using BusinessValue.Domain.Workarounds;

namespace BusinessValue.Domain.Engine;

/// <summary>
/// The portfolio indexed once per calculation, so that every system's figures are found by lookup rather
/// than by scanning the whole portfolio again (10,000 systems in well under 100 ms).
/// </summary>
internal sealed class CalculationContext
{
    private const string Docs = "docs/formulas.md#";

    private readonly Dictionary<Guid, List<(BusinessProcess, Dependency)>> _dependencies = [];
    private readonly Dictionary<Guid, List<MonthlyMetrics>> _metrics = [];
    private readonly Dictionary<Guid, MetricSummary> _summaries = [];
    private readonly Dictionary<Guid, RestoreTest> _latestTests = [];
    private readonly Dictionary<Guid, List<Workaround>> _workarounds = [];
    private readonly Dictionary<Guid, List<Integration>> _integrations = [];
    private readonly Dictionary<Guid, decimal> _labourRates = [];
    private readonly Dictionary<Guid, string> _processSources = [];
    private readonly Dictionary<InputSource, string> _sourceTexts = [];

    public CalculationContext(Portfolio portfolio, Period period)
    {
        Portfolio = portfolio;
        Period = period;
        Assumptions = portfolio.Organisation.Assumptions;

        foreach (var department in portfolio.Departments)
        {
            _labourRates[department.Id] = department.EffectiveLabourRate(Assumptions);
        }

        var processes = portfolio.Processes.ToDictionary(p => p.Id);
        foreach (var dependency in portfolio.Dependencies)
        {
            if (processes.TryGetValue(dependency.ProcessId, out var process))
            {
                ListOf(_dependencies, dependency.SystemId).Add((process, dependency));
            }
        }

        foreach (var month in portfolio.Metrics)
        {
            if (period.Contains(month.Month))
            {
                ListOf(_metrics, month.SystemId).Add(month);
            }
        }

        foreach (var test in portfolio.RestoreTests)
        {
            if (test.TestedOn <= period.LastDay
                && (!_latestTests.TryGetValue(test.SystemId, out var current) || test.TestedOn > current.TestedOn))
            {
                _latestTests[test.SystemId] = test;
            }
        }

        foreach (var workaround in portfolio.Workarounds)
        {
            foreach (var systemId in workaround.SystemIds)
            {
                ListOf(_workarounds, systemId).Add(workaround);
            }
        }

        foreach (var integration in portfolio.Integrations)
        {
            foreach (var systemId in integration.SystemIds)
            {
                ListOf(_integrations, systemId).Add(integration);
            }
        }
    }

    public Portfolio Portfolio { get; }

    public Period Period { get; }

    public Assumptions Assumptions { get; }

    public IReadOnlyList<(BusinessProcess Process, Dependency Dependency)> DependenciesOf(Guid systemId) =>
        _dependencies.TryGetValue(systemId, out var list) ? list : [];

    public MetricSummary MetricsOf(Guid systemId)
    {
        if (!_summaries.TryGetValue(systemId, out var summary))
        {
            summary = _metrics.TryGetValue(systemId, out var months) ? MetricSummary.Of(months, Assumptions) : MetricSummary.Empty;
            _summaries[systemId] = summary;
        }

        return summary;
    }

    public RestoreTest? LatestRestoreTestOf(Guid systemId) => _latestTests.GetValueOrDefault(systemId);

    public string SourceOf(InputSource? source)
    {
        if (source is null)
        {
            return "recorded in the inventory";
        }

        // Many records share a source (one import, one API key); describe each once.
        if (!_sourceTexts.TryGetValue(source, out var text))
        {
            text = source.ToString();
            _sourceTexts[source] = text;
        }

        return text;
    }

    public string SourceOf(BusinessProcess process)
    {
        if (!_processSources.TryGetValue(process.Id, out var source))
        {
            source = $"process {process.Name}";
            _processSources[process.Id] = source;
        }

        return source;
    }

    /// <summary>
    /// docs/formulas.md#workaround-cost: (n × h × W × R_dept + C) / 12 for each month of the period, times the
    /// share of that month's days before a removal date. Month by month, so a quarter is the sum of its months.
    /// </summary>
    public decimal CostOf(Workaround workaround)
    {
        var annual = AnnualCostOf(workaround);
        if (workaround.Status != WorkaroundStatus.Removed || workaround.RemovedOn is not { } removed || removed > Period.LastDay)
        {
            return annual * Period.Months / 12m;
        }

        var total = 0m;
        foreach (var month in Period.EachMonth())
        {
            total += annual / 12m * workaround.ActiveShareOf(month.FirstDay, month.LastDay);
        }

        return total;
    }

    /// <summary>n × h × W × R_dept + C: what a workaround costs in a full year.</summary>
    public decimal AnnualCostOf(Workaround workaround)
    {
        var rate = workaround.DepartmentId is { } department && _labourRates.TryGetValue(department, out var r) ? r : Assumptions.LabourRatePerHour;
        return (workaround.People * workaround.HoursPerPersonPerWeek * Assumptions.WorkingWeeksPerYear * rate) + workaround.DirectAnnualCost;
    }

    /// <summary>docs/formulas.md#manual-integration-cost: M × m × t/60 × R × k.</summary>
    public decimal CostOf(Integration integration) =>
        Period.Months * AnnualBase(integration) / 12m * Integration.ManualFactor(integration.Mode);

    public Figure WorkaroundCostOf(Guid systemId)
    {
        var explain = new Explain("Σw (n × h × W × M/12 × R_dept + C × M/12) / systems_w", "manual work around the system: people × hours × working weeks × labour rate, plus direct costs; a workaround shared by several systems is split equally", Docs + "workaround-cost", Period);
        var total = 0m;
        if (_workarounds.TryGetValue(systemId, out var workarounds))
        {
            foreach (var workaround in workarounds)
            {
                var share = CostOf(workaround) / workaround.Systems.Count;
                total += share;
                explain.Input("w", workaround.Description, share, "money", SourceOf(workaround.Source));
            }
        }

        return explain.Assumption("W", "working weeks per year", Assumptions.WorkingWeeksPerYear, Assumptions.Default.WorkingWeeksPerYear, "weeks")
            .Figure("workaroundCost", "Workaround cost", total, FigureUnit.Money);
    }

    public Figure IntegrationCostOf(Guid systemId)
    {
        var explain = new Explain("Σi M × m × t/60 × R × k / systems_i", "manual transfers to and from the system: transfers × minutes × labour rate × how manual the mode is (manual 1, semi-automated 0.5, automated 0), split between its two systems", Docs + "manual-integration-cost", Period);
        var total = 0m;
        if (_integrations.TryGetValue(systemId, out var integrations))
        {
            foreach (var integration in integrations)
            {
                var share = CostOf(integration) / integration.SystemIds.Count;
                total += share;
                explain.Input("i", integration.Name, share, "money", SourceOf(integration.Source));
            }
        }

        return explain.Assumption("R", "loaded labour rate", Assumptions.LabourRatePerHour, Assumptions.Default.LabourRatePerHour, "money/hour")
            .Figure("manualIntegrationCost", "Manual integration cost", total, FigureUnit.Money);
    }

    /// <summary>docs/formulas.md#integration-efficiency: automated volume / all volume; for one system, or all when null.</summary>
    public Figure IntegrationEfficiencyOf(Guid? systemId)
    {
        IEnumerable<Integration> integrations = systemId is { } id
            ? _integrations.TryGetValue(id, out var list) ? list : []
            : Portfolio.Integrations;
        decimal automated = 0m, all = 0m;
        foreach (var integration in integrations)
        {
            all += integration.TransfersPerMonth;
            if (integration.Mode == IntegrationMode.Automated)
            {
                automated += integration.TransfersPerMonth;
            }
        }

        return new Explain("Σ m (automated) / Σ m (all)", "the share of transfers between systems that flow without human work", Docs + "integration-efficiency", Period)
            .Input("m automated", "automated transfers per month", automated, "transfers", Explain.Calculated)
            .Input("m all", "all transfers per month", all, "transfers", Explain.Calculated)
            .MissingIf(all == 0m, "integrations with transfers")
            .Figure("integrationEfficiency", "Integration efficiency", all > 0m ? automated / all : null, FigureUnit.Ratio);
    }

    /// <summary>
    /// docs/formulas.md#process-automation: the share of all manual work ever recorded (by annual cost when
    /// first recorded) that has since been removed or automated.
    /// </summary>
    public Figure ProcessAutomation()
    {
        decimal recorded = 0m, removed = 0m;
        foreach (var workaround in Portfolio.Workarounds)
        {
            var annual = AnnualCostOf(workaround);
            recorded += annual;
            if (workaround.Status == WorkaroundStatus.Removed && workaround.RemovedOn is { } day && day <= Period.LastDay)
            {
                removed += annual;
            }
        }

        foreach (var integration in Portfolio.Integrations)
        {
            if (integration.FirstRecordedMode == IntegrationMode.Automated)
            {
                continue;
            }

            var first = AnnualBase(integration) * Integration.ManualFactor(integration.FirstRecordedMode);
            var now = AnnualBase(integration) * Integration.ManualFactor(integration.Mode);
            recorded += first;
            removed += Math.Max(0m, first - now);
        }

        return new Explain("cost of manual work removed or automated / cost of all manual work ever recorded", "how much of the manual work ever recorded (workarounds, manual and semi-automated integrations) has been eliminated", Docs + "process-automation", Period)
            .Input("removed", "annual cost of manual work since removed or automated", removed, "money/year", Explain.Calculated)
            .Input("recorded", "annual cost of all manual work ever recorded", recorded, "money/year", Explain.Calculated)
            .MissingIf(recorded == 0m, "manual work recorded")
            .Figure("processAutomation", "Process automation", recorded > 0m ? removed / recorded : null, FigureUnit.Ratio);
    }

    /// <summary>12 × m × t/60 × R: a year of the integration's transfers done fully by hand.</summary>
    private decimal AnnualBase(Integration integration) =>
        12m * integration.TransfersPerMonth * integration.MinutesPerTransfer / 60m * Assumptions.LabourRatePerHour;

    private static List<T> ListOf<T>(Dictionary<Guid, List<T>> index, Guid key)
    {
        if (!index.TryGetValue(key, out var list))
        {
            list = [];
            index[key] = list;
        }

        return list;
    }
}
