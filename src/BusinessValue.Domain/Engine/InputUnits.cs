using System.Globalization;

namespace BusinessValue.Domain.Engine;

/// <summary>
/// The units an explanation's inputs are recorded in, and how a person reads them: money in the organisation's
/// currency, hours as hours, ratios and shares as percentages. Every surface (pages, Excel, API, <c>bv</c>) formats
/// an input through <see cref="Format"/>, so none shows a unit's code.
/// </summary>
public static class InputUnits
{
    public const string Money = "money";
    public const string MoneyPerYear = "money/year";
    public const string MoneyPerHour = "money/hour";
    public const string Hours = "hours";
    public const string UserHours = "user-hours";
    public const string Minutes = "minutes";
    public const string Months = "months";
    public const string Weeks = "weeks";
    public const string Days = "days";
    public const string Percent = "%";
    public const string Ratio = "ratio";
    public const string Share = "share";
    public const string Score = "score";
    public const string Users = "users";
    public const string Tickets = "tickets";
    public const string Transfers = "transfers";

    /// <summary>An input's value as a reader sees it: "62,500 USD", "1,250 USD per hour", "10%", "12 hours".</summary>
    public static string Format(decimal? value, string unit, string currency, CultureInfo? culture = null)
    {
        if (value is not { } v)
        {
            return "not recorded";
        }

        culture ??= CultureInfo.CurrentCulture;
        return unit switch
        {
            Money => string.Create(culture, $"{v:#,0.##} {currency}"),
            MoneyPerYear => string.Create(culture, $"{v:#,0.##} {currency} per year"),
            MoneyPerHour => string.Create(culture, $"{v:#,0.##} {currency} per hour"),
            Ratio or Share => string.Create(culture, $"{v * 100m:#,0.##}%"),
            Percent => string.Create(culture, $"{v:#,0.##}%"),
            Score => string.Create(culture, $"{v:0.0} out of 100"),
            _ => string.Create(culture, $"{v:#,0.####} {unit}"),
        };
    }
}
