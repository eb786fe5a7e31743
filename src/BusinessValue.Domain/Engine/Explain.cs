using BusinessValue.Domain.Periods;

namespace BusinessValue.Domain.Engine;

/// <summary>
/// Builds a figure together with its explanation, so no figure can exist without one. A quiet builder
/// records nothing and leaves the figure to ask its source for the explanation later.
/// </summary>
internal sealed class Explain
{
    public const string DefaultAssumption = FigureInput.DefaultAssumptionSource;
    public const string OrganisationSetting = FigureInput.OrganisationSettingSource;
    public const string Calculated = "calculated";

    private readonly string _formula = string.Empty;
    private readonly string _inWords = string.Empty;
    private readonly string _anchor = string.Empty;
    private readonly Period? _period;
    private IExplanationSource? _source;
    private readonly List<FigureInput>? _inputs;
    private List<string>? _missing;

    public Explain(string formula, string inWords, string anchor, Period period)
    {
        _formula = formula;
        _inWords = inWords;
        _anchor = anchor;
        _period = period;
        _inputs = new List<FigureInput>(6);
    }

    private Explain(IExplanationSource source) => _source = source;

    /// <summary>A builder that records nothing; its figures ask <paramref name="source"/> when explained.</summary>
    public static Explain Quiet(IExplanationSource source) => new(source);

    /// <summary>Points a quiet builder at the next owner of figures, so one builder serves a whole calculation.</summary>
    public void ExplainLaterBy(IExplanationSource source) => _source = _inputs is null ? source : throw new InvalidOperationException("Only a quiet builder changes its source.");

    /// <summary>An input that may be missing; a missing one is listed as such.</summary>
    public Explain Input(string symbol, string name, decimal? value, string unit, string source)
    {
        if (_inputs is null)
        {
            return this;
        }

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
        if (_inputs is null)
        {
            return this;
        }

        var isDefault = value == defaultValue;
        _inputs.Add(new FigureInput(symbol, name, value, unit, isDefault ? DefaultAssumption : OrganisationSetting, isDefault));
        return this;
    }

    /// <summary>A figure used as an input; it carries over the default-assumption flag of its own explanation.</summary>
    public Explain From(Figure figure)
    {
        if (_inputs is null)
        {
            return this;
        }

        _inputs.Add(new FigureInput(ShortSymbol(figure), figure.Label, figure.Value, UnitName(figure.Unit), Calculated, figure.HasExplanation && figure.Why.UsesDefaultAssumption));
        if (figure.Value is null)
        {
            Missing(figure.Label);
        }

        return this;
    }

    public Explain Missing(string what)
    {
        if (_inputs is null)
        {
            return this;
        }

        (_missing ??= new List<string>(2)).Add(what);
        return this;
    }

    public Explain MissingIf(bool condition, string what) => condition ? Missing(what) : this;

    public Figure Figure(string key, string label, decimal? value, FigureUnit unit) =>
        _inputs is null ? new(key, label, value, unit, null, _source) : new(key, label, value, unit, Build(), null);

    public Explanation Build() =>
        _inputs is null
            ? throw new InvalidOperationException("A quiet builder has no explanation to build.")
            : new(_formula, _inWords, _period!.Label, _anchor, _inputs, (IReadOnlyList<string>?)_missing ?? []);

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
