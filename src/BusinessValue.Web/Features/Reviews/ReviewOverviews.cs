using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Reviews;
using BusinessValue.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Web.Features.Reviews;

/// <summary>A review in the list: its summary, how many TIME decisions it recorded and how many of its action items are still open.</summary>
public sealed record ReviewListRow(ReviewSummary Review, int Decisions, int OpenActions);

/// <summary>
/// What the last closed review decided and whether it is done: its decisions by TIME kind, and its action items
/// as they stand now (they carry forward after closing, so done / open / overdue are live).
/// </summary>
public sealed record LastReviewOutcome(Guid Id, string Quarter, DateTime ClosedAtUtc, IReadOnlyList<(TimeDecision Decision, int Count)> Decisions, int Done, int Open, int Overdue)
{
    /// <summary>Changes whenever the answer would read differently: the key of the scorecard's shared markup.</summary>
    public string Key => $"{Id}:{string.Join(',', Decisions.Select(d => $"{d.Decision}{d.Count}"))}:{Done}:{Open}:{Overdue}";
}

/// <summary>The reviews list with its counts, and the last closed review's outcome for the scorecard's sixth question.</summary>
public sealed class ReviewOverviews(IDbContextFactory<BusinessValueDbContext> contexts, TimeProvider clock)
{
    /// <summary>Every review, the latest quarter first, with its decision and open action counts.</summary>
    public async Task<IReadOnlyList<ReviewListRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var reviews = await db.Reviews.AsNoTracking()
            .Select(r => new { Review = r, Version = EF.Property<int>(r, RowVersion.Property) })
            .ToListAsync(cancellationToken);
        var decisions = await db.ReviewDecisions.AsNoTracking().GroupBy(d => d.ReviewId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var open = await db.ActionItems.AsNoTracking().Where(a => a.Status != ActionItemStatus.Done).GroupBy(a => a.RaisedInReviewId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return reviews.OrderByDescending(r => r.Review.QuarterStart)
            .Select(r => new ReviewListRow(ReviewSummary.From(r.Review, r.Version), decisions.GetValueOrDefault(r.Review.Id), open.GetValueOrDefault(r.Review.Id)))
            .ToList();
    }

    /// <summary>The closed review of the latest quarter; null when no review has been closed yet.</summary>
    /// <remarks>
    /// One round trip: the company scorecard asks on every render, and its target is at most five per page (issue 13).
    /// The review, its decisions counted by TIME kind and its action items counted by state come back in one statement;
    /// the quarter's "yyyy-MM" text sorts as the months do.
    /// </remarks>
    public async Task<LastReviewOutcome?> LastClosedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var last = await db.Reviews.AsNoTracking()
            .Where(r => r.Status == ReviewStatus.Closed)
            .OrderByDescending(r => r.QuarterStart)
            .Select(r => new
            {
                Review = r,
                // Scalar counts, one per TIME kind: SQLite cannot run a grouped collection beside the LIMIT (no LATERAL).
                Tolerate = db.ReviewDecisions.Count(d => d.ReviewId == r.Id && d.Decision == TimeDecision.Tolerate),
                Invest = db.ReviewDecisions.Count(d => d.ReviewId == r.Id && d.Decision == TimeDecision.Invest),
                Migrate = db.ReviewDecisions.Count(d => d.ReviewId == r.Id && d.Decision == TimeDecision.Migrate),
                Eliminate = db.ReviewDecisions.Count(d => d.ReviewId == r.Id && d.Decision == TimeDecision.Eliminate),
                Done = db.ActionItems.Count(a => a.RaisedInReviewId == r.Id && a.Status == ActionItemStatus.Done),
                Open = db.ActionItems.Count(a => a.RaisedInReviewId == r.Id && a.Status != ActionItemStatus.Done),
                Overdue = db.ActionItems.Count(a => a.RaisedInReviewId == r.Id && a.Status != ActionItemStatus.Done && a.DueDate < today),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (last is null)
        {
            return null;
        }

        var decisions = new[] { (TimeDecision.Tolerate, last.Tolerate), (TimeDecision.Invest, last.Invest), (TimeDecision.Migrate, last.Migrate), (TimeDecision.Eliminate, last.Eliminate) }
            .Where(d => d.Item2 > 0).ToList();
        return new LastReviewOutcome(last.Review.Id, last.Review.Quarter.Label, last.Review.ClosedAtUtc ?? last.Review.CreatedAtUtc, decisions, last.Done, last.Open, last.Overdue);
    }
}
