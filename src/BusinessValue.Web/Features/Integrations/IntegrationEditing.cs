using BusinessValue.Domain;
using BusinessValue.Domain.Integrations;
using BusinessValue.Domain.Organisation;
using BusinessValue.Infrastructure.Persistence;
using BusinessValue.Web.Features.Forms;
using BusinessValue.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Web.Features.Integrations;

/// <summary>
/// Lists, adds, changes and removes integrations between systems. Writes are checked against the reader's role
/// here and saved only on the version the form was read at; costs are the engine's, at the organisation's labour rate.
/// </summary>
public sealed class IntegrationEditing(IDbContextFactory<BusinessValueDbContext> contexts, TimeProvider clock, AccessGuard access)
{
    public const int PageSize = 25;
    private const string NotAllowed = "Only an IT director or an administrator may change the inventory; nothing was changed.";

    /// <summary>A page of all integrations, by name; <paramref name="search"/> matches the integration's or a system's name.</summary>
    public async Task<IntegrationListPage> PageAsync(string? search, int page, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (currency, rate) = await OrganisationAsync(db, cancellationToken);
        var rows = Rows(db);
        if (!string.IsNullOrWhiteSpace(search))
        {
#pragma warning disable CA1862, CA1304, CA1311 // translated to SQL lower(); a culture overload would not translate
            var words = search.Trim().ToLowerInvariant();
            rows = rows.Where(r => r.Name.ToLower().Contains(words) || r.SourceName.ToLower().Contains(words) || r.TargetName.ToLower().Contains(words));
#pragma warning restore CA1862, CA1304, CA1311
        }

        var total = await rows.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        var current = Math.Clamp(page, 1, pageCount);
        var found = await rows.OrderBy(r => r.Name).ThenBy(r => r.Id).Skip((current - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        return new IntegrationListPage(found.Select(r => r.WithCost(rate)).ToList(), total, current, PageSize, currency);
    }

    /// <summary>The integrations a system takes part in, as source or target.</summary>
    public async Task<IReadOnlyList<IntegrationRow>> ForSystemAsync(Guid systemId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (_, rate) = await OrganisationAsync(db, cancellationToken);
        var found = await Rows(db).Where(r => r.SourceSystemId == systemId || r.TargetSystemId == systemId).OrderBy(r => r.Name).ToListAsync(cancellationToken);
        return found.Select(r => r.WithCost(rate)).ToList();
    }

    /// <summary>Systems whose name contains the words, for picking a source or target: a few, never the whole inventory.</summary>
    public async Task<IReadOnlyList<SystemChoice>> SystemsNamedAsync(string? words, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var systems = db.Systems.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(words))
        {
#pragma warning disable CA1862, CA1304, CA1311 // translated to SQL lower()
            var lowered = words.Trim().ToLowerInvariant();
            systems = systems.Where(s => s.Name.ToLower().Contains(lowered));
#pragma warning restore CA1862, CA1304, CA1311
        }

        return await systems.OrderBy(s => s.Name).Take(20).Select(s => new SystemChoice(s.Id, s.Name)).ToListAsync(cancellationToken);
    }

    /// <summary>An empty form, with <paramref name="systemId"/> as its source when it is added from a system's page.</summary>
    public async Task<IntegrationForm> NewAsync(Guid? systemId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (currency, rate) = await OrganisationAsync(db, cancellationToken);
        var source = systemId is { } id
            ? await db.Systems.AsNoTracking().Where(s => s.Id == id).Select(s => new SystemChoice(s.Id, s.Name)).SingleOrDefaultAsync(cancellationToken)
            : null;
        return new IntegrationForm { Source = source, Currency = currency, LabourRatePerHour = rate };
    }

    public async Task<IntegrationForm?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await ReadAsync(db, id, cancellationToken);
    }

