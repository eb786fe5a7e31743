using System.Globalization;
using BusinessValue.Domain;
using BusinessValue.Domain.Processes;
using BusinessValue.Infrastructure.Persistence;
using BusinessValue.Web.Features.Forms;
using BusinessValue.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Web.Features.Departments;

/// <summary>The edit form of one business process; <see cref="Version"/> is the version it was read at.</summary>
public sealed class ProcessForm
{
    public Guid? Id { get; set; }

    public string Name { get; set; } = string.Empty;

    public Guid? DepartmentId { get; set; }

    public decimal AnnualRevenue { get; set; }

    public decimal OperatingHoursPerWeek { get; set; } = 40m;

    public StrategicImportance Importance { get; set; } = StrategicImportance.Medium;

    public int Version { get; set; }

    public static ProcessForm From(BusinessProcess process, int version)
    {
        ArgumentNullException.ThrowIfNull(process);
        return new ProcessForm
        {
            Id = process.Id, Name = process.Name, DepartmentId = process.DepartmentId, AnnualRevenue = process.AnnualRevenue,
            OperatingHoursPerWeek = process.OperatingHoursPerWeek, Importance = process.Importance, Version = version,
        };
    }

    public IReadOnlyList<(string Field, string Value)> Fields(IReadOnlyDictionary<Guid, string> departmentNames)
    {
        ArgumentNullException.ThrowIfNull(departmentNames);
        return
        [
            ("Name", Name.Trim()),
            ("Department", DepartmentId is { } d ? departmentNames.GetValueOrDefault(d, "(removed)") : "none"),
            ("Annual revenue", AnnualRevenue.ToString("#,0.######", CultureInfo.CurrentCulture)),
            ("Operating hours per week", OperatingHoursPerWeek.ToString("#,0.######", CultureInfo.CurrentCulture)),
            ("Importance", ChoiceText.Describe(Importance)),
        ];
    }
}

/// <summary>A process in the list: whose it is, its revenue, how many systems it depends on, and whether the reader may change it.</summary>
public sealed record ProcessRow(Guid Id, string Name, Guid? DepartmentId, string Department, decimal AnnualRevenue, decimal OperatingHoursPerWeek, StrategicImportance Importance, int Dependencies, decimal RevenueShares, bool MayEdit, int Version = 0);

/// <summary>
/// Adds, changes and removes business processes: the business owner's of the process's department, or an
/// administrator's; a process in no department is an administrator's (docs/security.md).
/// </summary>
public sealed class ProcessEditing(IDbContextFactory<BusinessValueDbContext> contexts, AccessGuard access)
{
    private const string NothingChanged = " Nothing was changed.";

    public async Task<IReadOnlyList<ProcessRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, cancellationToken);
        var dependencies = (await db.Dependencies.AsNoTracking().Select(d => new { d.ProcessId, d.RevenueShare }).ToListAsync(cancellationToken))
            .GroupBy(d => d.ProcessId)
            .ToDictionary(g => g.Key, g => (Count: g.Count(), Shares: g.Sum(d => d.RevenueShare)));
        var processes = await db.Processes.AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken);
        var versions = await db.Processes.Select(p => new { p.Id, Version = EF.Property<int>(p, RowVersion.Property) }).ToDictionaryAsync(p => p.Id, p => p.Version, cancellationToken);
        var rows = new List<ProcessRow>(processes.Count);
        foreach (var p in processes)
        {
            var (count, shares) = dependencies.GetValueOrDefault(p.Id);
            rows.Add(new ProcessRow(
                p.Id, p.Name, p.DepartmentId, p.DepartmentId is { } d ? departments.GetValueOrDefault(d, string.Empty) : string.Empty,
                p.AnnualRevenue, p.OperatingHoursPerWeek, p.Importance, count, shares, await access.MayEditBusinessDataOfAsync(p.DepartmentId), versions.GetValueOrDefault(p.Id)));
        }

        return rows;
    }

    public async Task<ProcessForm?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var process = await db.Processes.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        return process is null ? null : ProcessForm.From(process, RowVersion.Of(db, process));
    }

    /// <summary>
    /// Adds the process (no <see cref="ProcessForm.Id"/>; the form then carries the new id) or changes it, if it is
    /// still as the form read it.
    /// </summary>
    public async Task<SaveOutcome> SaveAsync(ProcessForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = await access.ActorAsync();
        var process = form.Id is { } id ? await db.Processes.SingleOrDefaultAsync(p => p.Id == id, cancellationToken) : null;
        if (form.Id is not null && process is null)
        {
            return SaveOutcome.Refused("This process no longer exists: someone may have removed it." + NothingChanged);
        }

        // Both the department it is in and the one it moves to: a business owner cannot take or give away a process.
        if (!await access.MayEditBusinessDataOfAsync(form.DepartmentId) || (process is not null && !await access.MayEditBusinessDataOfAsync(process.DepartmentId)))
        {
            return SaveOutcome.Refused("Only an administrator or the business owner of the process's department may change it." + NothingChanged);
        }

        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, cancellationToken);
        if (form.DepartmentId is { } department && !departments.ContainsKey(department))
        {
            return SaveOutcome.Refused("Department: it no longer exists; choose another." + NothingChanged);
        }

        var name = form.Name.Trim();
        if (await db.Processes.AnyAsync(p => p.Id != form.Id && p.Name == name, cancellationToken))
        {
            return SaveOutcome.Refused($"Name: another process is already called \"{name}\"." + NothingChanged);
        }

        try
        {
            if (process is not null)
            {
                RowVersion.Expect(db, process, form.Version);
                process.Describe(form.Name, form.DepartmentId, form.AnnualRevenue, form.OperatingHoursPerWeek, form.Importance);
            }
            else
            {
                process = new BusinessProcess(Guid.NewGuid(), form.Name, form.DepartmentId, form.AnnualRevenue, form.OperatingHoursPerWeek, form.Importance);
                db.Processes.Add(process);
            }

            await db.SaveChangesAsync(cancellationToken);
            // A new process keeps its form open on the saved record, so its systems can be linked next.
            form.Id = process.Id;
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
                ? SaveOutcome.Refused("This process was removed while you were editing it." + NothingChanged)
                : SaveOutcome.Conflicted(form.Fields(departments), theirs.Fields(departments), theirs.Version);
        }
    }

    /// <returns>Null when removed (with its dependencies on systems); otherwise why not, with nothing changed.</returns>
    /// <remarks>Only at <paramref name="version"/>, the one the user saw: a process changed since is not removed.</remarks>
    public async Task<string?> DeleteAsync(Guid id, int version, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = await access.ActorAsync();
        var process = await db.Processes.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (process is null)
        {
            return "This process no longer exists." + NothingChanged;
        }

        if (!await access.MayEditBusinessDataOfAsync(process.DepartmentId))
        {
            return "Only an administrator or the business owner of the process's department may remove it." + NothingChanged;
        }

        // Loaded, so the audit trail records each dependency removed with the process.
        await db.Dependencies.Where(d => d.ProcessId == id).LoadAsync(cancellationToken);
        RowVersion.Expect(db, process, version);
        db.Processes.Remove(process);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return StaleDelete.Message($"the process {process.Name}");
        }

        return null;
    }
}
