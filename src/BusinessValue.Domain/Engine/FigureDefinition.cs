using BusinessValue.Domain.Metrics;

namespace BusinessValue.Domain.Engine;

/// <summary>Whose figure it is: one system's, the whole portfolio's, or one department's.</summary>
public enum FigureScope
{
    System,
    Portfolio,
    Department,
}

/// <summary>
/// One business figure, declared once: its key, its label in the product's words, its unit, its formula in
/// symbols and as a sentence, where docs/formulas.md explains it, how it adds up across systems and months, and
/// which monthly measures it rests on (for data coverage). The engine computes it under this definition; the
/// pages, the Excel export, the API and <c>bv scorecard</c> read labels, units and order from it.
/// </summary>
public sealed class FigureDefinition
{
    internal FigureDefinition(
        FigureScope scope,
        string key,
        string label,
        string symbol,
        FigureUnit unit,
        string formula,
        string inWords,
        string docsAnchor,
        string acrossSystems,
        string acrossMonths,
        uint needs)
    {
        Scope = scope;
        Key = key;
        Label = label;
        Symbol = symbol;
        Unit = unit;
        Formula = formula;
        InWords = inWords;
        DocsAnchor = docsAnchor;
        AcrossSystems = acrossSystems;
        AcrossMonths = acrossMonths;
        Needs = needs;
    }

    public FigureScope Scope { get; }

    /// <summary>A stable identifier for exports and the API, e.g. <c>revenueDisrupted</c>; never shown to a reader.</summary>
    public string Key { get; }

    /// <summary>The figure's name as a reader says it, e.g. "Revenue disrupted by downtime".</summary>
    public string Label { get; }

    /// <summary>The figure's symbol when it is an input of another formula, e.g. <c>RPH</c>.</summary>
    public string Symbol { get; }

    public FigureUnit Unit { get; }

    /// <summary>The formula in symbols, e.g. <c>D/60 × RPH</c>.</summary>
    public string Formula { get; }

    /// <summary>The formula as a sentence a reader follows.</summary>
    public string InWords { get; }

    /// <summary>The section of docs/formulas.md (and of the in-app formula pages), e.g. <c>revenue-per-hour</c>.</summary>
    public string DocsAnchor { get; }

    /// <summary>How the figure adds up over the portfolio's systems.</summary>
    public string AcrossSystems { get; }

    /// <summary>How the figure adds up over the months of a period.</summary>
    public string AcrossMonths { get; }

    /// <summary>The monthly measures the figure rests on, one bit each (<see cref="Measure"/>; tickets: <see cref="MetricSummary.TicketsBit"/>).</summary>
    internal uint Needs { get; }

    /// <summary>
    /// For a score, a mean of whichever parts are recorded: a month counts as covered when it records any of
    /// <see cref="Needs"/>, not all of them (docs/formulas.md#data-coverage).
    /// </summary>
    public bool CoveredByAnyMeasure => Unit == FigureUnit.Score;

    /// <summary>True when the figure rests on monthly measures, so its data coverage matters.</summary>
    public bool RestsOnMeasures => Needs != 0;

    /// <summary>The monthly measures the figure rests on, as a sentence names them ("downtime", "tickets by severity").</summary>
    public IEnumerable<string> MeasuresNeeded =>
        Measures.All.Where(m => (Needs & m.Bit) != 0).Select(m => m.Phrase)
            .Concat((Needs & MetricSummary.TicketsBit) != 0 ? ["tickets by severity"] : []);

    /// <summary>False for a figure that carries only an explanation (recovery readiness is a category).</summary>
    public bool HasValue => Unit != FigureUnit.Category;

    /// <summary>Position among the figures of its scope (<see cref="FigureCatalogue"/>).</summary>
    public int Slot { get; internal set; }

    /// <summary>For a portfolio total: the system figure it adds up.</summary>
    internal FigureDefinition? SumOf { get; init; }

    public string DocsLink => "docs/formulas.md#" + DocsAnchor;

    public override string ToString() => $"{Scope}:{Key}";
}
