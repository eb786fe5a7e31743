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

    private readonly FigureDefinition? _definition;
    private readonly Period? _period;
    private IExplanationSource? _source;
    private readonly List<FigureInput>? _inputs;
    private List<string>? _missing;

    private readonly bool _assumptionsSet;

    /// <param name="assumptionsSet">Someone set the organisation's assumptions, so none is an unconfirmed default.</param>
    public Explain(FigureDefinition definition, Period period, bool assumptionsSet = false)
    {
        _definition = definition;
        _period = period;
        _assumptionsSet = assumptionsSet;
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

    /// <summary>An assumption from the organisation settings, flagged while it is the shipped default nobody has set.</summary>
    public Explain Assumption(string symbol, string name, decimal value, decimal defaultValue, string unit)
    {
        if (_inputs is null)
        {
            return this;
        }

        var isDefault = !_assumptionsSet && value == defaultValue;
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

        _inputs.Add(new FigureInput(figure.Definition.Symbol, figure.Label, figure.Value, UnitName(figure.Unit), Calculated, figure.HasExplanation && figure.Why.UsesDefaultAssumption));
        if (figure.Value is null)
        {
            Missing(figure.Label);
        }

        return this;
    }

    /// <summary>A figure used as an input under a name that says whose it is, e.g. "ERP: technology spend for 2026-Q3".</summary>
    /// <param name="missingAs">How the missing list names it, when the figure has no value.</param>
    public Explain From(Figure figure, string name, string missingAs)
    {
        if (_inputs is null)
        {
            return this;
        }

        _inputs.Add(new FigureInput(figure.Definition.Symbol, name, figure.Value, UnitName(figure.Unit), Calculated, figure.HasExplanation && figure.Why.UsesDefaultAssumption));
        if (figure.Value is null)
        {
            Missing(missingAs);
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

    /// <summary>The figure <paramref name="definition"/> with <paramref name="value"/> and this builder's explanation.</summary>
    public Figure Figure(FigureDefinition definition, decimal? value) =>
        _inputs is null ? new(definition, value, null, _source) : new(definition, value, Build(), null);

    public Explanation Build() =>
        _inputs is null
            ? throw new InvalidOperationException("A quiet builder has no explanation to build.")
            : new(_definition!.Formula, _definition.InWords, _period!.Label, _definition.DocsLink, _inputs, (IReadOnlyList<string>?)_missing ?? [])
            {
                PeriodInWords = _period.Describe(),
            };

    private static string UnitName(FigureUnit unit) => unit switch
    {
        FigureUnit.Money => InputUnits.Money,
        FigureUnit.MoneyPerHour => InputUnits.MoneyPerHour,
        FigureUnit.Hours => InputUnits.Hours,
        FigureUnit.Minutes => InputUnits.Minutes,
        FigureUnit.Percent => InputUnits.Percent,
        FigureUnit.Ratio => InputUnits.Ratio,
        FigureUnit.Score => InputUnits.Score,
        _ => InputUnits.Users,
    };
}
