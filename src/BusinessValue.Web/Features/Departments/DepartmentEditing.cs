using System.Globalization;
using BusinessValue.Domain;
using BusinessValue.Domain.Organisation;
using BusinessValue.Infrastructure.Persistence;
using BusinessValue.Web.Features.Forms;
using BusinessValue.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Web.Features.Departments;

/// <summary>The edit form of one department; <see cref="Version"/> is the version it was read at.</summary>
public sealed class DepartmentForm
{
    public Guid? Id { get; set; }

    public string Name { get; set; } = string.Empty;

    public int Headcount { get; set; }

    /// <summary>Empty: the department's people cost the organisation's loaded labour rate R.</summary>
    public decimal? LabourRatePerHour { get; set; }

    public int Version { get; set; }

    public static DepartmentForm From(Department department, int version)
    {
        ArgumentNullException.ThrowIfNull(department);
        return new DepartmentForm { Id = department.Id, Name = department.Name, Headcount = department.Headcount, LabourRatePerHour = department.LabourRatePerHour, Version = version };
    }

    public IReadOnlyList<(string Field, string Value)> Fields() =>
    [
        ("Name", Name.Trim()),
        ("Headcount", Headcount.ToString("#,0", CultureInfo.CurrentCulture)),
        ("Labour rate per hour", LabourRatePerHour?.ToString("#,0.######", CultureInfo.CurrentCulture) ?? "the organisation's"),
    ];
}

/// <summary>A department in the list, with what depends on it and whether the reader may change it.</summary>
public sealed record DepartmentRow(Guid Id, string Name, int Headcount, decimal? LabourRatePerHour, int Processes, int Workarounds, bool MayEdit, int Version = 0);

/// <summary>
/// Adds, changes and removes departments. Their business data (headcount, labour rate) is the business owner's of
/// that department or an administrator's; adding and removing a department is an administrator's (docs/security.md).
/// </summary>
public sealed class DepartmentEditing(IDbContextFactory<BusinessValueDbContext> contexts, AccessGuard access)
{
    private const string NothingChanged = " Nothing was changed.";

    public async Task<IReadOnlyList<DepartmentRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var departments = await db.Departments.AsNoTracking().OrderBy(d => d.Name)
            .Select(d => new
            {
                d.Id, d.Name, d.Headcount, d.LabourRatePerHour,
                Processes = db.Processes.Count(p => p.DepartmentId == d.Id),
                Workarounds = db.Workarounds.Count(w => w.DepartmentId == d.Id),
                Version = EF.Property<int>(d, RowVersion.Property),
            })
            .ToListAsync(cancellationToken);
        var rows = new List<DepartmentRow>(departments.Count);
        foreach (var d in departments)
        {
            rows.Add(new DepartmentRow(d.Id, d.Name, d.Headcount, d.LabourRatePerHour, d.Processes, d.Workarounds, await access.MayEditBusinessDataOfAsync(d.Id), d.Version));
        }

        return rows;
    }

    /// <summary>The organisation's currency code, which every amount on the page is in.</summary>
    public async Task<string> CurrencyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var organisation = await db.Organisation.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        return organisation?.Currency.Code ?? CurrencyCode.Default.Code!;
    }

    /// <summary>Whether the reader may add and remove departments (an administrator).</summary>
    public Task<bool> MayAddAsync() => access.AllowsAsync(AccessPolicies.ManageSettings);

    public async Task<DepartmentForm?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var department = await db.Departments.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        return department is null ? null : DepartmentForm.From(department, RowVersion.Of(db, department));
    }

    /// <summary>Adds the department (no <see cref="DepartmentForm.Id"/>) or changes it, if it is still as the form read it.</summary>
    public async Task<SaveOutcome> SaveAsync(DepartmentForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        // Checked here, not only by the page: a forged event from a browser changes nothing.
        var allowed = form.Id is { } existingId ? await access.MayEditBusinessDataOfAsync(existingId) : await MayAddAsync();
        if (!allowed)
        {
            return SaveOutcome.Refused(form.Id is null
                ? "Only an administrator may add a department." + NothingChanged
                : "Only an administrator or this department's business owner may change it." + NothingChanged);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = await access.ActorAsync();
        var name = form.Name.Trim();
        if (await db.Departments.AnyAsync(d => d.Id != form.Id && d.Name == name, cancellationToken))
        {
            return SaveOutcome.Refused($"Name: another department is already called \"{name}\"." + NothingChanged);
        }

        try
        {
            if (form.Id is { } id)
            {
                var department = await db.Departments.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
                if (department is null)
                {
                    return SaveOutcome.Refused("This department no longer exists: someone may have removed it." + NothingChanged);
                }

                RowVersion.Expect(db, department, form.Version);
                department.Describe(form.Name, form.Headcount, form.LabourRatePerHour);
            }
            else
            {
                db.Departments.Add(new Department(Guid.NewGuid(), form.Name, form.Headcount, form.LabourRatePerHour));
            }

            await db.SaveChangesAsync(cancellationToken);
            return SaveOutcome.Saved;
        }
        catch (DomainRuleException problem)
        {
            return SaveOutcome.Refused(problem.Message + NothingChanged);
        }
        catch (DbUpdateConcurrencyException)
        {
            var theirs = await GetAsync(form.Id!.Value, cancellationToken);
            return theirs is null
                ? SaveOutcome.Refused("This department was removed while you were editing it." + NothingChanged)
                : SaveOutcome.Conflicted(form.Fields(), theirs.Fields(), theirs.Version);
        }
    }

    /// <returns>Null when removed; otherwise why not, with nothing changed.</returns>
    /// <remarks>
    /// Its processes and workarounds stay, in no department (the database sets their department to none). Only at
    /// <paramref name="version"/>, the one the user saw: a department changed since is not removed.
    /// </remarks>
    public async Task<string?> DeleteAsync(Guid id, int version, CancellationToken cancellationToken = default)
    {
        if (!await MayAddAsync())
        {
            return "Only an administrator may remove a department." + NothingChanged;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = await access.ActorAsync();
        var department = await db.Departments.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (department is null)
        {
            return "This department no longer exists." + NothingChanged;
        }

        // Loaded, so the audit trail records each process and workaround leaving the department.
        await db.Processes.Where(p => p.DepartmentId == id).LoadAsync(cancellationToken);
        await db.Workarounds.Where(w => w.DepartmentId == id).LoadAsync(cancellationToken);
        RowVersion.Expect(db, department, version);
        db.Departments.Remove(department);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return StaleDelete.Message($"the department {department.Name}");
        }

        return null;
    }
}
