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
        Line(text, p.TechnologySpend.Label, Money(p.TechnologySpend, currency));
        Line(text, p.ValueLeaks.Label, Money(p.ValueLeaks, currency) + Partial(p.ValueLeaks));
        Line(text, p.WasteRatio.Label, $"{Percent(p.WasteRatio)} (benchmark {p.WasteBenchmark * 100m:0}%){Partial(p.WasteRatio)}");
        Line(text, "  workarounds", Money(p.WorkaroundCost, currency));
        Line(text, "  manual integrations", Money(p.ManualIntegrationCost, currency));
        Line(text, "  unused capacity", Money(p.UnusedSpend, currency) + Partial(p.UnusedSpend));
        Line(text, "  incident productivity", Money(p.ProductivityLoss, currency) + Partial(p.ProductivityLoss));
        Line(text, "  blocked work", Money(p.BlockedWorkCost, currency) + Partial(p.BlockedWorkCost));
        Line(text, p.ValueRealised.Label, Money(p.ValueRealised, currency) + Partial(p.ValueRealised));
        Line(text, p.NetValue.Label, Money(p.NetValue, currency) + Partial(p.NetValue));
        Line(text, p.RevenuePerHour.Label, Money(p.RevenuePerHour, currency));
        Line(text, "Revenue disrupted / slow peaks", $"{Money(p.RevenueDisrupted, currency)} / {Money(p.RevenueLostToSlowPeaks, currency)}{(p.RevenueDisrupted.Coverage.IsPartial ? Partial(p.RevenueDisrupted) : Partial(p.RevenueLostToSlowPeaks))}");
        Line(text, p.DisasterExposure.Label, Money(p.DisasterExposure, currency));
        Line(text, "Recovery readiness", string.Join(", ", p.ReadinessCounts.Select(r => $"{r.Value} {r.Key.ToString().ToLowerInvariant()}")));
        Line(text, p.IntegrationEfficiency.Label, Percent(p.IntegrationEfficiency));
        Line(text, p.ProcessAutomation.Label, Percent(p.ProcessAutomation));
        Line(text, p.Adoption.Label, Percent(p.Adoption) + Partial(p.Adoption));
        text.AppendLine();

        var nameWidth = Math.Max(6, scorecard.Systems.Count == 0 ? 6 : scorecard.Systems.Max(s => s.Name.Length));
        text.AppendLine(Culture, $"{"System".PadRight(nameWidth)}  {"Spend",14}  {"Leaks",14}  {"Net value",14}  {"ROI",8}  {"Tech",5}  {"Value",5}  {"Months",7}  Quadrant → decision");
        foreach (var s in scorecard.Systems.OrderByDescending(s => s.ValueLeaks.Value ?? 0m))
        {
            var quadrant = s.Quadrant is { } q ? $"{q.Describe()} → {q.SuggestedDecision()}" : "not enough data";
            var coverage = s.Coverage;
            var months = coverage.Applies ? $"{coverage.MonthsRecorded}/{coverage.MonthsInPeriod}{(coverage.IsPartial ? "*" : string.Empty)}" : "–";
            text.AppendLine(Culture, $"{s.Name.PadRight(nameWidth)}  {Money(s.PeriodCost, string.Empty),14}  {Money(s.ValueLeaks, string.Empty),14}  {Money(s.NetValue, string.Empty),14}  {Percent(s.Roi),8}  {Score(s.TechnicalHealth),5}  {Score(s.BusinessValue),5}  {months,7}  {quadrant}");
        }

        text.AppendLine();
        if (scorecard.Systems.Any(s => s.Coverage.IsPartial))
        {
            text.AppendLine("* built on partial data: fewer months of metrics than the period has; the figures add up only the months recorded.");
        }

        text.AppendLine("Every figure's formula: docs/formulas.md. Use --format json for the inputs and sources behind each number.");
        return text.ToString();
    }

    private static void Line(StringBuilder text, string label, string value) => text.AppendLine(Culture, $"{label,-32}{value}");

    // Rounded for display only; the JSON format carries the exact values.
    private static string Money(Figure figure, string currency) =>
        figure.Value is { } v ? (Math.Round(v, 0, MidpointRounding.AwayFromZero).ToString("#,0", Culture) + (currency.Length > 0 ? " " + currency : string.Empty)).Trim() : "missing";

    private static string Percent(Figure figure) => figure.Value is { } v ? (v * 100m).ToString("0.0", Culture) + "%" : "missing";

    // One decimal, as docs/formulas.md#rounding promises: a 69.6 is not a 70.
    private static string Score(Figure figure) => figure.Value is { } v ? Math.Round(v, 1, MidpointRounding.AwayFromZero).ToString("0.0", Culture) : "–";

    private static string Partial(Figure figure) => figure.Coverage.IsPartial ? $"  (partial: {figure.Coverage.Describe()})" : string.Empty;
}
