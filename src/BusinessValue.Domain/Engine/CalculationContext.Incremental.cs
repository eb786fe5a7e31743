namespace BusinessValue.Domain.Engine;

/// <summary>What an incremental recalculation (TranslationEngine.Recalculate) adds to a calculation's context.</summary>
internal sealed partial class CalculationContext
{
    /// <summary>
    /// Uses the summary a kept system was calculated with: its months are the same, so summarising them again would
    /// give the same summary (the portfolio's adoption and every explanation ask for it).
    /// </summary>
    public void KeepMetricsOf(Guid systemId, MetricSummary summary)
    {
        var links = LinksOf(systemId);
        links.Summary ??= summary;
    }

    /// <summary>Adds a kept system's value to the running total of <paramref name="systemFigure"/>, as AddToTotals does.</summary>
    public void AddToTotal(FigureDefinition systemFigure, decimal? value)
    {
        if (value is { } v)
        {
            var slot = systemFigure.Slot;
            _totalSums[slot] += v;
            _totalAny[slot] = true;
        }
    }
}
