using BusinessValue.Domain.Integrations;
using BusinessValue.Domain.Metrics;
using BusinessValue.Domain.Organisation;
using BusinessValue.Domain.Periods;
using BusinessValue.Domain.Processes;
using BusinessValue.Domain.Workarounds;

using P = BusinessValue.Domain.Engine.FigureCatalogue.Portfolio;
using S = BusinessValue.Domain.Engine.FigureCatalogue.System;

namespace BusinessValue.Domain.Engine;

/// <summary>
/// The portfolio indexed once per calculation, so that every system's figures are found by lookup rather
/// than by scanning the whole portfolio again (10,000 systems in well under 100 ms).
/// </summary>
internal sealed partial class CalculationContext
{
    // Everything about one system in one place: one lookup per system, and its data close together in memory.
    private readonly Dictionary<Guid, SystemLinks> _links;
    private Guid _currentId;
    private SystemLinks? _current;
    private readonly decimal[] _totalSums = new decimal[FigureCatalogue.SystemFigures.Count];
    private readonly bool[] _totalAny = new bool[FigureCatalogue.SystemFigures.Count];
    private readonly Dictionary<object, decimal> _periodCosts;
    private readonly Dictionary<Guid, List<Workaround>> _departmentWorkarounds = [];
    private readonly Dictionary<Guid, decimal> _labourRates = [];
    private readonly Dictionary<Guid, string> _processSources = [];
    // By reference: records of one import share one source object, and hashing its text for every lookup costs.
    private readonly Dictionary<InputSource, string> _sourceTexts = new(ReferenceEqualityComparer.Instance);
    private InputSource? _lastSource;
    private string? _lastSourceText;

    public CalculationContext(Portfolio portfolio, Period period)
    {
        Portfolio = portfolio;
        Period = period;
        Assumptions = portfolio.Organisation.Assumptions;
        _describeSource = SourceOf;
        _periodCosts = new(portfolio.Workarounds.Count + portfolio.Integrations.Count, ReferenceEqualityComparer.Instance);
        _links = new(portfolio.Systems.Count);
        foreach (var system in portfolio.Systems)
        {
            _links[system.Id] = new SystemLinks();
        }

        foreach (var department in portfolio.Departments)
        {
            _labourRates[department.Id] = department.EffectiveLabourRate(Assumptions);
        }

        // Revenue per operating hour once per process, not once per dependency.
        var processes = portfolio.Processes.ToDictionary(p => p.Id, p => (Process: p, PerHour: p.RevenuePerOperatingHour));
        foreach (var dependency in portfolio.Dependencies)
        {
            if (processes.TryGetValue(dependency.ProcessId, out var process))
            {
                (LinksOf(dependency.SystemId).Dependencies ??= []).Add((process.Process, dependency, process.PerHour));
            }
        }

        foreach (var month in portfolio.Metrics)
        {
            if (period.Contains(month.Month))
            {
                (LinksOf(month.SystemId).Metrics ??= new List<MonthlyMetrics>(period.Months)).Add(month);
            }
        }

        foreach (var test in portfolio.RestoreTests)
        {
            var links = LinksOf(test.SystemId);
            if (test.TestedOn <= period.LastDay && (links.LatestTest is null || test.TestedOn > links.LatestTest.TestedOn))
            {
                links.LatestTest = test;
            }
        }

        foreach (var workaround in portfolio.Workarounds)
        {
            if (workaround.DepartmentId is { } departmentId)
            {
                ListOf(_departmentWorkarounds, departmentId).Add(workaround);
            }

            // Each item's cost is worked out once, and its equal share once, for every system it touches.
            var cost = ComputeCostOf(workaround);
            _periodCosts[workaround] = cost;
            var systems = workaround.Systems;
            foreach (var link in systems)
            {
                var links = LinksOf(link.SystemId);
                var share = cost / systems.Count;
                (links.Workarounds ??= []).Add((workaround, share));
                links.WorkaroundTotal += share;
            }
        }

        foreach (var integration in portfolio.Integrations)
        {
            var cost = Integration.ManualCost(Period.Months, integration.TransfersPerMonth, integration.MinutesPerTransfer, integration.Mode, Assumptions.LabourRatePerHour);
            _periodCosts[integration] = cost;
            var systems = integration.SystemIds;
            foreach (var systemId in systems)
            {
                var links = LinksOf(systemId);
                var share = cost / systems.Count;
                (links.Integrations ??= []).Add((integration, share));
                links.IntegrationTotal += share;
                links.AllVolume += integration.TransfersPerMonth;
                if (integration.Mode == IntegrationMode.Automated)
                {
                    links.AutomatedVolume += integration.TransfersPerMonth;
                }
            }
        }
    }

    private readonly Func<InputSource, string> _describeSource;
    private Explain? _quiet;
    private bool _explaining;

    public Portfolio Portfolio { get; }

    public bool IsExplaining => _explaining;

    /// <summary>Where quiet figures created now will ask for their explanation.</summary>
    public IExplanationSource? CurrentSource { get; private set; }

