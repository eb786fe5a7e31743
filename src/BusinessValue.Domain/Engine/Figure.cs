namespace BusinessValue.Domain.Engine;

public enum FigureUnit
{
    Money,
    MoneyPerHour,
    Hours,
    Minutes,
    Percent,
    Ratio,
    Score,
    Users,

    /// <summary>A category with an explanation and no amount (recovery readiness).</summary>
    Category,
}

/// <summary>One input of a figure: its symbol in the formula, its value and unit, and where it came from.</summary>
public sealed record FigureInput(string Symbol, string Name, decimal? Value, string Unit, string Source, bool IsDefaultAssumption = false)
{
    public const string DefaultAssumptionSource = "default assumption";
    public const string OrganisationSettingSource = "organisation setting";

    /// <summary>True when the input is one of the organisation's assumptions, shipped default or changed.</summary>
    public bool IsAssumption => Source is DefaultAssumptionSource or OrganisationSettingSource;
}

/// <summary>Why a figure has its value: formula, inputs with sources, period, and what was missing.</summary>
public sealed record Explanation(
    string Formula,
    string InWords,
    string Period,
    string DocsAnchor,
    IReadOnlyList<FigureInput> Inputs,
    IReadOnlyList<string> Missing)
{
    public bool UsesDefaultAssumption => Inputs.Any(i => i.IsDefaultAssumption);

    public bool HasMissingInputs => Missing.Count > 0;

    /// <summary>How many of the period's months record what the figure rests on.</summary>
    public DataCoverage Coverage { get; init; }

    /// <summary>The period as a person says it, e.g. "2026-Q3 (July – September 2026)".</summary>
    public string PeriodInWords { get; init; } = Period;

    internal Explanation Covering(DataCoverage coverage) => coverage == Coverage ? this : this with { Coverage = coverage };
}

/// <summary>Something that can explain a figure it produced, on demand.</summary>
internal interface IExplanationSource
{
    Explanation Explain(FigureDefinition figure);
}

/// <summary>
/// A business figure with its explanation. <see cref="Value"/> is exact (never rounded) and null when an
/// input it cannot do without is missing; money is in the scorecard's currency. The explanation is built
/// when first asked for: a scorecard of thousands of systems computes values, and a person opens one
/// explanation at a time. A value type: a calculation creates hundreds of thousands of figures, and none
/// of them needs the heap.
/// </summary>
public readonly struct Figure
{
    // The explanation itself, or the source that builds it on request (and caches it).
    private readonly object? _whyOrSource;

    internal Figure(FigureDefinition definition, decimal? value, Explanation? why, IExplanationSource? source, DataCoverage coverage = default)
    {
        Definition = definition;
        Value = value;
        Coverage = coverage;
        _whyOrSource = (object?)why ?? source;
    }

    /// <summary>What the figure is: label, unit, formula and docs, declared once in <see cref="FigureCatalogue"/>.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public FigureDefinition Definition { get; }

    public string Key => Definition.Key;

    public string Label => Definition.Label;

    public decimal? Value { get; }

    public FigureUnit Unit => Definition.Unit;

    /// <summary>How many of the period's months record what the figure rests on.</summary>
    public DataCoverage Coverage { get; }

    public Explanation Why => (_whyOrSource switch
    {
        Explanation why => why,
        IExplanationSource source => source.Explain(Definition),
        _ => throw new InvalidOperationException($"No explanation for {Key}."),
    }).Covering(Coverage);

    public bool IsMissing => Value is null;

    /// <summary>The unit as a reader names it, in <paramref name="currency"/> for money.</summary>
    public string UnitText(string currency) => Unit switch
    {
        FigureUnit.Money => currency,
        FigureUnit.MoneyPerHour => $"{currency} per hour",
        FigureUnit.Hours => "hours",
        FigureUnit.Minutes => "minutes",
        FigureUnit.Percent or FigureUnit.Ratio => "%",
        FigureUnit.Score => "score out of 100",
        FigureUnit.Users => "users",
        _ => "category",
    };

    /// <summary>True when the explanation is already at hand (figures calculated in explanation mode).</summary>
    internal bool HasExplanation => _whyOrSource is Explanation;

    /// <summary>The same figure with its data coverage.</summary>
    internal Figure WithCoverage(DataCoverage coverage) => new(Definition, Value, _whyOrSource as Explanation, _whyOrSource as IExplanationSource, coverage);

    public override string ToString() => $"{Label}: {Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "missing"}";
}
