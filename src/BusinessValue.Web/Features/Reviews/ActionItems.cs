using BusinessValue.Domain.Reviews;
using BusinessValue.Infrastructure.Persistence;
using BusinessValue.Web.Features.Forms;
using BusinessValue.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Web.Features.Reviews;

/// <summary>
/// A review's action items (its own and those still open from earlier reviews), "my actions", and their changes.
/// Creating and editing is for whoever runs reviews (reviews:run); an item's status may also be changed by its two owners.
/// </summary>
public sealed class ActionItems(IDbContextFactory<BusinessValueDbContext> contexts, AccessGuard access, TimeProvider clock)
{
    private const string NothingChanged = " Nothing was changed.";
    private const string NotAllowed = "Only an administrator or a review facilitator may add or change action items." + NothingChanged;

    /// <summary>The items a review shows: live while open, as frozen at closing once closed. Empty when the review does not exist.</summary>
    public async Task<IReadOnlyList<ActionItemRow>> ForReviewAsync(Guid reviewId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var review = await db.Reviews.AsNoTracking().SingleOrDefaultAsync(r => r.Id == reviewId, cancellationToken);
        if (review is null)
        {
            return [];
        }

        if (review.IsClosed && await ReviewFigures.FrozenOfAsync(db, reviewId, cancellationToken) is { } frozen)
        {
            return await RowsAsync(db, ReviewJson.ActionItems(frozen.ActionItems).Select(s => (s, 0)).ToList(), reviewId, mayChange: false, cancellationToken);
        }

        var items = await ShownItemsAsync(db, review, cancellationToken);
        return await RowsAsync(db, items.Select(i => (i.State(), RowVersion.Of(db, i))).ToList(), reviewId, mayChange: true, cancellationToken);
    }

    /// <summary>Every item the signed-in user owns, as IT or business owner: overdue ones first, then open ones, each by due date.</summary>
    public async Task<IReadOnlyList<ActionItemRow>> MineAsync(CancellationToken cancellationToken = default)
    {
        if ((await access.ActorAsync()).Id is not { } me)
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var items = await db.ActionItems.Where(a => a.ItOwnerId == me || a.BusinessOwnerId == me).ToListAsync(cancellationToken);
        var rows = await RowsAsync(db, items.Select(i => (i.State(), RowVersion.Of(db, i))).ToList(), null, mayChange: true, cancellationToken);
        return rows.OrderByDescending(r => r.IsOverdue).ThenBy(r => r.Status == ActionItemStatus.Done).ThenBy(r => r.DueDate).ToList();
    }

