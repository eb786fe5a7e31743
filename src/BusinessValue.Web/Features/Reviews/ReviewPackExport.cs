using BusinessValue.Domain.Engine;
using BusinessValue.Infrastructure.Spreadsheets;
using BusinessValue.Web.Features.Scorecard;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using MiniExcelLibs;

namespace BusinessValue.Web.Features.Reviews;

/// <summary>
/// The review pack as an Excel workbook: the figures a closed review froze (live ones, marked draft, while it is
/// open), its decisions, action items with both owners, and the comparison with the previous closed review.
/// Numbers are numbers; text is neutralised against formula injection (docs/import.md).
/// </summary>
internal static class ReviewPackExport
{
    private const string NotForViewers = "(explanations are not shown to viewers)";

    public static IEndpointRouteBuilder MapReviewPackExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/reviews/{id:guid}/pack.xlsx", async (Guid id, HttpContext context, ReviewPacks packs, IAuthorizationService authorization, AuthenticationStateProvider authentication, CancellationToken cancellationToken) =>
        {
            // The review services ask the components' authentication state who reads (AccessGuard); outside a
            // component it is this request's user.
            if (authentication is IHostEnvironmentAuthenticationStateProvider host)
            {
                host.SetAuthenticationState(Task.FromResult(new AuthenticationState(context.User)));
            }

            // Formulas are explanations: for every role but Viewer (docs/security.md).
            var withFormulas = (await authorization.AuthorizeAsync(context.User, Security.AccessPolicies.ReadExplanations)).Succeeded;
            if (await packs.PackAsync(id, cancellationToken) is not { } pack)
            {
                return Results.NotFound();
            }

            // The portfolio's figures leave the building: never kept by a browser or a proxy cache.
            context.Response.Headers.CacheControl = "no-store";
            var workbook = new MemoryStream();
            await workbook.SaveAsAsync(Sheets(pack, withFormulas), cancellationToken: cancellationToken);
            workbook.Position = 0;
            return Results.File(workbook, ScorecardExport.ContentType, $"review-pack-{pack.Review.Quarter}.xlsx");
        }).RequireAuthorization(Security.AccessPolicies.ReadScorecards);
        return endpoints;
    }

    /// <summary>The sheets in order: Cover, Headline figures, Systems, Decisions, Action items, Comparison.</summary>
    public static Dictionary<string, object> Sheets(ReviewPack pack, bool withFormulas = true)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var review = pack.Review;
        var cover = new List<Dictionary<string, object?>>
        {
            Row(("Item", "Organisation"), ("Value", pack.OrganisationName)),
            Row(("Item", "Quarter"), ("Value", review.Quarter)),
            Row(("Item", "Meeting date"), ("Value", review.MeetingDate.ToDateTime(TimeOnly.MinValue))),
            Row(("Item", "Attendees"), ("Value", review.Attendees)),
            Row(("Item", "Status"), ("Value", pack.IsDraft ? $"{review.Status} (draft: figures are live and may change)" : "Closed (figures frozen)")),
            Row(("Item", "Frozen on (UTC)"), ("Value", review.ClosedAtUtc)),
            Row(("Item", "Frozen by"), ("Value", review.ClosedBy)),
            Row(("Item", "Currency"), ("Value", pack.Currency)),
            Row(("Item", "Compared with"), ("Value", pack.Comparison?.Comparison.PreviousQuarter ?? "no previous closed review")),
        };

        var headline = pack.Headline.Select(h => Row(
            ("Figure", h.Delta.Label),
            ("Value", h.Delta.Now),
            ("Unit", UnitText(h.Unit, pack.Currency)),
            ("Previous review", h.Delta.Before),
            ("Change", h.Delta.Change),
            ("Formula", withFormulas ? h.Formula : NotForViewers),
            ("In words", withFormulas ? h.InWords : NotForViewers))).ToList();

        var systems = pack.Figures.Systems.OrderBy(s => s.Name, StringComparer.Ordinal).Select(s => Row(
            ("System", s.Name),
            ("Quadrant", s.Quadrant?.Describe()),
            ("Suggested decision", s.SuggestedDecision?.ToString()),
            ("Recovery readiness", ChoiceText.Describe(s.Readiness)),
            ("Technical health", s.TechnicalHealth),
            ("Business value", s.BusinessValue),
            ($"Technology spend ({pack.Currency})", s.TechnologySpend),
            ($"Value realised ({pack.Currency})", s.ValueRealised),
            ($"Value leaks ({pack.Currency})", s.ValueLeaks),
            ($"Net value ({pack.Currency})", s.NetValue))).ToList();

        var decisions = pack.Decisions.Select(d => Row(
            ("System", d.SystemName),
            ("Quadrant", d.Quadrant?.Describe()),
            ("Suggestion", d.Suggested?.ToString()),
            ("Decision", d.Decision?.ToString() ?? "not decided"),
            ("Reason", d.Reason),
            ("Notes", d.Notes),
            ("Decided by", d.DecidedBy),
            ("Decided on (UTC)", d.DecidedAtUtc))).ToList();

        var items = pack.ActionItems.Select(i => Row(
            ("Title", i.Title),
            ("IT owner", i.ItOwner),
            ("Business owner", i.BusinessOwner),
            ("Due date", i.DueDate.ToDateTime(TimeOnly.MinValue)),
            ("Status", i.Status.ToString()),
            ("System", i.SystemName),
            ("Raised in", i.RaisedInQuarter),
            ("Overdue", i.IsOverdue ? "yes" : "no"))).ToList();

        return new Dictionary<string, object>
        {
            ["Cover"] = cover,
            ["Headline figures"] = headline,
            ["Systems"] = systems,
            ["Decisions"] = decisions,
            ["Action items"] = items,
            ["Comparison"] = Comparison(pack.Comparison),
        };
    }

    /// <summary>One row per change: company figures, then each system's health, value and leaks, quadrant moves, decisions, items.</summary>
    private static List<Dictionary<string, object?>> Comparison(ComparedReview? compared)
    {
        if (compared is null)
        {
            return [Row(("Section", "No previous closed review to compare with"), ("Subject", null), ("Figure", null), ("Previous", null), ("Now", null), ("Change", null), ("Note", null))];
        }

        var c = compared.Comparison;
        Dictionary<string, object?> Line(string section, string? subject, string? figure, object? before, object? now, decimal? change, string? note) =>
            Row(("Section", section), ("Subject", subject), ("Figure", figure), ("Previous", before), ("Now", now), ("Change", change), ("Note", note));

        return
        [
            .. c.Company.Select(f => Line("Company", null, f.Label, f.Before, f.Now, f.Change, DeltaText.Verdict(f))),
            .. c.Systems.SelectMany(s => new[] { s.TechnicalHealth, s.BusinessValue, s.ValueLeaks }.Select(f => Line("System", s.Name, f.Label, f.Before, f.Now, f.Change, DeltaText.Verdict(f)))),
            .. c.QuadrantMoves.Select(s => Line("Quadrant move", s.Name, "Quadrant", DeltaText.Quadrant(s.QuadrantBefore), DeltaText.Quadrant(s.QuadrantNow), null, null)),
            .. c.DecisionsChanged.Select(d => Line("Decision changed", d.Name, "TIME decision", d.Before.ToString(), d.Now.ToString(), null, d.Reason)),
            .. compared.Done.Select(i => Line("Action item done", i.Title, $"{i.ItOwner} / {i.BusinessOwner}", "open", "done", null, $"due {i.DueDate:yyyy-MM-dd}")),
            .. compared.NotDone.Select(i => Line("Action item not done", i.Title, $"{i.ItOwner} / {i.BusinessOwner}", "open", i.Status.ToString(), null, $"due {i.DueDate:yyyy-MM-dd}")),
        ];
    }

    private static string UnitText(FigureUnit unit, string currency) => unit switch
    {
        FigureUnit.Money => currency,
        FigureUnit.MoneyPerHour => $"{currency} per hour",
        FigureUnit.Ratio => "share (0.25 = 25%)",
        _ => unit.ToString().ToLowerInvariant(),
    };

    /// <summary>A row whose text cells are neutralised; numbers, dates and empty cells are written as they are.</summary>
    private static Dictionary<string, object?> Row(params (string Column, object? Value)[] cells) =>
        cells.ToDictionary(c => c.Column, c => c.Value is string text ? Cells.Neutralised(text) : c.Value, StringComparer.Ordinal);
}
