using BusinessValue.Domain.Engine;
using Microsoft.AspNetCore.Authorization;
using MiniExcelLibs;

namespace BusinessValue.Web.Features.Scorecard;

/// <summary>The company scorecard as an Excel workbook: the portfolio's figures with their formulas, and one row per system.</summary>
internal static class ScorecardExport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IEndpointRouteBuilder MapScorecardExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/scorecard/export.xlsx", async (string? period, HttpContext context, CompanyScorecards scorecards, IAuthorizationService authorization, CancellationToken cancellationToken) =>
        {
            // Formulas are explanations: for every role but Viewer (docs/security.md).
            var withFormulas = (await authorization.AuthorizeAsync(context.User, Security.AccessPolicies.ReadExplanations)).Succeeded;
            var view = await scorecards.ForAsync(period, withTrend: false, cancellationToken);
            if (view is null)
            {
                return Results.NotFound();
            }

            var workbook = new MemoryStream();
            await workbook.SaveAsAsync(Sheets(view, withFormulas), cancellationToken: cancellationToken);
            workbook.Position = 0;
            // Board figures: not kept by a shared browser or a proxy.
            context.Response.Headers.CacheControl = "no-store";
            return Results.File(workbook, ContentType, $"scorecard-{view.Current.Period.Label}.xlsx");
        }).RequireAuthorization(Security.AccessPolicies.ReadScorecards);
        return endpoints;
    }

    /// <summary>Exact values (rounded only by whoever formats the cells) and the formula beside each.</summary>
    public static Dictionary<string, object> Sheets(CompanyScorecard view, bool withFormulas = true)
    {
        var period = view.Current.Period.Label;
        var portfolio = view.Current.Portfolio.Figures.Select(f => new Dictionary<string, object?>
        {
            ["Figure"] = f.Label,
            ["Value"] = f.Value,
            ["Unit"] = f.Unit == FigureUnit.Ratio ? "share (0.25 = 25%)" : f.UnitText(view.Currency),
            ["Previous period"] = view.Previous.Portfolio.Of(f.Definition).Value,
            ["Formula"] = withFormulas ? f.Why.Formula : "(explanations are not shown to viewers)",
            ["In words"] = withFormulas ? f.Definition.InWords : "(explanations are not shown to viewers)",
            ["Data coverage"] = f.Coverage.Applies ? f.Coverage.Describe() : "no monthly measures needed",
            ["Partial data"] = f.Coverage.IsPartial ? "yes" : "no",
            ["Period"] = period,
        }).ToList();
        // One column per figure, labelled and ordered by the figure catalogue (FigureCatalogue.SystemFigures).
        var systems = view.Current.Systems.OrderBy(s => s.Name, StringComparer.Ordinal).Select(s =>
        {
            var row = new Dictionary<string, object?>
            {
                ["System"] = s.Name,
                ["Quadrant"] = s.Quadrant?.Describe(),
                ["Suggested decision"] = s.SuggestedDecision?.ToString(),
                ["Recovery readiness"] = ChoiceText.Describe(s.Readiness),
                ["Data coverage"] = s.Coverage.Applies ? s.Coverage.Describe() : "no monthly measures needed",
                ["Partial data"] = s.Coverage.IsPartial ? "yes" : "no",
            };
            foreach (var figure in s.Figures)
            {
                row[figure.Label] = figure.Value;
            }

            return row;
        }).ToList();
        return new Dictionary<string, object> { ["Portfolio"] = portfolio, ["Systems"] = systems };
    }
}
