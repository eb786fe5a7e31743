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
    public async Task<LastReviewOutcome?> LastClosedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // A handful of quarterly rows, compared in memory rather than through the month's text column.
        var last = (await db.Reviews.AsNoTracking().Where(r => r.Status == ReviewStatus.Closed).ToListAsync(cancellationToken)).MaxBy(r => r.QuarterStart);
        if (last is null)
        {
            return null;
        }

        var decisions = (await db.ReviewDecisions.AsNoTracking().Where(d => d.ReviewId == last.Id).Select(d => d.Decision).ToListAsync(cancellationToken))
            .GroupBy(d => d).OrderBy(g => g.Key).Select(g => (g.Key, g.Count())).ToList();
        var items = await db.ActionItems.AsNoTracking().Where(a => a.RaisedInReviewId == last.Id).ToListAsync(cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return new LastReviewOutcome(last.Id, last.Quarter.Label, last.ClosedAtUtc ?? last.CreatedAtUtc, decisions,
            items.Count(i => i.IsDone), items.Count(i => !i.IsDone), items.Count(i => i.IsOverdue(today)));
    }
}
