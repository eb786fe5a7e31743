using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Reviews;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Web.Features.TranslationRequests;
using Microsoft.EntityFrameworkCore;
using BusinessValue.Infrastructure.Persistence;

namespace BusinessValue.Web.Features.Reviews;

/// <summary>
/// Everything the review pack shows, print and workbook alike: the cover, the headline figures, the systems for the
/// gap chart, decisions, action items, the comparison with the previous closed review and the translation requests
/// on the agenda. A closed review's pack reads only what closing froze (docs/decisions/0006-frozen-reviews.md).
/// </summary>
public sealed class ReviewPacks(
    IDbContextFactory<BusinessValueDbContext> contexts,
    PortfolioSnapshots snapshots,
    FrozenScorecards frozen,
    ReviewFigures figures,
    ReviewPlanning planning,
    ReviewDecisions decisions,
    ActionItems actionItems,
    TranslationRequestEditing translationRequests)
{
    /// <summary>The pack of the review; null when the review does not exist or there is no portfolio yet.</summary>
    public async Task<ReviewPack?> PackAsync(Guid reviewId, CancellationToken cancellationToken = default)
    {
        if (await planning.GetAsync(reviewId, cancellationToken) is not { } details)
        {
            return null;
        }

        var (scorecard, organisation, threshold) = await ScorecardWithOrganisationAsync(reviewId, cancellationToken);
        if (scorecard is null || await figures.FiguresAsync(reviewId, cancellationToken) is not { } quarter)
        {
            return null;
        }

        var comparison = await ComparedAsync(reviewId, cancellationToken);
        var requestIds = details.Agenda.Where(a => a.TranslationRequestId is not null).Select(a => a.TranslationRequestId!.Value).ToHashSet();
        var requests = requestIds.Count == 0
            ? []
            : (await translationRequests.ListAsync(null, null, cancellationToken)).Where(r => requestIds.Contains(r.Id)).ToList();

        return new ReviewPack(
            details.Review,
            organisation,
            quarter,
            Headline(quarter.Company, scorecard.Portfolio, comparison?.Comparison),
            scorecard.Systems.OrderBy(s => s.Name, StringComparer.Ordinal).ToList(),
            threshold,
            await decisions.ListAsync(reviewId, cancellationToken),
            await actionItems.ForReviewAsync(reviewId, cancellationToken),
            comparison,
            requests);
    }

    /// <summary>The comparison page: the review, its currency, and the comparison with the previous closed review (null: none).</summary>
    public async Task<ComparisonSheet?> ComparisonAsync(Guid reviewId, CancellationToken cancellationToken = default)
    {
        if (await planning.GetAsync(reviewId, cancellationToken) is not { } details)
        {
            return null;
        }

        var currency = (await figures.FiguresAsync(reviewId, cancellationToken))?.Currency ?? string.Empty;
        return new ComparisonSheet(details.Review, currency, await ComparedAsync(reviewId, cancellationToken));
    }

    private async Task<ComparedReview?> ComparedAsync(Guid reviewId, CancellationToken cancellationToken) =>
        await figures.ComparisonAsync(reviewId, cancellationToken) is { } comparison
            ? new ComparedReview(comparison, await actionItems.RowsOfAsync(comparison.ActionItemsDone, cancellationToken), await actionItems.RowsOfAsync(comparison.ActionItemsNotDone, cancellationToken))
            : null;

    /// <summary>
    /// The company figures with their previous values, formulas and words: the frozen values (the scorecard, run over
    /// the same frozen inputs, gives the same ones and explains them).
    /// </summary>
    private static List<HeadlineFigure> Headline(CompanyFigures company, PortfolioScorecard portfolio, ReviewComparison? comparison) =>
        (comparison?.Company ?? ReviewComparison.CompanyDeltas(company, null))
            .Select(delta => (Delta: delta, Figure: portfolio.Figures.Where(f => f.Label == delta.Label).Select(f => (Figure?)f).FirstOrDefault()))
            .Select(x => new HeadlineFigure(x.Delta, x.Figure?.Unit ?? FigureUnit.Money, x.Figure?.Why.Formula, x.Figure?.Definition.InWords))
            .ToList();

    private async Task<(Domain.Engine.Scorecard? Scorecard, string Organisation, decimal Threshold)> ScorecardWithOrganisationAsync(Guid reviewId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var review = await db.Reviews.AsNoTracking().SingleAsync(r => r.Id == reviewId, cancellationToken);
        if (review.IsClosed && await ReviewFigures.FrozenOfAsync(db, reviewId, cancellationToken) is { } snapshot)
        {
            var kept = frozen.WithOrganisationOf(snapshot, review.Quarter);
            return (kept.Scorecard, kept.OrganisationName, kept.ScoreThreshold);
        }

        var live = await snapshots.GetSnapshotAsync(db, cancellationToken);
        return live.Portfolio is null
            ? (null, string.Empty, 0m)
            : (await figures.ScorecardOfAsync(db, review, cancellationToken), live.Portfolio.Organisation.Name, live.Portfolio.Organisation.Assumptions.ScoreThreshold);
    }
}

/// <summary>One headline figure of the pack: the value and the previous review's, in the figure's unit, with its formula.</summary>
public sealed record HeadlineFigure(FigureDelta Delta, FigureUnit Unit, string? Formula, string? InWords);

/// <summary>A review's pack (<see cref="ReviewPacks"/>); <see cref="Comparison"/> is null when there is no previous closed review.</summary>
public sealed record ReviewPack(
    ReviewSummary Review,
    string OrganisationName,
    QuarterFigures Figures,
    IReadOnlyList<HeadlineFigure> Headline,
    IReadOnlyList<SystemScorecard> SystemsByName,
    decimal ScoreThreshold,
    IReadOnlyList<DecisionRow> Decisions,
    IReadOnlyList<ActionItemRow> ActionItems,
    ComparedReview? Comparison,
    IReadOnlyList<TranslationRequestRow> TranslationRequests)
{
    public string Currency => Figures.Currency;

    /// <summary>Not closed: the figures are the live ones and may still change.</summary>
    public bool IsDraft => !Review.IsClosed;
}

/// <summary>A comparison with the previous closed review, its action items done and not done with their owners' names.</summary>
public sealed record ComparedReview(ReviewComparison Comparison, IReadOnlyList<ActionItemRow> Done, IReadOnlyList<ActionItemRow> NotDone);

/// <summary>The comparison page's content; <see cref="Comparison"/> is null when there is no previous closed review.</summary>
public sealed record ComparisonSheet(ReviewSummary Review, string Currency, ComparedReview? Comparison);
