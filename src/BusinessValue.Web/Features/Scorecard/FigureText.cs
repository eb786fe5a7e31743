using System.Globalization;
using BusinessValue.Domain.Engine;

namespace BusinessValue.Web.Features.Scorecard;

/// <summary>Figures as a reader sees them: rounded for display only, in the reader's number format and the organisation's currency.</summary>
public static class FigureText
{
    public static string Format(Figure figure, string currency, CultureInfo? culture = null) =>
        figure.Value is { } value ? Format(value, figure.Unit, currency, culture) : "not enough data";

    public static string Format(decimal value, FigureUnit unit, string currency, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentCulture;
        return unit switch
        {
            FigureUnit.Money => Money(value, currency, culture),
            FigureUnit.MoneyPerHour => Money(value, currency, culture) + " per hour",
            FigureUnit.Hours => string.Create(culture, $"{Math.Round(value, 0, MidpointRounding.AwayFromZero):N0} hours"),
            FigureUnit.Minutes => string.Create(culture, $"{Math.Round(value, 0, MidpointRounding.AwayFromZero):N0} minutes"),
            FigureUnit.Percent => string.Create(culture, $"{value:N1}%"),
            FigureUnit.Ratio => string.Create(culture, $"{value * 100m:N1}%"),
            // One decimal, as docs/formulas.md#rounding promises: a 69.6 is not a 70 (the threshold).
            FigureUnit.Score => string.Create(culture, $"{Math.Round(value, 1, MidpointRounding.AwayFromZero):N1}"),
            _ => string.Create(culture, $"{value:N0}"),
        };
    }

    /// <summary>A score to one decimal, or a dash when missing.</summary>
    public static string Score(decimal? score, CultureInfo? culture = null) =>
        score is { } s ? Format(s, FigureUnit.Score, string.Empty, culture) : "—";

    /// <summary>The figure's data coverage when it is partial ("3 of 12 months recorded"), else null.</summary>
    public static string? PartialCoverage(Figure figure) => figure.Coverage.IsPartial ? figure.Coverage.Describe() : null;

    /// <summary>Whole currency units; millions shortened so a board pack reads at a glance.</summary>
    public static string Money(decimal value, string currency, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentCulture;
        var magnitude = Math.Abs(value);
        return magnitude >= 1_000_000m
            ? string.Create(culture, $"{value / 1_000_000m:N2} M {currency}")
            : string.Create(culture, $"{Math.Round(value, 0, MidpointRounding.AwayFromZero):N0} {currency}");
    }

    /// <summary>The change against the previous period, as a reader would say it.</summary>
    public static string? Change(Figure current, Figure previous, CultureInfo? culture = null)
    {
        if (current.Value is not { } now || previous.Value is not { } before)
        {
            return null;
        }

        culture ??= CultureInfo.CurrentCulture;
        if (current.Unit is FigureUnit.Ratio)
        {
            var points = (now - before) * 100m;
            return string.Create(culture, $"{(points >= 0 ? "+" : "−")}{Math.Abs(points):N1} pts vs previous period");
        }

        if (before == 0m)
        {
            return now == 0m ? "unchanged" : null;
        }

        var change = (now - before) / Math.Abs(before) * 100m;
        return string.Create(culture, $"{(change >= 0 ? "+" : "−")}{Math.Abs(change):N1}% vs previous period");
    }
}