    /// <summary>The user accounts that can own an action item: every account not disabled, by name.</summary>
    public async Task<IReadOnlyList<OwnerChoice>> OwnersAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var users = await db.Users.AsNoTracking().Where(u => !u.IsDisabled).Select(u => new { u.Id, u.DisplayName, u.UserName }).ToListAsync(cancellationToken);
        return users.Select(u => new OwnerChoice(u.Id, NameOf(u.DisplayName, u.UserName))).OrderBy(u => u.Name, StringComparer.CurrentCulture).ToList();
    }

    public async Task<ActionItemForm?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var item = await db.ActionItems.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        return item is null ? null : FormOf(item, RowVersion.Of(db, item));
    }

    /// <summary>Raises a new item in the review; refused when the review is closed or an owner is missing.</summary>
    public async Task<EditOutcome<ActionItemForm>> CreateAsync(Guid reviewId, ActionItemForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await access.AllowsAsync(AccessPolicies.RunReviews))
        {
            return EditOutcome.Refused<ActionItemForm>(NotAllowed);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = await access.ActorAsync();
        var (review, refusal) = await WritableReview.FindAsync(db, reviewId, cancellationToken);
        if (review is null)
        {
            return EditOutcome.Refused<ActionItemForm>(refusal!);
        }

        var problems = new FieldProblems();
        ActionItem? item = null;
        problems.Check(() => item = new ActionItem(Guid.NewGuid(), reviewId, form.Title, form.ItOwnerId ?? Guid.Empty, form.BusinessOwnerId ?? Guid.Empty, form.DueDate, form.SystemId, clock.GetUtcNow().UtcDateTime), ActionItemForm.DomainFields);
        await CheckOwnersAsync(db, form, problems, cancellationToken);
        if (problems.Any || item is null)
        {
            return EditOutcome.Refused<ActionItemForm>(problems);
        }

        db.ActionItems.Add(item);
        await db.SaveChangesAsync(cancellationToken);
        return EditOutcome.Saved<ActionItemForm>(item.Id);
    }

    /// <summary>Changes an item's title, owners, due date and system, if it is still as the form read it.</summary>
    public async Task<EditOutcome<ActionItemForm>> SaveAsync(Guid id, ActionItemForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await access.AllowsAsync(AccessPolicies.RunReviews))
        {
            return EditOutcome.Refused<ActionItemForm>(NotAllowed);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = await access.ActorAsync();
        var item = await db.ActionItems.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (item is null)
        {
            return EditOutcome.Refused<ActionItemForm>("This action item no longer exists." + NothingChanged);
        }

        if (RowVersion.Of(db, item) != form.Version)
        {
            return EditOutcome.Conflict(FormOf(item, RowVersion.Of(db, item)));
        }

        var problems = new FieldProblems();
        problems.Check(() => item.Describe(form.Title, form.ItOwnerId ?? Guid.Empty, form.BusinessOwnerId ?? Guid.Empty, form.DueDate, form.SystemId), ActionItemForm.DomainFields);
        await CheckOwnersAsync(db, form, problems, cancellationToken);
        if (problems.Any)
        {
            return EditOutcome.Refused<ActionItemForm>(problems);
        }

        RowVersion.Expect(db, item, form.Version);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            var theirs = await GetAsync(id, cancellationToken);
            return theirs is null ? EditOutcome.Refused<ActionItemForm>("This action item was removed meanwhile." + NothingChanged) : EditOutcome.Conflict(theirs);
        }

        return EditOutcome.Saved<ActionItemForm>(id);
    }

    /// <summary>Sets an item's status (done records who and when); for the item's two owners and whoever runs reviews.</summary>
    public async Task<SaveOutcome> ChangeStatusAsync(Guid id, ActionItemStatus status, int version, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = await access.ActorAsync();
        var item = await db.ActionItems.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (item is null)
        {
            return SaveOutcome.Refused("This action item no longer exists." + NothingChanged);
        }

        if (!item.IsOwnedBy(db.Actor.Id ?? Guid.Empty) && !await access.AllowsAsync(AccessPolicies.RunReviews))
        {
            return SaveOutcome.Refused("Only the item's IT owner, its business owner, an administrator or a review facilitator may change its status." + NothingChanged);
        }

        RowVersion.Expect(db, item, version);
        item.ChangeStatus(status, db.Actor.Name, clock.GetUtcNow().UtcDateTime);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return SaveOutcome.Saved;
        }
        catch (DbUpdateConcurrencyException)
        {
            await db.Entry(item).ReloadAsync(cancellationToken);
            return SaveOutcome.Conflicted([("Status", status.ToString())], [("Status", item.Status.ToString())], RowVersion.Of(db, item));
        }
    }

    /// <summary>
    /// What a review shows: the items it raised, and those raised in earlier reviews that were still open when it was
    /// created (done since counts as shown, so the meeting sees them closed). Tracked, so callers can read versions.
    /// </summary>
    internal static async Task<List<ActionItem>> ShownItemsAsync(BusinessValueDbContext db, Review review, CancellationToken cancellationToken)
    {
        var earlier = (await db.Reviews.AsNoTracking().Select(r => new { r.Id, r.QuarterStart }).ToListAsync(cancellationToken))
            .Where(r => r.QuarterStart < review.QuarterStart).Select(r => r.Id).ToList();
        var createdAt = review.CreatedAtUtc;
        return await db.ActionItems
            .Where(a => a.RaisedInReviewId == review.Id
                        || (earlier.Contains(a.RaisedInReviewId) && (a.Status != ActionItemStatus.Done || a.DoneAtUtc >= createdAt)))
            .OrderBy(a => a.DueDate).ThenBy(a => a.Title)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Read-only rows of items as some moment saw them (a comparison's done and not done), with their owners' names.</summary>
    public async Task<IReadOnlyList<ActionItemRow>> RowsOfAsync(IReadOnlyList<ActionItemState> states, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(states);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await RowsAsync(db, states.Select(s => (s, 0)).ToList(), null, mayChange: false, cancellationToken);
    }

    internal static async Task<IReadOnlyList<ActionItemState>> ShownInAsync(BusinessValueDbContext db, Review review, CancellationToken cancellationToken) =>
        (await ShownItemsAsync(db, review, cancellationToken)).Select(i => i.State()).ToList();

    private async Task<IReadOnlyList<ActionItemRow>> RowsAsync(BusinessValueDbContext db, IReadOnlyList<(ActionItemState Item, int Version)> items, Guid? reviewId, bool mayChange, CancellationToken cancellationToken)
    {
        var ownerIds = items.SelectMany(i => new[] { i.Item.ItOwnerId, i.Item.BusinessOwnerId }).Distinct().ToList();
        var owners = (await db.Users.AsNoTracking().Where(u => ownerIds.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName, u.UserName }).ToListAsync(cancellationToken))
            .ToDictionary(u => u.Id, u => NameOf(u.DisplayName, u.UserName));
        var systemIds = items.Where(i => i.Item.SystemId is not null).Select(i => i.Item.SystemId!.Value).Distinct().ToList();
        var systems = await db.Systems.AsNoTracking().Where(s => systemIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var quarters = (await db.Reviews.AsNoTracking().ToListAsync(cancellationToken)).ToDictionary(r => r.Id, r => r.Quarter.Label);
        var runsReviews = await access.AllowsAsync(AccessPolicies.RunReviews);
        var me = (await access.ActorAsync()).Id ?? Guid.Empty;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return items.Select(x =>
        {
            var i = x.Item;
            return new ActionItemRow(i.Id, i.Title, i.ItOwnerId, owners.GetValueOrDefault(i.ItOwnerId, "a removed account"), i.BusinessOwnerId,
                owners.GetValueOrDefault(i.BusinessOwnerId, "a removed account"), i.DueDate, i.Status, i.SystemId,
                i.SystemId is { } s ? systems.GetValueOrDefault(s) : null, i.RaisedInReviewId, quarters.GetValueOrDefault(i.RaisedInReviewId, string.Empty),
                reviewId is { } r && i.RaisedInReviewId != r, i.IsOverdue(today), i.DoneAtUtc, i.DoneBy, x.Version,
                mayChange && (runsReviews || me == i.ItOwnerId || me == i.BusinessOwnerId));
        }).ToList();
    }

    private static async Task CheckOwnersAsync(BusinessValueDbContext db, ActionItemForm form, FieldProblems problems, CancellationToken cancellationToken)
    {
        foreach (var (id, field, label) in new[] { (form.ItOwnerId, nameof(ActionItemForm.ItOwnerId), "IT owner"), (form.BusinessOwnerId, nameof(ActionItemForm.BusinessOwnerId), "Business owner") })
        {
            if (id is { } userId && userId != Guid.Empty && !await db.Users.AnyAsync(u => u.Id == userId && !u.IsDisabled, cancellationToken))
            {
                problems.Add(field, $"{label}: choose an active user account; this one does not exist or is disabled.");
            }
        }
    }

    private static ActionItemForm FormOf(ActionItem item, int version) => new()
    {
        Title = item.Title,
        ItOwnerId = item.ItOwnerId,
        BusinessOwnerId = item.BusinessOwnerId,
        DueDate = item.DueDate,
        SystemId = item.SystemId,
        Version = version,
    };

    private static string NameOf(string displayName, string? userName) => string.IsNullOrWhiteSpace(displayName) ? userName ?? "unnamed account" : displayName;
}