    /// <summary>Adds a new integration, or saves a changed one over the version its form was read at.</summary>
    public async Task<EditOutcome<IntegrationForm>> SaveAsync(IntegrationForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        // Checked here, not only by the page: a forged event from a browser changes nothing.
        if (!await access.AllowsAsync(AccessPolicies.EditInventory))
        {
            return EditOutcome.Refused<IntegrationForm>(NotAllowed);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = await access.ActorAsync();
        var problems = new FieldProblems();
        await CheckSystemAsync(db, form.Source, nameof(IntegrationForm.Source), "source", problems, cancellationToken);
        await CheckSystemAsync(db, form.Target, nameof(IntegrationForm.Target), "target", problems, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var sourceId = form.Source?.Id ?? Guid.Empty;
        var targetId = form.Target?.Id ?? Guid.Empty;

        Integration? integration;
        if (form.Id is { } id)
        {
            integration = await db.Integrations.SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
            if (integration is null)
            {
                return EditOutcome.Refused<IntegrationForm>("This integration no longer exists: someone may have removed it. Nothing was changed.");
            }

            if (RowVersion.Of(db, integration) != form.Version)
            {
                return EditOutcome.Conflict((await ReadAsync(db, id, cancellationToken))!);
            }

            problems.Check(() => integration.Change(form.Name, sourceId, targetId, form.Mode, form.TransfersPerMonth, form.MinutesPerTransfer), IntegrationForm.DomainFields);
            RowVersion.Expect(db, integration, form.Version);
        }
        else
        {
            integration = null;
            // The first mode recorded is where process automation measures from (docs/formulas.md#process-automation).
            problems.Check(() => integration = new Integration(Guid.NewGuid(), form.Name, sourceId, targetId, form.Mode, form.Mode, form.TransfersPerMonth, form.MinutesPerTransfer), IntegrationForm.DomainFields);
            if (integration is not null)
            {
                db.Integrations.Add(integration);
            }
        }

        CheckEachNumber(form, problems);
        if (problems.Any || integration is null)
        {
            return EditOutcome.Refused<IntegrationForm>(problems);
        }

        integration.RecordedBy(InputSource.Entered(db.Actor.Name, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            var theirs = await GetAsync(integration.Id, cancellationToken);
            return theirs is null
                ? EditOutcome.Refused<IntegrationForm>("This integration was removed while you were editing it. Nothing was changed.")
                : EditOutcome.Conflict(theirs);
        }

        return EditOutcome.Saved<IntegrationForm>(integration.Id);
    }

    /// <returns>Null when removed; otherwise why not (also when it changed since <paramref name="version"/>, the one the user saw).</returns>
    public async Task<string?> DeleteAsync(Guid id, int version, CancellationToken cancellationToken = default)
    {
        if (!await access.AllowsAsync(AccessPolicies.EditInventory))
        {
            return NotAllowed;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = await access.ActorAsync();
        var integration = await db.Integrations.SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (integration is null)
        {
            return null; // already gone: what the user wanted
        }

        RowVersion.Expect(db, integration, version);
        db.Integrations.Remove(integration);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return StaleDelete.Message($"the integration {integration.Name}");
        }

        return null;
    }

    // The domain stops at the first number it refuses; checked one by one so each field gets its own message.
    private static void CheckEachNumber(IntegrationForm form, FieldProblems problems)
    {
        problems.Check(() => _ = new Integration(Guid.Empty, "-", Guid.Empty, Guid.Empty, form.Mode, form.Mode, form.TransfersPerMonth, 0m), IntegrationForm.DomainFields);
        problems.Check(() => _ = new Integration(Guid.Empty, "-", Guid.Empty, Guid.Empty, form.Mode, form.Mode, 0m, form.MinutesPerTransfer), IntegrationForm.DomainFields);
    }

    private static async Task CheckSystemAsync(BusinessValueDbContext db, SystemChoice? system, string field, string role, FieldProblems problems, CancellationToken cancellationToken)
    {
        if (system is null)
        {
            problems.Add(field, $"Choose the {role} system.");
        }
        else if (!await db.Systems.AnyAsync(s => s.Id == system.Id, cancellationToken))
        {
            problems.Add(field, $"The system \"{system.Name}\" no longer exists; choose another {role} system.");
        }
    }

    private static async Task<IntegrationForm?> ReadAsync(BusinessValueDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var (currency, rate) = await OrganisationAsync(db, cancellationToken);
        var found = await db.Integrations.AsNoTracking().Where(i => i.Id == id)
            .Select(i => new
            {
                Integration = i,
                Version = EF.Property<int>(i, RowVersion.Property),
                Source = db.Systems.Where(s => s.Id == i.SourceSystemId).Select(s => s.Name).FirstOrDefault(),
                Target = db.Systems.Where(s => s.Id == i.TargetSystemId).Select(s => s.Name).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var i = found.Integration;
        return new IntegrationForm
        {
            Id = i.Id,
            Name = i.Name,
            Source = new SystemChoice(i.SourceSystemId, found.Source ?? "—"),
            Target = new SystemChoice(i.TargetSystemId, found.Target ?? "—"),
            Mode = i.Mode,
            TransfersPerMonth = i.TransfersPerMonth,
            MinutesPerTransfer = i.MinutesPerTransfer,
            Version = found.Version,
            Currency = currency,
            LabourRatePerHour = rate,
        };
    }

    private static async Task<(string Currency, decimal LabourRate)> OrganisationAsync(BusinessValueDbContext db, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisation.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        return ((organisation?.Currency ?? CurrencyCode.Default).Code ?? CurrencyCode.Default.Code,
            (organisation?.Assumptions ?? Assumptions.Default).LabourRatePerHour);
    }

    private static IQueryable<StoredRow> Rows(BusinessValueDbContext db) =>
        from i in db.Integrations.AsNoTracking()
        join source in db.Systems on i.SourceSystemId equals source.Id
        join target in db.Systems on i.TargetSystemId equals target.Id
        select new StoredRow
        {
            Id = i.Id,
            Name = i.Name,
            SourceSystemId = i.SourceSystemId,
            SourceName = source.Name,
            TargetSystemId = i.TargetSystemId,
            TargetName = target.Name,
            Mode = i.Mode,
            TransfersPerMonth = i.TransfersPerMonth,
            MinutesPerTransfer = i.MinutesPerTransfer,
            Version = EF.Property<int>(i, RowVersion.Property),
        };

    // Set by member initialisation, not a constructor, so EF Core can still filter and sort on its members.
    private sealed class StoredRow
    {
        public Guid Id { get; init; }

        public string Name { get; init; } = string.Empty;

        public Guid SourceSystemId { get; init; }

        public string SourceName { get; init; } = string.Empty;

        public Guid TargetSystemId { get; init; }

        public string TargetName { get; init; } = string.Empty;

        public IntegrationMode Mode { get; init; }

        public decimal TransfersPerMonth { get; init; }

        public decimal MinutesPerTransfer { get; init; }

        public int Version { get; init; }


        public IntegrationRow WithCost(decimal rate) => new(Id, Name, SourceSystemId, SourceName, TargetSystemId, TargetName, Mode, TransfersPerMonth, MinutesPerTransfer,
            Integration.ManualCost(12, TransfersPerMonth, MinutesPerTransfer, Mode, rate), Version);
    }
}
