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
    // Everything about one system in one place, by slot: one lookup per system id, and no object per system. The
    // lists of a system (its dependencies and the period's months) are slices of one array each, filled in the
    // portfolio's order, so every sum adds the same numbers in the same order as a list per system would.
    private readonly Dictionary<Guid, int> _slots;
    private readonly SystemLinks[] _links;
    private readonly int _nowhere;
    private readonly (BusinessProcess, Dependency, decimal)[] _dependencies;
    private readonly MonthlyMetrics[] _months;
    private readonly uint[] _monthsRecorded;
    private readonly decimal?[] _measureValues;
    private readonly decimal[] _figureValues;
    private Guid _currentId;
    private int _current = -1;
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
        var systemList = portfolio.Systems;
        _slots = new(systemList.Count);
        for (var i = 0; i < systemList.Count; i++)
        {
            // Two systems with one id share a slot, as they shared an index entry before.
            _slots.TryAdd(systemList[i].Id, _slots.Count);
        }

        // One more slot, always empty: what a system id outside the portfolio is asked about.
        _nowhere = _slots.Count;
        _links = new SystemLinks[_slots.Count + 1];
        _measureValues = new decimal?[_slots.Count * MetricSummary.ValuesPerSystem];
        _figureValues = new decimal[systemList.Count * FigureCatalogue.SystemFigures.Count];

        foreach (var department in portfolio.Departments)
        {
            _labourRates[department.Id] = department.EffectiveLabourRate(Assumptions);
        }

        // Revenue per operating hour once per process, not once per dependency.
        var processes = new Dictionary<Guid, (BusinessProcess Process, decimal PerHour)>(portfolio.Processes.Count);
        foreach (var process in portfolio.Processes)
        {
            processes[process.Id] = (process, process.RevenuePerOperatingHour);
        }

        // Records pointing at a system that is not in the portfolio are left out: they were never shown.
        var (dependencySlots, dependencyCount) = SlotsOf(portfolio.Dependencies, d => processes.ContainsKey(d.ProcessId) ? d.SystemId : null,
            static (ref SystemLinks links) => ref links.Dependencies);
        _dependencies = new (BusinessProcess, Dependency, decimal)[dependencyCount];
        Fill(portfolio.Dependencies, dependencySlots, static (ref SystemLinks links) => ref links.Dependencies,
            d =>
            {
                var (process, perHour) = processes[d.ProcessId];
                return (process, d, perHour);
            },
            _dependencies);

        var (monthSlots, monthCount) = SlotsOf(portfolio.Metrics, m => period.Contains(m.Month) ? m.SystemId : null,
            static (ref SystemLinks links) => ref links.Months);
        _months = new MonthlyMetrics[monthCount];
        _monthsRecorded = new uint[_months.Length];
        Fill(portfolio.Metrics, monthSlots, static (ref SystemLinks links) => ref links.Months, static m => m, _months);

        foreach (var test in portfolio.RestoreTests)
        {
            ref var links = ref LinksOf(test.SystemId);
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
            var share = systems.Count > 0 ? cost / systems.Count : 0m;
            for (var i = 0; i < systems.Count; i++)
            {
                LinksOf(systems[i].SystemId).WorkaroundTotal += share;
            }
        }

        foreach (var integration in portfolio.Integrations)
        {
            var cost = Integration.ManualCost(Period.Months, integration.TransfersPerMonth, integration.MinutesPerTransfer, integration.Mode, Assumptions.LabourRatePerHour);
            _periodCosts[integration] = cost;
            var systems = integration.SystemIds;
            var share = systems.Count > 0 ? cost / systems.Count : 0m;
            for (var i = 0; i < systems.Count; i++)
            {
                ref var links = ref LinksOf(systems[i]);
                links.IntegrationTotal += share;
                links.AllVolume += integration.TransfersPerMonth;
                if (integration.Mode == IntegrationMode.Automated)
                {
                    links.AutomatedVolume += integration.TransfersPerMonth;
                }
            }
        }

        // The slot outside the portfolio collected the shares of items linked to unknown systems: it stays empty.
        _links[_nowhere] = default;
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

    public ReadOnlySpan<(BusinessProcess Process, Dependency Dependency, decimal RevenuePerHour)> DependenciesOf(Guid systemId)
    {
        var slice = LinksOf(systemId).Dependencies;
        return _dependencies.AsSpan(slice.First, slice.Count);
    }

    public MetricSummary MetricsOf(Guid systemId)
    {
        var slot = SlotOf(systemId);
        ref var links = ref _links[slot];
        var months = links.Months;
        return links.Summary ??= months.Count > 0
            ? MetricSummary.Of(_months, _monthsRecorded, months.First, months.Count, _measureValues, slot * MetricSummary.ValuesPerSystem, Assumptions, _describeSource)
            : MetricSummary.Empty;
    }

    /// <summary>
    /// Where the quiet calculation keeps the figure values of the system at <paramref name="position"/> in the
    /// portfolio: a slice of one array for every system, rather than an array each (docs/performance.md).
    /// </summary>
    public (decimal[] Values, int At) FigureValuesOf(int position) => (_figureValues, position * FigureCatalogue.SystemFigures.Count);

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
        var total = LinksOf(systemId).WorkaroundTotal;
        if (_explaining)
        {
            foreach (var (workaround, share) in WorkaroundsLinkedTo(systemId))
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

        return explain.Assumption("W", "working weeks per year", Assumptions.WorkingWeeksPerYear, Assumptions.Default.WorkingWeeksPerYear, "weeks")
            .Figure(S.WorkaroundCost, total);
    }

    public Figure IntegrationCostOf(Guid systemId)
    {
        var explain = Explain(S.ManualIntegrationCost);
        var total = LinksOf(systemId).IntegrationTotal;
        if (_explaining)
        {
            foreach (var (integration, share) in IntegrationsLinkedTo(systemId))
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

        return explain.Assumption("R", "loaded labour rate", Assumptions.LabourRatePerHour, Assumptions.Default.LabourRatePerHour, InputUnits.MoneyPerHour)
            .Figure(S.ManualIntegrationCost, total);
    }

    /// <summary>docs/formulas.md#integration-efficiency: automated volume / all volume; for one system, or all when null.</summary>
    public Figure IntegrationEfficiencyOf(Guid? systemId)
    {
        decimal automated = 0m, all = 0m;
        if (systemId is { } id)
        {
            ref var links = ref LinksOf(id);
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

    /// <summary>The workarounds touching a system with its equal share of each, in the portfolio's order: for explanations.</summary>
    private List<(Workaround Item, decimal Share)> WorkaroundsLinkedTo(Guid systemId)
    {
        var linked = new List<(Workaround, decimal)>();
        foreach (var workaround in Portfolio.Workarounds)
        {
            var systems = workaround.Systems;
            for (var i = 0; i < systems.Count; i++)
            {
                if (systems[i].SystemId == systemId)
                {
                    linked.Add((workaround, CostOf(workaround) / systems.Count));
                }
            }
        }

        return linked;
    }

    /// <summary>The integrations touching a system with its equal share of each, in the portfolio's order: for explanations.</summary>
    private List<(Integration Item, decimal Share)> IntegrationsLinkedTo(Guid systemId)
    {
        var linked = new List<(Integration, decimal)>();
        foreach (var integration in Portfolio.Integrations)
        {
            var systems = integration.SystemIds;
            for (var i = 0; i < systems.Count; i++)
            {
                if (systems[i] == systemId)
                {
                    linked.Add((integration, CostOf(integration) / systems.Count));
                }
            }
        }

        return linked;
    }

    /// <summary>The system's links; the last one asked for is remembered, as a system's figures ask several times in a row.</summary>
    private ref SystemLinks LinksOf(Guid systemId) => ref _links[SlotOf(systemId)];

    private int SlotOf(Guid systemId)
    {
        if (_current < 0 || systemId != _currentId)
        {
            _currentId = systemId;
            _current = _slots.TryGetValue(systemId, out var slot) ? slot : _nowhere;
        }

        return _current;
    }

    private delegate ref Slice SliceOf(ref SystemLinks links);

    /// <summary>
    /// First pass of a slice-per-system index: each record's slot (or -1 when <paramref name="systemOf"/> leaves it
    /// out), counted into the slots' slices. The returned array is rented: <see cref="Fill"/> gives it back.
    /// </summary>
    private (int[] Slots, int Count) SlotsOf<T>(IReadOnlyList<T> records, Func<T, Guid?> systemOf, SliceOf slice)
    {
        var slots = System.Buffers.ArrayPool<int>.Shared.Rent(Math.Max(1, records.Count));
        var count = 0;
        for (var i = 0; i < records.Count; i++)
        {
            var slot = systemOf(records[i]) is { } systemId ? SlotOf(systemId) : _nowhere;
            if (slot == _nowhere)
            {
                slots[i] = -1;
                continue;
            }

            slice(ref _links[slot]).Count++;
            slots[i] = slot;
            count++;
        }

        return (slots, count);
    }

    /// <summary>Second pass: every slot's slice placed after the one before it, then filled in the records' order.</summary>
    private void Fill<T, TItem>(IReadOnlyList<T> records, int[] slots, SliceOf slice, Func<T, TItem> item, TItem[] into)
    {
        var next = 0;
        for (var i = 0; i < _nowhere; i++)
        {
            ref var s = ref slice(ref _links[i]);
            s.First = next;
            next += s.Count;
            s.Count = 0;
        }

        for (var i = 0; i < records.Count; i++)
        {
            if (slots[i] >= 0)
            {
                ref var s = ref slice(ref _links[slots[i]]);
                into[s.First + s.Count++] = item(records[i]);
            }
        }

        System.Buffers.ArrayPool<int>.Shared.Return(slots);
    }

    private struct Slice
    {
        public int First;
        public int Count;
    }

    private struct SystemLinks
    {
        public Slice Dependencies;

        public Slice Months;

        public MetricSummary? Summary;

        public RestoreTest? LatestTest;

        public decimal WorkaroundTotal;

        public decimal IntegrationTotal;

        public decimal AutomatedVolume;

        public decimal AllVolume;
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
