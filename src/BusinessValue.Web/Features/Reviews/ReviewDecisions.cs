using BusinessValue.Domain;
using BusinessValue.Domain.Reviews;
using BusinessValue.Infrastructure.Persistence;
using BusinessValue.Web.Features.Forms;
using BusinessValue.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Web.Features.Reviews;

/// <summary>
/// A review's TIME decision per system: pre-filled from the system's quadrant in the review's figures, accepted or
/// changed with a reason. For whoever runs reviews (reviews:run); a closed review refuses changes.
/// </summary>
public sealed class ReviewDecisions(IDbContextFactory<BusinessValueDbContext> contexts, AccessGuard access, TimeProvider clock, ReviewFigures figures)
{
    private const string NothingChanged = " Nothing was changed.";

    /// <summary>Every system in the review's figures with its suggestion and decision (null until decided), by name.</summary>
    public async Task<IReadOnlyList<DecisionRow>> ListAsync(Guid reviewId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var review = await db.Reviews.AsNoTracking().SingleOrDefaultAsync(r => r.Id == reviewId, cancellationToken);
        if (review is null || await figures.ScorecardOfAsync(db, review, cancellationToken) is not { } card)
        {
            return [];
        }

        var decisions = await db.ReviewDecisions.AsNoTracking().Where(d => d.ReviewId == reviewId)
            .Select(d => new { Decision = d, Version = EF.Property<int>(d, RowVersion.Property) })
            .ToDictionaryAsync(d => d.Decision.SystemId, cancellationToken);
        return card.Systems.OrderBy(s => s.Name, StringComparer.CurrentCulture).Select(s =>
        {
            var d = decisions.GetValueOrDefault(s.SystemId);
            return new DecisionRow(s.SystemId, s.Name, s.Quadrant, s.SuggestedDecision, d?.Decision.Decision, d?.Decision.Reason, d?.Decision.Notes,
                d?.Decision.DecidedBy, d?.Decision.DecidedAtUtc, d?.Version ?? 0);
        }).ToList();
    }

    /// <summary>Records the decision for one system; a decision other than the suggestion is refused without a reason.</summary>
    public async Task<EditOutcome<DecisionForm>> SaveAsync(Guid reviewId, DecisionForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await access.AllowsAsync(AccessPolicies.RunReviews))
        {
            return EditOutcome.Refused<DecisionForm>("Only an administrator or a review facilitator may record decisions." + NothingChanged);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = await access.ActorAsync();
        var (review, refusal) = await WritableReview.FindAsync(db, reviewId, cancellationToken);
        if (review is null)
        {
            return EditOutcome.Refused<DecisionForm>(refusal!);
        }

        var system = (await figures.ScorecardOfAsync(db, review, cancellationToken))?.Systems.FirstOrDefault(s => s.SystemId == form.SystemId);
        if (system is null)
        {
            return EditOutcome.Refused<DecisionForm>("This system is not in the review's figures: it may have been removed." + NothingChanged);
        }

        var decision = await db.ReviewDecisions.SingleOrDefaultAsync(d => d.ReviewId == reviewId && d.SystemId == form.SystemId, cancellationToken);
        if (decision is null)
        {
            decision = new ReviewDecision(Guid.NewGuid(), reviewId, form.SystemId);
            db.ReviewDecisions.Add(decision);
        }
        else
        {
            RowVersion.Expect(db, decision, form.Version);
        }

        var problems = new FieldProblems();
        problems.Check(() => decision.Decide(system.SuggestedDecision, form.Decision, form.Reason, form.Notes, db.Actor.Name, clock.GetUtcNow().UtcDateTime), DecisionForm.DomainFields);
        if (problems.Any)
        {
            return EditOutcome.Refused<DecisionForm>(problems);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return EditOutcome.Conflict(await TheirsAsync(reviewId, form.SystemId, cancellationToken) ?? form);
        }
        catch (DbUpdateException) when (db.Entry(decision).State == EntityState.Added)
        {
            // Someone recorded the first decision for this system at the same moment (one per system and review).
            return EditOutcome.Conflict(await TheirsAsync(reviewId, form.SystemId, cancellationToken) ?? form);
        }

        return EditOutcome.Saved<DecisionForm>(decision.Id);
    }

    private async Task<DecisionForm?> TheirsAsync(Guid reviewId, Guid systemId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await db.ReviewDecisions.SingleOrDefaultAsync(d => d.ReviewId == reviewId && d.SystemId == systemId, cancellationToken);
        return stored is null ? null : new DecisionForm { SystemId = systemId, Decision = stored.Decision, Reason = stored.Reason, Notes = stored.Notes, Version = RowVersion.Of(db, stored) };
    }
}
