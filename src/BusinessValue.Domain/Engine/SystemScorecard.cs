using BusinessValue.Domain.Metrics;
using S = BusinessValue.Domain.Engine.FigureCatalogue.System;

namespace BusinessValue.Domain.Engine;

/// <summary>
/// Every business figure of one system for one period, each with its explanation. Values are kept in one
/// compact array and figures are handed out on request: a portfolio of 10,000 systems holds 10,000 small
/// arrays rather than a quarter of a million figure objects (docs/performance.md).
/// </summary>
public sealed class SystemScorecard
{
    // Values without the nullable wrapper (16 bytes each instead of 24) and one bit per figure slot for "has a
    // value" (64 slots; the catalogue has 21 system figures).
    private readonly decimal[] _values;
    private readonly int _valuesAt;
    private readonly ulong _hasValue;
    private readonly Explanation[]? _explanations;
    private readonly IExplanationSource? _source;
    private readonly MetricSummary _metrics;
    private readonly int _months;

    /// <param name="store">
    /// Where to keep the values, when the calculation holds one array for every system (from its second item on, this
    /// system's slots, which nothing else writes); a new array when null.
    /// </param>
    internal SystemScorecard(Guid systemId, string name, RecoveryReadiness readiness, Quadrant? quadrant, ReadOnlySpan<Figure> figures, IExplanationSource? source, MetricSummary metrics, int months,
        (decimal[] Values, int At)? store = null)
    {
        SystemId = systemId;
        Name = name;
        Readiness = readiness;
        Quadrant = quadrant;
        _metrics = metrics;
        _months = months;
        (_values, _valuesAt) = store ?? (new decimal[FigureCatalogue.SystemFigures.Count], 0);
        foreach (var figure in figures)
        {
            var slot = figure.Definition.Slot;
            if (figure.Value is { } value)
            {
                _values[_valuesAt + slot] = value;
                _hasValue |= 1ul << slot;
            }
            else
            {
                _values[_valuesAt + slot] = 0m;
                _hasValue &= ~(1ul << slot);
            }
        }

        if (source is null)
        {
            // Calculated with explanations: keep them, there is nothing to ask later.
            _explanations = new Explanation[FigureCatalogue.SystemFigures.Count];
            foreach (var figure in figures)
            {
                _explanations[figure.Definition.Slot] = figure.Why;
            }
        }

        _source = source;
    }

    // A scorecard kept by an incremental recalculation: the same values, explained from the new calculation
    // (TranslationEngine.Recalculate), with its metrics detached from the old one (MetricSummary.Detached) and its
    // values in an array of its own, so the kept scorecard holds nothing of the old calculation: neither its portfolio
    // nor its arrays for every system. Under a stream of writes each recalculation would otherwise stay alive for as
    // long as one system it calculated is kept (docs/performance.md#freshness-under-writes).
    private SystemScorecard(SystemScorecard kept, IExplanationSource source, MetricSummary metrics)
    {
        SystemId = kept.SystemId;
        Name = kept.Name;
        Readiness = kept.Readiness;
        Quadrant = kept.Quadrant;
        _metrics = metrics;
        _months = kept._months;
        (_values, _valuesAt) = kept._values.Length == FigureCatalogue.SystemFigures.Count
            ? (kept._values, kept._valuesAt)
            : (kept._values.AsSpan(kept._valuesAt, FigureCatalogue.SystemFigures.Count).ToArray(), 0);
        _hasValue = kept._hasValue;
        _source = source;
    }

    public Guid SystemId { get; }

    public string Name { get; }

    public RecoveryReadiness Readiness { get; }

    /// <summary>Null while either score is missing.</summary>
    public Quadrant? Quadrant { get; }

    public TimeDecision? SuggestedDecision => Quadrant?.SuggestedDecision();

    public Figure PeriodCost => Of(S.TechnologySpend);

    public Figure RevenuePerHour => Of(S.RevenuePerHour);

    public Figure RevenueDisrupted => Of(S.RevenueDisrupted);

    public Figure RevenueLostToSlowPeaks => Of(S.RevenueLostToSlowPeaks);

