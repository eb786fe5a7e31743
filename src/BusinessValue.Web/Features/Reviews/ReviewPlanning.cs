using BusinessValue.Domain;
using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Periods;
using BusinessValue.Domain.Reviews;
using BusinessValue.Infrastructure.Audit;
using BusinessValue.Infrastructure.Persistence;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Web.Features.Forms;
using BusinessValue.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Web.Features.Reviews;

/// <summary>
/// The quarterly reviews and their lifecycle: list, create a draft (its agenda builds itself), plan, edit the agenda
/// while a draft, start the meeting, close (freezing inputs, figures and action items in one transaction) and reopen
/// (an administrator, with a reason, audited). Writes are for reviews:run; every write checks the review's version.
/// </summary>
public sealed class ReviewPlanning(
    IDbContextFactory<BusinessValueDbContext> contexts,
    AccessGuard access,
    TimeProvider clock,
    TranslationEngine engine,
    ReviewFigures figures,
    IReadyTranslationRequests readyRequests)
{
    private const string NothingChanged = " Nothing was changed.";
    private const string NotAllowed = "Only an administrator or a review facilitator may run reviews." + NothingChanged;

    /// <summary>Every review, the latest quarter first.</summary>
    public async Task<IReadOnlyList<ReviewSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var reviews = await db.Reviews.AsNoTracking()
            .Select(r => new { Review = r, Version = EF.Property<int>(r, RowVersion.Property) })
            .ToListAsync(cancellationToken);
        return reviews.OrderByDescending(r => r.Review.QuarterStart).Select(r => ReviewSummary.From(r.Review, r.Version)).ToList();
    }

    /// <summary>The review with its agenda in order; null when it does not exist.</summary>
    public async Task<ReviewDetails?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var review = await db.Reviews.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (review is null)
        {
            return null;
        }

        var agenda = await db.AgendaItems.AsNoTracking().Where(i => i.ReviewId == id).OrderBy(i => i.Position)
            .Select(i => new AgendaRow(i.Id, i.Position, i.Kind, i.Title, i.Reason, i.Note, i.SystemId, i.ActionItemId, i.TranslationRequestId))
            .ToListAsync(cancellationToken);
        return new ReviewDetails(ReviewSummary.From(review, RowVersion.Of(db, review)), agenda);
    }

    /// <summary>Whether the reader may run reviews (create, edit the agenda, start, close).</summary>
    public Task<bool> MayRunAsync() => access.AllowsAsync(AccessPolicies.RunReviews);

    /// <summary>Whether the reader may reopen a closed review (an administrator).</summary>
    public Task<bool> MayReopenAsync() => access.IsAdministratorAsync();

    /// <summary>A new draft for the form's quarter (one review per quarter), its agenda built from the figures.</summary>
    public async Task<EditOutcome<ReviewForm>> CreateDraftAsync(ReviewForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await MayRunAsync())
        {
            return EditOutcome.Refused<ReviewForm>(NotAllowed);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = await access.ActorAsync();
        var now = clock.GetUtcNow().UtcDateTime;
        var problems = new FieldProblems();
        Review? review = null;
        problems.Check(() => review = new Review(Guid.NewGuid(), ParseQuarter(form.Quarter), form.MeetingDate, form.Attendees, db.Actor.Name, now), ReviewForm.DomainFields);
        if (review is not null && (await db.Reviews.AsNoTracking().Select(r => r.QuarterStart).ToListAsync(cancellationToken)).Contains(review.QuarterStart))
        {
            problems.Add(nameof(ReviewForm.Quarter), $"There is already a review of {review.Quarter.Label}: one review per quarter.");
        }

        if (problems.Any || review is null)
        {
            return EditOutcome.Refused<ReviewForm>(problems);
        }

        db.Reviews.Add(review);
        await AddAgendaAsync(db, review, now, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another facilitator created this quarter's review at the same moment: the unique quarter refused ours.
            return EditOutcome.Refused<ReviewForm>(new FieldProblems().Add(nameof(ReviewForm.Quarter), $"There is already a review of {review.Quarter.Label}: one review per quarter."));
        }

        return EditOutcome.Saved<ReviewForm>(review.Id);
    }

    /// <summary>Changes the meeting date and attendees, if the review is still as the form read it.</summary>
    public async Task<EditOutcome<ReviewForm>> PlanAsync(Guid id, ReviewForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await MayRunAsync())
        {
            return EditOutcome.Refused<ReviewForm>(NotAllowed);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = await access.ActorAsync();
        var review = await db.Reviews.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (review is null)
        {
            return EditOutcome.Refused<ReviewForm>("This review no longer exists." + NothingChanged);
        }

        if (RowVersion.Of(db, review) != form.Version)
        {
            return EditOutcome.Conflict(FormOf(review, RowVersion.Of(db, review)));
        }

        var problems = new FieldProblems();
        problems.Check(() => review.Plan(form.MeetingDate, form.Attendees), ReviewForm.DomainFields);
        if (problems.Any)
        {
            return EditOutcome.Refused<ReviewForm>(problems.General is { } general ? FieldProblems.None.AddGeneral(general + NothingChanged) : problems);
        }

        return await SaveAsync(db, review, form.Version, cancellationToken) is { } stale
            ? EditOutcome.Conflict(stale)
            : EditOutcome.Saved<ReviewForm>(id);
    }

    /// <summary>Builds a draft's agenda again from the current figures; custom items are dropped with the rest.</summary>
    public Task<SaveOutcome> RebuildAgendaAsync(Guid id, int version, CancellationToken cancellationToken = default) =>
        ChangeAgendaAsync(id, version, async (db, review, agenda, now) =>
        {
            db.AgendaItems.RemoveRange(agenda);
            await AddAgendaAsync(db, review, now, cancellationToken);
            return null;
        }, cancellationToken);

    /// <summary>Moves an item to <paramref name="position"/> (0 first; beyond the end means last).</summary>
    public Task<SaveOutcome> MoveAgendaItemAsync(Guid id, int version, Guid itemId, int position, CancellationToken cancellationToken = default) =>
        ChangeAgendaAsync(id, version, (_, _, agenda, _) =>
        {
            if (agenda.FirstOrDefault(i => i.Id == itemId) is not { } item)
            {
                return Task.FromResult<string?>("This agenda item no longer exists.");
            }

            AgendaItem.Reorder(agenda, item, position);
            return Task.FromResult<string?>(null);
        }, cancellationToken);

    /// <summary>Adds the facilitator's own item (title required, note optional) at the end of the agenda.</summary>
    public Task<SaveOutcome> AddCustomItemAsync(Guid id, int version, string title, string? note, CancellationToken cancellationToken = default) =>
        ChangeAgendaAsync(id, version, (db, review, agenda, _) =>
        {
            db.AgendaItems.Add(AgendaItem.Custom(Guid.NewGuid(), review.Id, agenda.Count == 0 ? 0 : agenda.Max(i => i.Position) + 1, title, note));
            return Task.FromResult<string?>(null);
        }, cancellationToken);

    public Task<SaveOutcome> RemoveAgendaItemAsync(Guid id, int version, Guid itemId, CancellationToken cancellationToken = default) =>
        ChangeAgendaAsync(id, version, (db, _, agenda, _) =>
        {
            if (agenda.FirstOrDefault(i => i.Id == itemId) is not { } item)
            {
                return Task.FromResult<string?>("This agenda item no longer exists.");
            }

            db.AgendaItems.Remove(item);
            AgendaItem.Renumber(agenda.Where(i => i != item));
            return Task.FromResult<string?>(null);
        }, cancellationToken);

    /// <summary>Meeting mode: the draft becomes in progress.</summary>
    public Task<SaveOutcome> StartAsync(Guid id, int version, CancellationToken cancellationToken = default) =>
        ChangeReviewAsync(id, version, (_, review, now) =>
        {
            review.Start(now);
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>
    /// Closes the review and freezes, in one transaction, the complete portfolio document, the quarter's figures
    /// worked out from that document and the action items as shown. From then on the review is read-only.
    /// </summary>
    public Task<SaveOutcome> CloseAsync(Guid id, int version, CancellationToken cancellationToken = default) =>
        ChangeReviewAsync(id, version, async (db, review, now) =>
        {
            // First, so a draft is refused before anything is worked out; nothing is saved unless all of it succeeds.
            review.Close(db.Actor.Name, now);
            var portfolio = await PortfolioStore.LoadAsync(db, cancellationToken)
                            ?? throw new DomainRuleException("Review", "cannot be closed before the organisation has a portfolio: there is nothing to freeze.");
            var document = PortfolioDocumentWriter.ToJson(portfolio, now);
            // The figures come from the document as it will be read back, so frozen inputs and frozen figures always agree.
            var scorecard = engine.Calculate(FrozenScorecards.Read(document, now), review.Quarter);
            var items = await ActionItems.ShownInAsync(db, review, cancellationToken);
            db.FrozenReviews.Add(new FrozenReview(review.Id, now, document, ReviewJson.Write(QuarterFigures.From(scorecard)), ReviewJson.Write(items)));
        }, cancellationToken);

    /// <summary>Reopens a closed review (administrators only, a reason required): its frozen figures are dropped, audited with who, when and why.</summary>
    public async Task<SaveOutcome> ReopenAsync(Guid id, string reason, CancellationToken cancellationToken = default)
    {
        if (!await access.IsAdministratorAsync())
        {
            return SaveOutcome.Refused("Only an administrator may reopen a closed review." + NothingChanged);
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return SaveOutcome.Refused("Reason: is required: say why the closed review is reopened (it is kept in the audit trail)." + NothingChanged);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = await access.ActorAsync();
        var review = await db.Reviews.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (review is null)
        {
            return SaveOutcome.Refused("This review no longer exists." + NothingChanged);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            review.Reopen(db.Actor.Name, now, reason);
        }
        catch (DomainRuleException problem)
        {
            return SaveOutcome.Refused(problem.Message + NothingChanged);
        }

        var frozen = await db.FrozenReviews.SingleOrDefaultAsync(f => f.ReviewId == id, cancellationToken);
        if (frozen is not null)
        {
            db.FrozenReviews.Remove(frozen);
        }

        db.AuditTrail.Add(AuditEntry.Event(now, AuditAction.ReviewReopened, db.Actor, nameof(Review), id.ToString(),
            $"Reopened the closed review of {review.Quarter.Label}: {review.ReopenReason}"));
        await db.SaveChangesAsync(cancellationToken);
        return SaveOutcome.Saved;
    }

    private async Task AddAgendaAsync(BusinessValueDbContext db, Review review, DateTime now, CancellationToken cancellationToken)
    {
        var current = await figures.ScorecardOfAsync(db, review, cancellationToken);
        if (current is null)
        {
            // No portfolio yet: an empty agenda the facilitator can fill by hand.
            review.AgendaChanged();
            return;
        }

        var previous = await figures.ComparedWithAsync(db, review, cancellationToken);
        var open = (await ActionItems.ShownInAsync(db, review, cancellationToken)).Where(i => !i.IsDone);
        var entries = AgendaBuilder.Build(current, previous, open, DateOnly.FromDateTime(now), await readyRequests.ListAsync(cancellationToken));
        db.AgendaItems.AddRange(entries.Select((entry, position) => new AgendaItem(Guid.NewGuid(), review.Id, position, entry)));
        review.AgendaChanged();
    }

    private async Task<SaveOutcome> ChangeAgendaAsync(Guid id, int version, Func<BusinessValueDbContext, Review, List<AgendaItem>, DateTime, Task<string?>> change, CancellationToken cancellationToken) =>
        await ChangeReviewAsync(id, version, async (db, review, now) =>
        {
            review.AgendaChanged();
            var agenda = await db.AgendaItems.Where(i => i.ReviewId == id).OrderBy(i => i.Position).ToListAsync(cancellationToken);
            if (await change(db, review, agenda, now) is { } problem)
            {
                throw new DomainRuleException(problem);
            }
        }, cancellationToken);

    /// <summary>Loads the review, applies <paramref name="change"/> and saves it at <paramref name="version"/>, all in one transaction.</summary>
    private async Task<SaveOutcome> ChangeReviewAsync(Guid id, int version, Func<BusinessValueDbContext, Review, DateTime, Task> change, CancellationToken cancellationToken)
    {
        if (!await MayRunAsync())
        {
            return SaveOutcome.Refused(NotAllowed);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = await access.ActorAsync();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var review = await db.Reviews.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
            if (review is null)
            {
                return SaveOutcome.Refused("This review no longer exists." + NothingChanged);
            }

            if (RowVersion.Of(db, review) != version)
            {
                return Stale(review, RowVersion.Of(db, review));
            }

            try
            {
                review.EnsureOpen();
                await change(db, review, clock.GetUtcNow().UtcDateTime);
            }
            catch (DomainRuleException problem)
            {
                return SaveOutcome.Refused(problem.Message + NothingChanged);
            }

            RowVersion.Expect(db, review, version);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                var theirs = await db.Reviews.SingleAsync(r => r.Id == id, cancellationToken);
                return Stale(theirs, RowVersion.Of(db, theirs));
            }

            await transaction.CommitAsync(cancellationToken);
            return SaveOutcome.Saved;
        });
    }

    private static SaveOutcome Stale(Review review, int version) =>
        new($"Someone else changed the review of {review.Quarter.Label} since you opened it (it is now {Review.Describe(review.Status)}), so nothing of yours was saved. Look at it as it is now, then try again.",
            null, version);

    /// <returns>Null when saved; the review as now stored when someone saved it meanwhile.</returns>
    private static async Task<ReviewForm?> SaveAsync(BusinessValueDbContext db, Review review, int version, CancellationToken cancellationToken)
    {
        RowVersion.Expect(db, review, version);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            await db.Entry(review).ReloadAsync(cancellationToken);
            return FormOf(review, RowVersion.Of(db, review));
        }
    }

    private static ReviewForm FormOf(Review review, int version) =>
        new() { Quarter = review.Quarter.Label, MeetingDate = review.MeetingDate, Attendees = review.Attendees, Version = version };

    private static Period ParseQuarter(string text)
    {
        var period = Period.Parse(text);
        return period.Kind == PeriodKind.Quarter
            ? period
            : throw new DomainRuleException("Quarter", $"must be a quarter such as 2026-Q3 ('{text}' is a {period.Kind switch { PeriodKind.Month => "month", PeriodKind.FiscalYear => "fiscal year", _ => "range of months" }}).");
    }
}
