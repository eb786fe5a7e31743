using BusinessValue.Domain;
using BusinessValue.Domain.Organisation;
using BusinessValue.Domain.Systems;
using BusinessValue.Infrastructure.Persistence;
using BusinessValue.Web.Features.Forms;
using BusinessValue.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Web.Features.Systems;

/// <summary>
/// Creates, reads, changes and deletes one system of the inventory. Every write is checked against the
/// reader's role here, audited field by field, and saved only on the version the form was read at.
/// </summary>
public sealed class SystemEditing(IDbContextFactory<BusinessValueDbContext> contexts, TimeProvider clock, AccessGuard access)
{
    private const string NotAllowed = "Only an IT director or an administrator may change the inventory; nothing was changed.";

    public async Task<SystemForm?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await ReadAsync(db, id, cancellationToken);
    }

    /// <summary>An empty form in the organisation's currency, for a new system.</summary>
    public async Task<SystemForm> NewAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return new SystemForm { Currency = await CurrencyAsync(db, cancellationToken), Lifecycle = Lifecycle.Active, StrategicFit = StrategicFit.SupportsStrategy };
    }

    public async Task<EditOutcome<SystemForm>> CreateAsync(SystemForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        // Checked here, not only by the page: a forged event from a browser changes nothing.
        if (!await access.AllowsAsync(AccessPolicies.EditInventory))
        {
            return EditOutcome.Refused<SystemForm>(NotAllowed);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = await access.ActorAsync();
        var now = clock.GetUtcNow().UtcDateTime;
        var problems = new FieldProblems();
        ItSystem? system = null;
        problems.Check(() => system = new ItSystem(Guid.NewGuid(), form.Name, form.Category, form.Vendor, form.Lifecycle, form.StrategicFit, now), SystemForm.DomainFields);
        // A placeholder when the name or category is refused, so the remaining fields are still checked in one go.
        system ??= new ItSystem(Guid.NewGuid(), "-", "-", null, form.Lifecycle, form.StrategicFit, now);
        Apply(system, form, problems, db.Actor.Name, now);
        await CheckNameIsFreeAsync(db, system.Id, form.Name, problems, cancellationToken);
        if (problems.Any)
        {
            return EditOutcome.Refused<SystemForm>(problems);
        }

        db.Systems.Add(system);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone created the same name between the check and the save; the unique index refused it.
            if (await NameTakenAsync(system.Id, system.Name, cancellationToken))
            {
                return EditOutcome.Refused<SystemForm>(new FieldProblems().Add(nameof(SystemForm.Name), NameTaken(system.Name)));
            }

            throw;
        }

        return EditOutcome.Saved<SystemForm>(system.Id);
    }

    /// <summary>Saves the form over the version it was read at (<see cref="SystemForm.Version"/>).</summary>
    public async Task<EditOutcome<SystemForm>> SaveAsync(Guid id, SystemForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await access.AllowsAsync(AccessPolicies.EditInventory))
        {
            return EditOutcome.Refused<SystemForm>(NotAllowed);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = await access.ActorAsync();
        var system = await db.Systems.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (system is null)
        {
            return EditOutcome.Refused<SystemForm>("This system no longer exists: someone may have removed it. Nothing was changed.");
        }

        if (RowVersion.Of(db, system) != form.Version)
        {
            return EditOutcome.Conflict((await ReadAsync(db, id, cancellationToken))!);
        }

        var problems = new FieldProblems();
        problems.Check(() => system.Describe(form.Name, form.Category, form.Vendor, form.Lifecycle, form.StrategicFit), SystemForm.DomainFields);
        Apply(system, form, problems, db.Actor.Name, clock.GetUtcNow().UtcDateTime);
        await CheckNameIsFreeAsync(db, id, form.Name, problems, cancellationToken);
        if (problems.Any)
        {
            return EditOutcome.Refused<SystemForm>(problems);
        }

        RowVersion.Expect(db, system, form.Version);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Saved by someone else between our read and our write: theirs stays, the user decides.
            var theirs = await GetAsync(id, cancellationToken);
            return theirs is null
                ? EditOutcome.Refused<SystemForm>("This system was removed while you were editing it. Nothing was changed.")
                : EditOutcome.Conflict(theirs);
        }
        catch (DbUpdateException)
        {
            if (await NameTakenAsync(id, system.Name, cancellationToken))
            {
                return EditOutcome.Refused<SystemForm>(new FieldProblems().Add(nameof(SystemForm.Name), NameTaken(system.Name)));
            }

            throw;
        }

        return EditOutcome.Saved<SystemForm>(id);
    }

    /// <summary>What deleting the system would also remove, for the confirmation; null when there is no such system.</summary>
    public async Task<SystemDependents?> DependentsAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var system = await db.Systems.AsNoTracking().Where(s => s.Id == id)
            .Select(s => new { s.Name, Version = EF.Property<int>(s, RowVersion.Property) })
            .SingleOrDefaultAsync(cancellationToken);
        if (system is null)
        {
            return null;
        }

        return new SystemDependents(
            system.Name,
            system.Version,
            await db.Dependencies.CountAsync(d => d.SystemId == id, cancellationToken),
            await db.Integrations.CountAsync(i => i.SourceSystemId == id || i.TargetSystemId == id, cancellationToken),
            await db.Workarounds.CountAsync(w => w.Systems.Any(l => l.SystemId == id), cancellationToken),
            await db.Metrics.CountAsync(m => m.SystemId == id, cancellationToken),
            await db.RestoreTests.CountAsync(t => t.SystemId == id, cancellationToken));
    }

    /// <summary>
    /// Deletes the system with everything that only exists because of it (its dependencies, integrations, months
    /// of metrics, restore tests) and unlinks it from its workarounds, which stay with their departments. Each
    /// removed record is in the audit trail. Refused when the system changed since <paramref name="version"/>.
    /// </summary>
    /// <returns>Null when deleted; otherwise why nothing was deleted.</returns>
    public async Task<string?> DeleteAsync(Guid id, int version, CancellationToken cancellationToken = default)
    {
        if (!await access.AllowsAsync(AccessPolicies.EditInventory))
        {
            return NotAllowed;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = await access.ActorAsync();
        var system = await db.Systems.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (system is null)
        {
            return "This system no longer exists: someone may have removed it already.";
        }

        // Loaded rather than left to the database's cascade, so the audit trail names every record removed.
        db.Dependencies.RemoveRange(await db.Dependencies.Where(d => d.SystemId == id).ToListAsync(cancellationToken));
        db.Integrations.RemoveRange(await db.Integrations.Where(i => i.SourceSystemId == id || i.TargetSystemId == id).ToListAsync(cancellationToken));
        db.Metrics.RemoveRange(await db.Metrics.Where(m => m.SystemId == id).ToListAsync(cancellationToken));
        db.RestoreTests.RemoveRange(await db.RestoreTests.Where(t => t.SystemId == id).ToListAsync(cancellationToken));
        db.Set<Domain.Workarounds.WorkaroundSystem>().RemoveRange(
            await db.Set<Domain.Workarounds.WorkaroundSystem>().Where(l => l.SystemId == id).ToListAsync(cancellationToken));
        RowVersion.Expect(db, system, version);
        db.Systems.Remove(system);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return "Someone changed this system since you opened it, so it was not deleted. Reload the page to see their changes.";
        }

        return null;
    }

    private static async Task<SystemForm?> ReadAsync(BusinessValueDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var found = await db.Systems.AsNoTracking().Where(s => s.Id == id)
            .Select(s => new { System = s, Version = EF.Property<int>(s, RowVersion.Property) })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var form = SystemForm.From(found.System, CurrencyCode.Parse(await CurrencyAsync(db, cancellationToken)));
        form.Version = found.Version;
        return form;
    }

    private static async Task<string> CurrencyAsync(BusinessValueDbContext db, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisation.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        return (organisation?.Currency ?? CurrencyCode.Default).Code ?? CurrencyCode.Default.Code;
    }

    private static void Apply(ItSystem system, SystemForm form, FieldProblems problems, string actor, DateTime now)
    {
        problems.Check(() => system.WithOwners(form.ItOwner, form.BusinessOwner), SystemForm.DomainFields);
        // Each cost line on its own, so every negative one is named, not only the first.
        problems.Check(() => _ = new AnnualCosts(form.Licences, 0m, 0m, 0m), SystemForm.DomainFields);
        problems.Check(() => _ = new AnnualCosts(0m, form.Infrastructure, 0m, 0m), SystemForm.DomainFields);
        problems.Check(() => _ = new AnnualCosts(0m, 0m, form.SupportStaff, 0m), SystemForm.DomainFields);
        problems.Check(() => _ = new AnnualCosts(0m, 0m, 0m, form.Other), SystemForm.DomainFields);
        problems.Check(() => system.WithBusinessCase(AnnualCosts.None, form.ExpectedAnnualBenefit, null, null), SystemForm.DomainFields);
        problems.Check(() => system.WithBusinessCase(AnnualCosts.None, null, form.IntendedUsers, null), SystemForm.DomainFields);
        problems.Check(() => system.WithBusinessCase(AnnualCosts.None, null, null, form.RequiredRecoveryHours), SystemForm.DomainFields);
        if (problems.Any)
        {
            return;
        }

        system.WithBusinessCase(new AnnualCosts(form.Licences, form.Infrastructure, form.SupportStaff, form.Other), form.ExpectedAnnualBenefit, form.IntendedUsers, form.RequiredRecoveryHours)
            .RecordedBy(InputSource.Entered(actor, now));
    }

    private static async Task CheckNameIsFreeAsync(BusinessValueDbContext db, Guid id, string? name, FieldProblems problems, CancellationToken cancellationToken)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed) || problems.For(nameof(SystemForm.Name)) is not null)
        {
            return;
        }

        if (await db.Systems.AnyAsync(s => s.Id != id && s.Name == trimmed, cancellationToken))
        {
            problems.Add(nameof(SystemForm.Name), NameTaken(trimmed));
        }
    }

    private async Task<bool> NameTakenAsync(Guid id, string name, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Systems.AnyAsync(s => s.Id != id && s.Name == name, cancellationToken);
    }

    private static string NameTaken(string name) => $"Another system is already called \"{name}\"; system names are unique.";
}