    public Period Period { get; }

    public Assumptions Assumptions { get; }

    /// <summary>A builder for one figure: recording in explanation mode, quiet (and free) otherwise.</summary>
    public Explain Explain(FigureDefinition definition) =>
        _explaining || _quiet is null ? new Explain(definition, Period, Portfolio.Organisation.AssumptionsSetAtUtc is not null) : _quiet;

    /// <summary>Figures computed from here on are explained later by <paramref name="source"/>.</summary>
    public void ExplainLaterBy(IExplanationSource source)
    {
        CurrentSource = source;
        if (_quiet is null)
        {
            _quiet = Engine.Explain.Quiet(source);
        }
        else
        {
            _quiet.ExplainLaterBy(source);
        }
    }

    /// <summary>Runs a calculation again with every explanation recorded. One at a time: the context is shared.</summary>
    public T WithExplanations<T>(Func<T> calculate)
    {
        lock (_links)
        {
            var quiet = _quiet;
            _explaining = true;
            try
            {
                return calculate();
            }
            finally
            {
                _explaining = false;
                _quiet = quiet;
            }
        }
    }

    /// <summary>
    /// Adds a system's figures to the portfolio's running totals (docs/formulas.md#portfolio-totals-and-the-waste-ratio),
    /// each under its definition's slot.
    /// </summary>
    public void AddToTotals(params ReadOnlySpan<Figure> figures)
    {
        foreach (var figure in figures)
        {
            if (figure.Value is { } v)
            {
                var slot = figure.Definition.Slot;
                _totalSums[slot] += v;
                _totalAny[slot] = true;
            }
        }
    }

    /// <summary>The running total of a system figure over every system; missing when no system had a value.</summary>
    public decimal? TotalOf(FigureDefinition systemFigure) =>
        _totalAny[systemFigure.Slot] ? _totalSums[systemFigure.Slot] : null;

    public IReadOnlyList<(BusinessProcess Process, Dependency Dependency, decimal RevenuePerHour)> DependenciesOf(Guid systemId) =>
        (IReadOnlyList<(BusinessProcess, Dependency, decimal)>?)LinksOf(systemId).Dependencies ?? [];

    public MetricSummary MetricsOf(Guid systemId)
    {
        var links = LinksOf(systemId);
        return links.Summary ??= links.Metrics is { } months ? MetricSummary.Of(months, Assumptions, _describeSource) : MetricSummary.Empty;
    }

    public IReadOnlyList<Workaround> WorkaroundsOf(Guid departmentId) =>
        _departmentWorkarounds.TryGetValue(departmentId, out var list) ? list : [];

    public RestoreTest? LatestRestoreTestOf(Guid systemId) => LinksOf(systemId).LatestTest;