    public Figure ProductivityLostHours => Of(S.ProductivityLostHours);

    public Figure ProductivityLoss => Of(S.ProductivityLoss);

    public Figure BlockedWorkCost => Of(S.BlockedWorkCost);

    public Figure RevenuePerHourUnpatched => Of(S.RevenuePerHourUnpatched);

    public Figure DisasterExposure => Of(S.DisasterExposure);

    public Figure Adoption => Of(S.Adoption);

    public Figure UnusedSpend => Of(S.UnusedSpend);

    public Figure WorkaroundCost => Of(S.WorkaroundCost);

    public Figure ManualIntegrationCost => Of(S.ManualIntegrationCost);

    public Figure IntegrationEfficiency => Of(S.IntegrationEfficiency);

    public Figure ValueRealised => Of(S.ValueRealised);

    public Figure ValueLeaks => Of(S.ValueLeaks);

    public Figure NetValue => Of(S.NetValue);

    public Figure Roi => Of(S.Roi);

    public Figure TechnicalHealth => Of(S.TechnicalHealth);

    public Figure BusinessValue => Of(S.BusinessValue);

    /// <summary>Why the readiness is what it is (its figure carries no value, only the explanation).</summary>
    public Figure ReadinessFigure => Of(S.RecoveryReadiness);

    public Explanation ReadinessWhy => ReadinessFigure.Why;

    /// <summary>Every figure with a value, in the catalogue's order, for exports and the "why this number?" lists.</summary>
    public IEnumerable<Figure> Figures => FigureCatalogue.SystemFigures.Where(f => f.HasValue).Select(Of);

    /// <summary>The system's figure <paramref name="definition"/>, with its data coverage.</summary>
    public Figure Of(FigureDefinition definition)
    {
        if (definition.Scope != FigureScope.System)
        {
            throw new ArgumentException($"{definition} is not a system figure.", nameof(definition));
        }

        var slot = definition.Slot;
        decimal? value = (_hasValue & (1ul << slot)) != 0 ? _values[_valuesAt + slot] : null;
        return new(definition, value, _explanations?[slot], _source, CoverageOf(definition));
    }

    /// <summary>What IT reported for the period: the measure summed or averaged over its months, as the engine used it.</summary>
    public decimal? Reported(Measure measure) => _metrics[measure];

    /// <summary>Tickets of every severity in the period; null when no month records a count.</summary>
    public int? TicketCount => _metrics.TicketCount;

    /// <summary>True when the engine could not calculate the system (stored data out of range): every figure is missing.</summary>
    internal bool Uncomputable { get; init; }

    /// <summary>The metric summary the figures rest on, as the engine used it.</summary>
    internal MetricSummary Metrics => _metrics;

    /// <summary>A figure's value by its slot in <see cref="FigureCatalogue.SystemFigures"/>, without making the figure.</summary>
    internal decimal? ValueAt(int slot) => (_hasValue & (1ul << slot)) != 0 ? _values[_valuesAt + slot] : null;

    /// <summary>The same figures, explained by <paramref name="source"/> when asked.</summary>
    internal SystemScorecard ExplainedBy(IExplanationSource source, MetricSummary metrics) => new(this, source, metrics);

    internal int MonthsRecording(FigureDefinition definition) => _metrics.MonthsRecording(definition.Needs, definition.CoveredByAnyMeasure);

    /// <summary>The thinnest coverage among the system's figures: a system row on any surface says at least this.</summary>
    public DataCoverage Coverage => FigureCatalogue.SystemFigures.Where(f => f.RestsOnMeasures).Select(CoverageOf)
        .Aggregate(DataCoverage.NotApplicable, (thinnest, c) => !thinnest.Applies || c.MonthsRecorded < thinnest.MonthsRecorded ? c : thinnest);

    /// <summary>How many of the period's months record what <paramref name="definition"/> rests on.</summary>
    public DataCoverage CoverageOf(FigureDefinition definition) =>
        definition.RestsOnMeasures ? new DataCoverage(MonthsRecording(definition), _months) : DataCoverage.NotApplicable;
}
