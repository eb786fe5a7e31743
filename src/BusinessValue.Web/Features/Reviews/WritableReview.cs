using BusinessValue.Domain.Reviews;
using BusinessValue.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Web.Features.Reviews;

/// <summary>A review that may still be written to: it exists and is not closed (a closed review is read-only).</summary>
internal static class WritableReview
{
    /// <returns>The review, or null with why it may not be written to (nothing was changed).</returns>
    public static async Task<(Review? Review, string? Refusal)> FindAsync(BusinessValueDbContext db, Guid reviewId, CancellationToken cancellationToken)
    {
        var review = await db.Reviews.AsNoTracking().SingleOrDefaultAsync(r => r.Id == reviewId, cancellationToken);
        return review switch
        {
            null => (null, "This review no longer exists. Nothing was changed."),
            { IsClosed: true } => (null, $"The review of {review.Quarter.Label} is closed and read-only: an administrator can reopen it. Nothing was changed."),
            _ => (review, null),
        };
    }
}
