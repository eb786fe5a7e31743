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
}

/// <summary>Something that can explain a figure it produced, on demand.</summary>
internal interface IExplanationSource
{
    Explanation Explain(string key);
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

    internal Figure(string key, string label, decimal? value, FigureUnit unit, Explanation? why, IExplanationSource? source)
    {
        Key = key;
        Label = label;
        Value = value;
        Unit = unit;
        _whyOrSource = (object?)why ?? source;
    }

    public string Key { get; }

    public string Label { get; }

    public decimal? Value { get; }

    public FigureUnit Unit { get; }

    public Explanation Why => _whyOrSource switch
    {
        Explanation why => why,
        IExplanationSource source => source.Explain(Key),
        _ => throw new InvalidOperationException($"No explanation for {Key}."),
    };

    public bool IsMissing => Value is null;

    /// <summary>True when the explanation is already at hand (figures calculated in explanation mode).</summary>
    internal bool HasExplanation => _whyOrSource is Explanation;

    public override string ToString() => $"{Label}: {Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "missing"}";
}
