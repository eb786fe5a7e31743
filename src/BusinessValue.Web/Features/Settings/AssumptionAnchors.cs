namespace BusinessValue.Web.Features.Settings;

/// <summary>
/// Where each assumption an explanation names is edited: the symbol the engine gives it
/// (docs/formulas.md#assumptions-and-their-defaults) to its field on the settings page.
/// </summary>
public static class AssumptionAnchors
{
    public const string Page = "/settings/assumptions";

    private static readonly Dictionary<string, string> BySymbol = new(StringComparer.Ordinal)
    {
        ["R"] = "labour-rate",
        ["W"] = "working-weeks",
        ["f"] = "abandonment",
        ["μ"] = "margin",
        ["b_P1"] = "blocking-p1",
        ["b_P2"] = "blocking-p2",
        ["b_P3"] = "blocking-p3",
        ["b_P4"] = "blocking-p4",
        ["72h"] = "untested-recovery",
        ["window"] = "verified-window",
    };

    /// <summary>The settings page at the assumption's field, or null when the symbol is not an assumption.</summary>
    public static string? LinkFor(string symbol) => BySymbol.TryGetValue(symbol, out var anchor) ? $"{Page}#{anchor}" : null;
}
