using System.Globalization;
using System.Text;
using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Organisation;

namespace BusinessValue.Cli;

/// <summary>A readable summary for a terminal: the headline figures, then one line per system.</summary>
internal static class ScorecardTable
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    public static string Write(OrganisationSettings organisation, Scorecard scorecard)
    {
        var p = scorecard.Portfolio;
        var currency = scorecard.Currency.Code;
        var text = new StringBuilder();
        text.AppendLine(Culture, $"{organisation.Name} · {scorecard.Period.Label} ({scorecard.Period.First}–{scorecard.Period.Last}) · {currency}");
        text.AppendLine();
        Line(text, "Technology spend", Money(p.TechnologySpend, currency));
        Line(text, "Value leaks", Money(p.ValueLeaks, currency));
        Line(text, "Waste ratio", $"{Percent(p.WasteRatio)} (benchmark {p.WasteBenchmark * 100m:0}%)");
        Line(text, "  workarounds", Money(p.WorkaroundCost, currency));
        Line(text, "  manual integrations", Money(p.ManualIntegrationCost, currency));
        Line(text, "  unused capacity", Money(p.UnusedSpend, currency));
        Line(text, "  incident productivity", Money(p.ProductivityLoss, currency));
        Line(text, "  blocked work", Money(p.BlockedWorkCost, currency));
        Line(text, "Value realised", Money(p.ValueRealised, currency));
        Line(text, "Revenue processed per hour", Money(p.RevenuePerHour, currency));
        Line(text, "Revenue disrupted / slow peaks", $"{Money(p.RevenueDisrupted, currency)} / {Money(p.RevenueLostToSlowPeaks, currency)}");
        Line(text, "Disaster exposure", Money(p.DisasterExposure, currency));
        Line(text, "Recovery readiness", string.Join(", ", p.ReadinessCounts.Select(r => $"{r.Value} {r.Key.ToString().ToLowerInvariant()}")));
        Line(text, "Integration efficiency", Percent(p.IntegrationEfficiency));
        Line(text, "Process automation", Percent(p.ProcessAutomation));
        Line(text, "Adoption", Percent(p.Adoption));
        text.AppendLine();

        var nameWidth = Math.Max(6, scorecard.Systems.Count == 0 ? 6 : scorecard.Systems.Max(s => s.Name.Length));
        text.AppendLine(Culture, $"{"System".PadRight(nameWidth)}  {"Spend",14}  {"Leaks",14}  {"ROI",8}  {"Tech",5}  {"Value",5}  Quadrant → decision");
        foreach (var s in scorecard.Systems.OrderByDescending(s => s.ValueLeaks.Value ?? 0m))
        {
            var quadrant = s.Quadrant is { } q ? $"{q.Describe()} → {q.SuggestedDecision()}" : "not enough data";
            text.AppendLine(Culture, $"{s.Name.PadRight(nameWidth)}  {Money(s.PeriodCost, string.Empty),14}  {Money(s.ValueLeaks, string.Empty),14}  {Percent(s.Roi),8}  {Score(s.TechnicalHealth),5}  {Score(s.BusinessValue),5}  {quadrant}");
        }

        text.AppendLine();
        text.AppendLine("Every figure's formula: docs/formulas.md. Use --format json for the inputs and sources behind each number.");
        return text.ToString();
    }

    private static void Line(StringBuilder text, string label, string value) => text.AppendLine(Culture, $"{label,-32}{value}");

    // Rounded for display only; the JSON format carries the exact values.
    private static string Money(Figure figure, string currency) =>
        figure.Value is { } v ? (Math.Round(v, 0, MidpointRounding.AwayFromZero).ToString("#,0", Culture) + (currency.Length > 0 ? " " + currency : string.Empty)).Trim() : "missing";

    private static string Percent(Figure figure) => figure.Value is { } v ? (v * 100m).ToString("0.0", Culture) + "%" : "missing";

    private static string Score(Figure figure) => figure.Value is { } v ? v.ToString("0", Culture) : "–";
}
