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
public sealed record FigureInput(string Symbol, string Name, decimal? Value, string Unit, string Source, bool IsDefaultAssumption = false);

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

/// <summary>
/// A business figure with its explanation. <see cref="Value"/> is exact (never rounded) and null when an
/// input it cannot do without is missing; money is in the scorecard's currency.
/// </summary>
public sealed record Figure(string Key, string Label, decimal? Value, FigureUnit Unit, Explanation Why)
{
    public bool IsMissing => Value is null;
}
