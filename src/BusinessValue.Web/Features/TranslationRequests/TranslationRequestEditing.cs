using BusinessValue.Domain;
using BusinessValue.Domain.Organisation;
using BusinessValue.Domain.Reviews;
using BusinessValue.Infrastructure.Persistence;
using BusinessValue.Web.Features.Departments;
using BusinessValue.Web.Features.Forms;
using BusinessValue.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Web.Features.TranslationRequests;

/// <summary>
/// Translation requests: IT's need written with the business's translation, for the business value review to decide.
/// Writing drafts and marking them ready needs <see cref="AccessPolicies.EditTranslationRequests"/>; deciding and
/// closing needs <see cref="AccessPolicies.RunReviews"/>; a business owner names only their departments' processes.
/// Every rule is checked here again, whatever the page showed.
/// </summary>
public sealed class TranslationRequestEditing(IDbContextFactory<BusinessValueDbContext> contexts, TimeProvider clock, AccessGuard access)
    : Reviews.IReadyTranslationRequests
{
    private const string NothingChanged = " Nothing was changed.";

    /// <summary>The requests with <paramref name="status"/> (all when null) whose title, need or translation contains <paramref name="search"/>, newest first.</summary>
    public async Task<IReadOnlyList<TranslationRequestRow>> ListAsync(TranslationRequestStatus? status, string? search, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var requests = db.TranslationRequests.AsNoTracking();
        if (status is { } wanted)
        {
            requests = requests.Where(r => r.Status == wanted);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
#pragma warning disable CA1862, CA1304, CA1311 // translated to SQL lower(); a culture overload would not translate
            var words = search.Trim().ToLowerInvariant();
            requests = requests.Where(r => r.Title.ToLower().Contains(words) || r.TechnicalNeed.ToLower().Contains(words)
                                           || (r.BusinessTranslation != null && r.BusinessTranslation.ToLower().Contains(words)));
#pragma warning restore CA1862, CA1304, CA1311
        }

        var found = await requests.Include(r => r.Systems).OrderByDescending(r => r.CreatedAtUtc).ThenBy(r => r.Title).ToListAsync(cancellationToken);
        var systemIds = found.SelectMany(r => r.SystemIds).Distinct().ToList();
        var systems = await db.Systems.AsNoTracking().Where(s => systemIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var processIds = found.Where(r => r.ProcessId is not null).Select(r => r.ProcessId!.Value).Distinct().ToList();
        var processes = await db.Processes.AsNoTracking().Where(p => processIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        return found.Select(r => new TranslationRequestRow(
            r.Id, r.Title, r.TechnicalNeed, r.BusinessTranslation, r.ProcessId is { } p ? processes.GetValueOrDefault(p) : null, r.NeededBy, r.EstimatedImpact,
            r.SystemIds.Where(systems.ContainsKey).Select(id => new LinkCandidate(id, systems[id])).OrderBy(s => s.Name, StringComparer.CurrentCulture).ToList(),
            r.Status, r.DecisionNote, r.CreatedBy, r.CreatedAtUtc)).ToList();
    }

    /// <summary>The requests ready for decision, for the next review's agenda: the largest estimated impact first.</summary>
    public async Task<IReadOnlyList<ReadyTranslationRequest>> ReadyForReviewAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ready = await db.TranslationRequests.AsNoTracking().Include(r => r.Systems)
            .Where(r => r.Status == TranslationRequestStatus.Ready).ToListAsync(cancellationToken);
        return ready.OrderByDescending(r => r.EstimatedImpact).ThenBy(r => r.Title, StringComparer.CurrentCulture)
            .Select(r => new ReadyTranslationRequest(r.Id, r.Title, r.SystemIds.ToList(), r.EstimatedImpact)).ToList();
    }

    Task<IReadOnlyList<ReadyTranslationRequest>> Reviews.IReadyTranslationRequests.ListAsync(CancellationToken cancellationToken) =>
        ReadyForReviewAsync(cancellationToken);

    /// <summary>The systems and processes a form offers, the currency of impacts, and what the reader may do.</summary>
    public async Task<TranslationRequestChoices> ChoicesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var organisation = await db.Organisation.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        var systems = await db.Systems.AsNoTracking().OrderBy(s => s.Name).Select(s => new LinkCandidate(s.Id, s.Name)).ToListAsync(cancellationToken);
        var processes = new List<ProcessChoice>();
        foreach (var p in await db.Processes.AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken))
        {
            processes.Add(new ProcessChoice(p.Id, p.Name, p.DepartmentId, await MayNameProcessOfAsync(p.DepartmentId)));
        }

        return new TranslationRequestChoices(systems, processes, (organisation?.Currency ?? CurrencyCode.Default).Code ?? CurrencyCode.Default.Code!,
            await access.AllowsAsync(AccessPolicies.EditTranslationRequests), await access.AllowsAsync(AccessPolicies.RunReviews));
    }

    public async Task<TranslationRequestForm?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var request = await db.TranslationRequests.Include(r => r.Systems).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        return request is null ? null : TranslationRequestForm.From(request, RowVersion.Of(db, request));
    }

    /// <summary>Adds a request (no <see cref="TranslationRequestForm.Id"/>) or saves it over the version its form was read at.</summary>
    public async Task<EditOutcome<TranslationRequestForm>> SaveAsync(TranslationRequestForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = await access.ActorAsync();
        var request = form.Id is { } id ? await db.TranslationRequests.Include(r => r.Systems).SingleOrDefaultAsync(r => r.Id == id, cancellationToken) : null;
        if (form.Id is not null && request is null)
        {
            return EditOutcome.Refused<TranslationRequestForm>("This translation request no longer exists: someone may have removed it." + NothingChanged);
        }

        if (await RefusalAsync(db, request, form, cancellationToken) is { } refusal)
        {
            return EditOutcome.Refused<TranslationRequestForm>(refusal + NothingChanged);
        }

        if (request is not null && RowVersion.Of(db, request) != form.Version)
        {
            return EditOutcome.Conflict((await GetAsync(request.Id, cancellationToken))!);
        }

        var problems = new FieldProblems();
        var systems = form.SystemIds.Distinct().ToList();
        if (await db.Systems.CountAsync(s => systems.Contains(s.Id), cancellationToken) != systems.Count)
        {
            problems.Add(nameof(TranslationRequestForm.SystemIds), "One of the systems no longer exists; choose them again.");
        }

        var neededBy = form.NeededBy is { } day ? DateOnly.FromDateTime(day) : (DateOnly?)null;
        var now = clock.GetUtcNow().UtcDateTime;
        if (request is null)
        {
            problems.Check(() => request = new TranslationRequest(Guid.NewGuid(), form.Title, form.TechnicalNeed, form.BusinessTranslation, form.ProcessId, neededBy, form.EstimatedImpact, systems, db.Actor.Name, now), TranslationRequestForm.DomainFields);
            if (request is not null)
            {
                db.TranslationRequests.Add(request);
            }
        }
        else
        {
            problems.Check(() => request.Describe(form.Title, form.TechnicalNeed, form.BusinessTranslation, form.ProcessId, neededBy, form.EstimatedImpact, systems), TranslationRequestForm.DomainFields);
            RowVersion.Expect(db, request, form.Version);
        }

        CheckEachField(form, problems);
        if (request is not null && !problems.Any)
        {
            problems.Check(() => request.MoveTo(form.Status, form.DecisionNote), TranslationRequestForm.DomainFields);
        }
        else if (form.Status == TranslationRequestStatus.Ready)
        {
            // The content was refused: still say now what marking it ready will need, beside its field.
            problems.Check(() => Throw(TranslationRequest.MissingForReady(form.BusinessTranslation)), TranslationRequestForm.DomainFields);
        }

        if (problems.Any || request is null)
        {
            return EditOutcome.Refused<TranslationRequestForm>(problems);
        }

        request.RecordedBy(InputSource.Entered(db.Actor.Name, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            var theirs = await GetAsync(request.Id, cancellationToken);
            return theirs is null
                ? EditOutcome.Refused<TranslationRequestForm>("This translation request was removed while you were editing it." + NothingChanged)
                : EditOutcome.Conflict(theirs);
        }

        return EditOutcome.Saved<TranslationRequestForm>(request.Id);
    }

    /// <summary>Why the reader may not save this form, or null: the role for the status, and a business owner's departments.</summary>
    private async Task<string?> RefusalAsync(BusinessValueDbContext db, TranslationRequest? stored, TranslationRequestForm form, CancellationToken cancellationToken)
    {
        var decides = form.Status is TranslationRequestStatus.Decided or TranslationRequestStatus.Done || stored is { IsOpen: false };
        if (decides)
        {
            return await access.AllowsAsync(AccessPolicies.RunReviews)
                ? null
                : "Only a review facilitator or an administrator may decide a translation request or change a decided one.";
        }

        if (!await access.AllowsAsync(AccessPolicies.EditTranslationRequests))
        {
            return "Only an administrator, an IT director, a business owner or a review facilitator may write translation requests.";
        }

        foreach (var processId in new[] { stored?.ProcessId, form.ProcessId }.OfType<Guid>().Distinct())
        {
            var process = await db.Processes.AsNoTracking().Where(p => p.Id == processId).Select(p => new { p.Name, p.DepartmentId }).SingleOrDefaultAsync(cancellationToken);
            if (process is null)
            {
                return "Process: it no longer exists; choose another.";
            }

            if (!await MayNameProcessOfAsync(process.DepartmentId))
            {
                return $"A business owner writes requests only for their own departments' processes, and \"{process.Name}\" is not in one of them.";
            }
        }

        return null;
    }

    /// <summary>Every writer names any process, except a business owner: only their departments' (the rule of business data).</summary>
    private async Task<bool> MayNameProcessOfAsync(Guid? departmentId) =>
        !await access.AllowsAsync(AccessPolicies.EditBusinessData) || await access.MayEditBusinessDataOfAsync(departmentId);

    /// <summary>Each field alone against the domain's rules, so every wrong field gets its message, not only the first.</summary>
    private static void CheckEachField(TranslationRequestForm form, FieldProblems problems)
    {
        static TranslationRequest Build(string title = "-", string need = "-", string? translation = null, decimal impact = 0m) =>
            new(Guid.Empty, title, need, translation, null, null, impact, [], "-", DateTime.UnixEpoch);
        problems.Check(() => Build(title: form.Title), TranslationRequestForm.DomainFields);
        problems.Check(() => Build(need: form.TechnicalNeed), TranslationRequestForm.DomainFields);
        problems.Check(() => Build(translation: form.BusinessTranslation), TranslationRequestForm.DomainFields);
        problems.Check(() => Build(impact: form.EstimatedImpact), TranslationRequestForm.DomainFields);
    }

    private static void Throw(IReadOnlyList<DomainRuleException> problems)
    {
        if (problems is [var first, ..])
        {
            throw first;
        }
    }
}
