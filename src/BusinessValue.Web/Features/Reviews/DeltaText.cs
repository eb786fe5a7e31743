using System.Globalization;
using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Reviews;
using BusinessValue.Web.Features.Scorecard;

namespace BusinessValue.Web.Features.Reviews;

/// <summary>
/// A change between two reviews as a reader sees it: in the figure's unit and the organisation's currency, with an
/// arrow and the words "better" or "worse", so the pack still reads when printed in black and white.
/// </summary>
public static class DeltaText
{
    // Which way is good; a figure in neither set (revenue processed per hour) is only a size, neither good nor bad.
    private static readonly HashSet<string> HigherIsBetter = new(StringComparer.Ordinal)
    {
        FigureCatalogue.Portfolio.ValueRealised.Label, FigureCatalogue.Portfolio.NetValue.Label, FigureCatalogue.System.TechnicalHealth.Label, FigureCatalogue.System.BusinessValue.Label,
    };

    private static readonly HashSet<string> HigherIsWorse = new(StringComparer.Ordinal)
    {
        FigureCatalogue.Portfolio.TechnologySpend.Label, FigureCatalogue.Portfolio.ValueLeaks.Label, FigureCatalogue.Portfolio.WasteRatio.Label, FigureCatalogue.Portfolio.DisasterExposure.Label,
    };

    /// <summary>The unit of a figure by its catalogue label (docs/formulas.md).</summary>
    public static FigureUnit UnitOf(string label) =>
        FigureCatalogue.PortfolioFigures.Concat(FigureCatalogue.SystemFigures).FirstOrDefault(d => d.Label == label)?.Unit ?? FigureUnit.Users;

    public static string Value(decimal? value, string label, string currency, CultureInfo? culture = null) =>
        value is { } v ? FigureText.Format(v, UnitOf(label), currency, culture) : "—";

    /// <summary>"▲ +12,000 EUR (worse)", "▼ −2.5 pts (better)", "= unchanged", or "—" without both values.</summary>
    public static string Change(FigureDelta delta, string currency, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(delta);
        if (delta.Change is null)
        {
            return "—";
        }

        if (Shown(delta) is not { } change || change == 0m)
        {
            return "= unchanged";
        }

        culture ??= CultureInfo.CurrentCulture;
        var size = Math.Abs(change);
        var amount = UnitOf(delta.Label) switch
        {
            FigureUnit.Ratio => string.Create(culture, $"{size * 100m:N1} pts"),
            FigureUnit.Money => FigureText.Money(size, currency, culture),
            FigureUnit.MoneyPerHour => FigureText.Money(size, currency, culture) + " per hour",
            var unit => FigureText.Format(size, unit, currency, culture),
        };
        var arrow = change > 0m ? "▲ +" : "▼ −";
        return Verdict(delta) is { } verdict ? $"{arrow}{amount} ({verdict})" : arrow + amount;
    }

    /// <summary>"better", "worse", or null when unchanged, unknown, or neither.</summary>
    public static string? Verdict(FigureDelta delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        if (Shown(delta) is not { } change || change == 0m)
        {
            return null;
        }

        var up = change > 0m;
        return HigherIsBetter.Contains(delta.Label) ? (up ? "better" : "worse")
            : HigherIsWorse.Contains(delta.Label) ? (up ? "worse" : "better")
            : null;
    }

    /// <summary>The change rounded as it is shown (whole money, scores and points to one decimal): a change too small to show is none.</summary>
    private static decimal? Shown(FigureDelta delta) => delta.Change is not { } change ? null : UnitOf(delta.Label) switch
    {
        FigureUnit.Money or FigureUnit.MoneyPerHour => Math.Round(change, 0, MidpointRounding.AwayFromZero),
        FigureUnit.Ratio => Math.Round(change * 100m, 1, MidpointRounding.AwayFromZero) / 100m,
        _ => Math.Round(change, 1, MidpointRounding.AwayFromZero),
    };

    /// <summary>The colour on screen and in a colour print; the arrow and the word carry the meaning without it.</summary>
    public static string CssClass(FigureDelta delta) => Verdict(delta) switch
    {
        "better" => "delta delta-better",
        "worse" => "delta delta-worse",
        _ => "delta",
    };

    public static string Quadrant(Quadrant? quadrant) => quadrant?.Describe() ?? "not enough data";
}
