using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Reviews;
using BusinessValue.Infrastructure.Persistence;
using BusinessValue.Infrastructure.PortfolioDocuments;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Web.Features.Reviews;

/// <summary>
/// A review's figures: live from the current portfolio while it is open, from its frozen portfolio document once
/// closed (never from the live database); the previous closed review; and the comparison with it.
/// </summary>
public sealed class ReviewFigures(IDbContextFactory<BusinessValueDbContext> contexts, PortfolioSnapshots snapshots, TranslationEngine engine, FrozenScorecards frozen)
{
    /// <summary>The review quarter's scorecard; null when the review does not exist or there is no portfolio yet.</summary>
    public async Task<Domain.Engine.Scorecard?> ScorecardAsync(Guid reviewId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var review = await db.Reviews.AsNoTracking().SingleOrDefaultAsync(r => r.Id == reviewId, cancellationToken);
        return review is null ? null : await ScorecardOfAsync(db, review, cancellationToken);
    }

    /// <summary>The review's headline figures, as frozen when closed.</summary>
    public async Task<QuarterFigures?> FiguresAsync(Guid reviewId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var review = await db.Reviews.AsNoTracking().SingleOrDefaultAsync(r => r.Id == reviewId, cancellationToken);
        if (review is null)
        {
            return null;
        }

        if (review.IsClosed && await FrozenOfAsync(db, review.Id, cancellationToken) is { } snapshot)
        {
            return ReviewJson.Figures(snapshot.Figures);
        }

        return await ScorecardOfAsync(db, review, cancellationToken) is { } card ? QuarterFigures.From(card) : null;
    }

    /// <summary>
    /// What the review's figures are compared with: the previous closed review's frozen scorecard, else the previous
    /// quarter's live one; null when there is neither.
    /// </summary>
    public async Task<Domain.Engine.Scorecard?> ComparedWithAsync(Guid reviewId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var review = await db.Reviews.AsNoTracking().SingleOrDefaultAsync(r => r.Id == reviewId, cancellationToken);
        return review is null ? null : await ComparedWithAsync(db, review, cancellationToken);
    }

    /// <summary>The closed review of the latest quarter before this review's; null when there is none.</summary>
    public async Task<ReviewSummary?> PreviousAsync(Guid reviewId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var review = await db.Reviews.AsNoTracking().SingleOrDefaultAsync(r => r.Id == reviewId, cancellationToken);
        if (review is null || await PreviousClosedAsync(db, review, cancellationToken) is not { } previous)
        {
            return null;
        }

        return ReviewSummary.From(previous, await db.Reviews.Where(r => r.Id == previous.Id).Select(r => EF.Property<int>(r, RowVersion.Property)).SingleAsync(cancellationToken));
    }

    /// <summary>This review against the previous closed one; null when there is no previous closed review.</summary>
    public async Task<ReviewComparison?> ComparisonAsync(Guid reviewId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var review = await db.Reviews.AsNoTracking().SingleOrDefaultAsync(r => r.Id == reviewId, cancellationToken);
        if (review is null || await PreviousClosedAsync(db, review, cancellationToken) is not { } previous
            || await FrozenOfAsync(db, previous.Id, cancellationToken) is not { } previousFrozen)
        {
            return null;
        }

        QuarterFigures figures;
        IReadOnlyList<ActionItemState> items;
        if (review.IsClosed && await FrozenOfAsync(db, review.Id, cancellationToken) is { } snapshot)
        {
            figures = ReviewJson.Figures(snapshot.Figures);
            items = ReviewJson.ActionItems(snapshot.ActionItems);
        }
        else if (await ScorecardOfAsync(db, review, cancellationToken) is { } card)
        {
            figures = QuarterFigures.From(card);
            items = await ActionItems.ShownInAsync(db, review, cancellationToken);
        }
        else
        {
            return null;
        }

        // An item open in the previous review and not shown in this one was done before this one was created
        // (open items always carry): its state is read as it is now.
        var previousItems = ReviewJson.ActionItems(previousFrozen.ActionItems);
        var missing = previousItems.Select(i => i.Id).Except(items.Select(i => i.Id)).ToList();
        if (missing.Count > 0)
        {
            var since = await db.ActionItems.AsNoTracking().Where(a => missing.Contains(a.Id)).ToListAsync(cancellationToken);
            items = [.. items, .. since.Select(a => a.State())];
        }

        return ReviewComparison.Between(figures, ReviewJson.Figures(previousFrozen.Figures),
            await DecisionsOfAsync(db, review.Id, cancellationToken), await DecisionsOfAsync(db, previous.Id, cancellationToken),
            items, previousItems);
    }

    /// <summary>Frozen when closed, live otherwise.</summary>
    internal async Task<Domain.Engine.Scorecard?> ScorecardOfAsync(BusinessValueDbContext db, Review review, CancellationToken cancellationToken)
    {
        if (review.IsClosed && await FrozenOfAsync(db, review.Id, cancellationToken) is { } snapshot)
        {
            return frozen.Of(snapshot, review.Quarter);
        }

        var live = await snapshots.GetSnapshotAsync(db, cancellationToken);
        // The same key as the company scorecard's: one calculation per portfolio version and quarter, shared.
        return live.Portfolio is null ? null : await live.ScorecardOfAsync(review.Quarter, engine, cancellationToken);
    }

    /// <summary>What a draft's agenda compares with: the previous closed review's frozen scorecard, else the previous quarter's live one.</summary>
    internal async Task<Domain.Engine.Scorecard?> ComparedWithAsync(BusinessValueDbContext db, Review review, CancellationToken cancellationToken)
    {
        if (await PreviousClosedAsync(db, review, cancellationToken) is { } previous && await FrozenOfAsync(db, previous.Id, cancellationToken) is { } snapshot)
        {
            return frozen.Of(snapshot, previous.Quarter);
        }

        var live = await snapshots.GetSnapshotAsync(db, cancellationToken);
        var quarter = review.Quarter.Previous();
        return live.Portfolio is null ? null : await live.ScorecardOfAsync(quarter, engine, cancellationToken);
    }

    internal static async Task<Review?> PreviousClosedAsync(BusinessValueDbContext db, Review review, CancellationToken cancellationToken)
    {
        // Reviews are quarterly: a handful of rows, compared in memory rather than through the month's text column.
        var reviews = await db.Reviews.AsNoTracking().Where(r => r.Status == ReviewStatus.Closed).ToListAsync(cancellationToken);
        return reviews.Where(r => r.QuarterStart < review.QuarterStart).MaxBy(r => r.QuarterStart);
    }

    internal static Task<FrozenReview?> FrozenOfAsync(BusinessValueDbContext db, Guid reviewId, CancellationToken cancellationToken) =>
        db.FrozenReviews.AsNoTracking().SingleOrDefaultAsync(f => f.ReviewId == reviewId, cancellationToken);

    private static async Task<IReadOnlyList<DecisionRecord>> DecisionsOfAsync(BusinessValueDbContext db, Guid reviewId, CancellationToken cancellationToken) =>
        await db.ReviewDecisions.AsNoTracking().Where(d => d.ReviewId == reviewId)
            .Select(d => new DecisionRecord(d.SystemId, d.Decision, d.Reason)).ToListAsync(cancellationToken);
}