    public string SourceOf(InputSource? source)
    {
        if (source is null)
        {
            return "recorded in the inventory";
        }

        // Many records share a source (one import, one API key); describe each once.
        if (ReferenceEquals(source, _lastSource))
        {
            return _lastSourceText!;
        }

        if (!_sourceTexts.TryGetValue(source, out var text))
        {
            text = source.ToString();
            _sourceTexts[source] = text;
        }

        _lastSource = source;
        _lastSourceText = text;
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
    public decimal CostOf(Workaround workaround) =>
        _periodCosts.TryGetValue(workaround, out var cost) ? cost : ComputeCostOf(workaround);

    private decimal ComputeCostOf(Workaround workaround)
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

    /// <summary>R_dept: the labour rate of the workaround's department, or the organisation's.</summary>
    private decimal RateOf(Workaround workaround) =>
        workaround.DepartmentId is { } department && _labourRates.TryGetValue(department, out var rate) ? rate : Assumptions.LabourRatePerHour;

    /// <summary>n × h × W × R_dept + C: what a workaround costs in a full year.</summary>
    public decimal AnnualCostOf(Workaround workaround)
    {
        return WorkaroundCost.Annual(workaround.People, workaround.HoursPerPersonPerWeek, workaround.DirectAnnualCost, RateOf(workaround), Assumptions);
    }

    /// <summary>docs/formulas.md#manual-integration-cost: M × m × t/60 × R × k.</summary>
    public decimal CostOf(Integration integration) => _periodCosts[integration];

    public Figure WorkaroundCostOf(Guid systemId)
    {
        var explain = Explain(S.WorkaroundCost);
        var links = LinksOf(systemId);
        if (_explaining && links.Workarounds is { } workarounds)
        {
            foreach (var (workaround, share) in workarounds)
            {
                var rate = RateOf(workaround);
                var currency = Portfolio.Organisation.Currency.Code;
                var status = workaround.Status switch
                {
                    WorkaroundStatus.Removed => $"removed{(workaround.RemovedOn is { } day ? $" on {day:yyyy-MM-dd}" : "")}",
                    WorkaroundStatus.BeingRemoved => "being removed",
                    _ => "open",
                };
                explain.Input("w", string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{workaround.Description}: {workaround.People:#,0.##} people × {workaround.HoursPerPersonPerWeek:#,0.##} hours a week at {rate:#,0.##} {currency} an hour, plus {workaround.DirectAnnualCost:#,0.##} {currency} a year direct; {status}{(workaround.Systems.Count > 1 ? $"; split {workaround.Systems.Count} ways" : "")}"),
                    share, InputUnits.Money, SourceOf(workaround.Source));
            }
        }

        var total = links.WorkaroundTotal;
        return explain.Assumption("W", "working weeks per year", Assumptions.WorkingWeeksPerYear, Assumptions.Default.WorkingWeeksPerYear, "weeks")
            .Figure(S.WorkaroundCost, total);
    }

    public Figure IntegrationCostOf(Guid systemId)
    {
        var explain = Explain(S.ManualIntegrationCost);
        var links = LinksOf(systemId);
        if (_explaining && links.Integrations is { } integrations)
        {
            foreach (var (integration, share) in integrations)
            {
                var mode = integration.Mode switch
                {
                    IntegrationMode.Automated => "automated",
                    IntegrationMode.SemiAutomated => "semi-automated, half the work by hand",
                    _ => "manual",
                };
                explain.Input("i", string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{integration.Name}: {integration.TransfersPerMonth:#,0.##} transfers a month × {integration.MinutesPerTransfer:#,0.##} minutes each, {mode}{(integration.SystemIds.Count > 1 ? $"; split {integration.SystemIds.Count} ways" : "")}"),
                    share, InputUnits.Money, SourceOf(integration.Source));
            }
        }

        var total = links.IntegrationTotal;
        return explain.Assumption("R", "loaded labour rate", Assumptions.LabourRatePerHour, Assumptions.Default.LabourRatePerHour, InputUnits.MoneyPerHour)
            .Figure(S.ManualIntegrationCost, total);
    }

    /// <summary>docs/formulas.md#integration-efficiency: automated volume / all volume; for one system, or all when null.</summary>
    public Figure IntegrationEfficiencyOf(Guid? systemId)
    {
        decimal automated = 0m, all = 0m;
        if (systemId is { } id)
        {
            var links = LinksOf(id);
            automated = links.AutomatedVolume;
            all = links.AllVolume;
        }
        else
        {
            foreach (var integration in Portfolio.Integrations)
            {
                all += integration.TransfersPerMonth;
                if (integration.Mode == IntegrationMode.Automated)
                {
                    automated += integration.TransfersPerMonth;
                }
            }
        }

        return Explain(systemId is null ? P.IntegrationEfficiency : S.IntegrationEfficiency)
            .Input("m automated", "automated transfers per month", automated, "transfers", Engine.Explain.Calculated)
            .Input("m all", "all transfers per month", all, "transfers", Engine.Explain.Calculated)
            .MissingIf(all == 0m, "integrations with transfers")
            .Figure(systemId is null ? P.IntegrationEfficiency : S.IntegrationEfficiency, all > 0m ? automated / all : null);
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

        return Explain(P.ProcessAutomation)
            .Input("removed", "annual cost of manual work since removed or automated", removed, InputUnits.MoneyPerYear, Engine.Explain.Calculated)
            .Input("recorded", "annual cost of all manual work ever recorded", recorded, InputUnits.MoneyPerYear, Engine.Explain.Calculated)
            .MissingIf(recorded == 0m, "manual work recorded")
            .Figure(P.ProcessAutomation, recorded > 0m ? removed / recorded : null);
    }

    /// <summary>12 × m × t/60 × R: a year of the integration's transfers done fully by hand.</summary>
    private decimal AnnualBase(Integration integration) =>
        Integration.AnnualHandWorkCost(integration.TransfersPerMonth, integration.MinutesPerTransfer, Assumptions.LabourRatePerHour);

    /// <summary>The system's links; the last one asked for is remembered, as a system's figures ask several times in a row.</summary>
    private SystemLinks LinksOf(Guid systemId)
    {
        if (_current is not null && systemId == _currentId)
        {
            return _current;
        }

        if (!_links.TryGetValue(systemId, out var links))
        {
            // A record pointing at a system that is not in the portfolio still gets a place, and is never shown.
            links = new SystemLinks();
            _links[systemId] = links;
        }

        _currentId = systemId;
        _current = links;
        return links;
    }

    private sealed class SystemLinks
    {
        public List<(BusinessProcess, Dependency, decimal)>? Dependencies { get; set; }

        public List<MonthlyMetrics>? Metrics { get; set; }

        public MetricSummary? Summary { get; set; }

        public RestoreTest? LatestTest { get; set; }

        public List<(Workaround Item, decimal Share)>? Workarounds { get; set; }

        public List<(Integration Item, decimal Share)>? Integrations { get; set; }

        public decimal WorkaroundTotal { get; set; }

        public decimal IntegrationTotal { get; set; }

        public decimal AutomatedVolume { get; set; }

        public decimal AllVolume { get; set; }
    }

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
