using BusinessValue.Domain.Periods;

namespace BusinessValue.Domain.Engine;

/// <summary>Builds a figure together with its explanation, so no figure can exist without one.</summary>
internal sealed class Explain(string formula, string inWords, string anchor, Period period)
{
    public const string DefaultAssumption = "default assumption";
    public const string OrganisationSetting = "organisation setting";
    public const string Calculated = "calculated";

    private readonly List<FigureInput> _inputs = new(6);
    private List<string>? _missing;

    /// <summary>An input that may be missing; a missing one is listed as such.</summary>
    public Explain Input(string symbol, string name, decimal? value, string unit, string source)
    {
        _inputs.Add(new FigureInput(symbol, name, value, unit, source));
        if (value is null)
        {
            Missing(name);
        }

        return this;
    }

    /// <summary>An assumption from the organisation settings, flagged when it is the shipped default.</summary>
    public Explain Assumption(string symbol, string name, decimal value, decimal defaultValue, string unit)
    {
        var isDefault = value == defaultValue;
        _inputs.Add(new FigureInput(symbol, name, value, unit, isDefault ? DefaultAssumption : OrganisationSetting, isDefault));
        return this;
    }

    public Explain From(Figure figure) => Input(ShortSymbol(figure), figure.Label, figure.Value, UnitName(figure.Unit), Calculated);

    public Explain Missing(string what)
    {
        (_missing ??= new List<string>(2)).Add(what);
        return this;
    }

    public Explain MissingIf(bool condition, string what) => condition ? Missing(what) : this;

    public Figure Figure(string key, string label, decimal? value, FigureUnit unit) => new(key, label, value, unit, Build());

    public Explanation Build() => new(formula, inWords, period.Label, anchor, _inputs, (IReadOnlyList<string>?)_missing ?? []);

    private static string ShortSymbol(Figure figure) => figure.Key;

    private static string UnitName(FigureUnit unit) => unit switch
    {
        FigureUnit.Money => "money",
        FigureUnit.MoneyPerHour => "money/hour",
        FigureUnit.Hours => "hours",
        FigureUnit.Minutes => "minutes",
        FigureUnit.Percent => "%",
        FigureUnit.Ratio => "ratio",
        FigureUnit.Score => "score 0–100",
        _ => "users",
    };
}
