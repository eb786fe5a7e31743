using System.Globalization;
using BusinessValue.Domain;
using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Organisation;
using BusinessValue.Domain.Workarounds;
using BusinessValue.Infrastructure.Persistence;
using BusinessValue.Web.Features.Forms;
using BusinessValue.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Web.Features.Workarounds;

/// <summary>The edit form of one workaround; <see cref="Version"/> is the version it was read at.</summary>
public sealed class WorkaroundForm
{
    public Guid? Id { get; set; }

    public string Description { get; set; } = string.Empty;

    public Guid? DepartmentId { get; set; }

    public WorkaroundKind Kind { get; set; } = WorkaroundKind.Spreadsheet;

    public int People { get; set; } = 1;

    public decimal HoursPerPersonPerWeek { get; set; }

    public decimal DirectAnnualCost { get; set; }

    public IReadOnlyCollection<Guid> SystemIds { get; set; } = [];

    public WorkaroundStatus Status { get; set; } = WorkaroundStatus.Open;

    public DateTime? RemovedOn { get; set; }

    public int Version { get; set; }

    public static WorkaroundForm From(Workaround workaround, int version)
    {
        ArgumentNullException.ThrowIfNull(workaround);
        return new WorkaroundForm
        {
            Id = workaround.Id, Description = workaround.Description, DepartmentId = workaround.DepartmentId, Kind = workaround.Kind,
            People = workaround.People, HoursPerPersonPerWeek = workaround.HoursPerPersonPerWeek, DirectAnnualCost = workaround.DirectAnnualCost,
            SystemIds = workaround.SystemIds.ToList(), Status = workaround.Status, RemovedOn = workaround.RemovedOn?.ToDateTime(TimeOnly.MinValue), Version = version,
        };
    }

    public IReadOnlyList<(string Field, string Value)> Fields(WorkaroundRegisterView names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return
        [
            ("Description", Description.Trim()),
            ("Department", names.DepartmentName(DepartmentId)),
            ("Kind", ChoiceText.Describe(Kind)),
            ("People", People.ToString("#,0", CultureInfo.CurrentCulture)),
            ("Hours per person per week", HoursPerPersonPerWeek.ToString("#,0.######", CultureInfo.CurrentCulture)),
            ("Direct annual cost", DirectAnnualCost.ToString("#,0.######", CultureInfo.CurrentCulture)),
            ("Systems", string.Join(", ", SystemIds.Select(names.SystemName).Order(StringComparer.CurrentCulture))),
            ("Status", ChoiceText.Describe(Status)),
            ("Removal date", RemovedOn?.ToString("d", CultureInfo.CurrentCulture) ?? string.Empty),
        ];
    }
}

/// <summary>A workaround in the register, with its annual cost as the engine computes it.</summary>
public sealed record WorkaroundRow(
    Guid Id, string Description, Guid? DepartmentId, WorkaroundKind Kind, int People, decimal HoursPerPersonPerWeek, decimal DirectAnnualCost,
    IReadOnlyList<Guid> SystemIds, WorkaroundStatus Status, DateOnly? RemovedOn, decimal AnnualCost, bool MayEdit, int Version = 0);

/// <summary>A department as the register needs it: its name and the labour rate R_dept its people cost.</summary>
public sealed record WorkaroundDepartment(Guid Id, string Name, decimal LabourRate, bool MayEdit);

/// <summary>Everything the register shows: the workarounds, the choices for the form and what the cost formula needs.</summary>
public sealed record WorkaroundRegisterView(
    IReadOnlyList<WorkaroundRow> Rows,
    IReadOnlyList<WorkaroundDepartment> Departments,
    IReadOnlyList<Departments.LinkCandidate> Systems,
    Assumptions Assumptions,
    string Currency,
    bool MayAddWithoutDepartment)
{
    public string DepartmentName(Guid? id) => id is { } d ? Departments.FirstOrDefault(x => x.Id == d)?.Name ?? "(removed)" : "none";

    public string SystemName(Guid id) => Systems.FirstOrDefault(s => s.Id == id)?.Name ?? "(removed)";

    /// <summary>n × h × W × R_dept + C for the form as typed: the same formula, rate and assumptions as the scorecard.</summary>
    public decimal AnnualCostOf(WorkaroundForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return WorkaroundCost.Annual(form.People, form.HoursPerPersonPerWeek, form.DirectAnnualCost, RateOf(form.DepartmentId), Assumptions);
    }

    public decimal RateOf(Guid? departmentId) =>
        departmentId is { } d && Departments.FirstOrDefault(x => x.Id == d) is { } department ? department.LabourRate : Assumptions.LabourRatePerHour;
}

/// <summary>
/// The register of workarounds: what people do by hand because a system falls short, and what it costs. Each is
/// its department's business data: the business owner of that department or an administrator changes it.
/// </summary>
public sealed class WorkaroundRegister(IDbContextFactory<BusinessValueDbContext> contexts, AccessGuard access, TimeProvider clock)
{
    private const string NothingChanged = " Nothing was changed.";

    public async Task<WorkaroundRegisterView> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var organisation = await db.Organisation.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        var assumptions = organisation?.Assumptions ?? Assumptions.Default;
        var departments = new List<WorkaroundDepartment>();
        foreach (var d in await db.Departments.AsNoTracking().OrderBy(d => d.Name).ToListAsync(cancellationToken))
        {
            departments.Add(new WorkaroundDepartment(d.Id, d.Name, d.EffectiveLabourRate(assumptions), await access.MayEditBusinessDataOfAsync(d.Id)));
        }

        var systems = await db.Systems.AsNoTracking().OrderBy(s => s.Name).Select(s => new Departments.LinkCandidate(s.Id, s.Name)).ToListAsync(cancellationToken);
        var view = new WorkaroundRegisterView([], departments, systems, assumptions, organisation?.Currency.Code ?? CurrencyCode.Default.Code!, await access.MayEditBusinessDataOfAsync((Guid?)null));
        var workarounds = await db.Workarounds.AsNoTracking().Include(w => w.Systems).OrderBy(w => w.Description).ToListAsync(cancellationToken);
        var versions = await db.Workarounds.Select(w => new { w.Id, Version = EF.Property<int>(w, RowVersion.Property) }).ToDictionaryAsync(w => w.Id, w => w.Version, cancellationToken);
        var rows = workarounds.Select(w => new WorkaroundRow(
            w.Id, w.Description, w.DepartmentId, w.Kind, w.People, w.HoursPerPersonPerWeek, w.DirectAnnualCost, w.SystemIds.ToList(), w.Status, w.RemovedOn,
            WorkaroundCost.Annual(w.People, w.HoursPerPersonPerWeek, w.DirectAnnualCost, view.RateOf(w.DepartmentId), assumptions),
            w.DepartmentId is { } d ? departments.Any(x => x.Id == d && x.MayEdit) : view.MayAddWithoutDepartment, versions.GetValueOrDefault(w.Id))).ToList();
        return view with { Rows = rows };
    }

    public async Task<WorkaroundForm?> GetFormAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var workaround = await db.Workarounds.Include(w => w.Systems).SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        return workaround is null ? null : WorkaroundForm.From(workaround, RowVersion.Of(db, workaround));
    }

    /// <summary>Adds the workaround (no <see cref="WorkaroundForm.Id"/>) or changes it, if it is still as the form read it.</summary>
    public async Task<SaveOutcome> SaveAsync(WorkaroundForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = await access.ActorAsync();
        var workaround = form.Id is { } id ? await db.Workarounds.Include(w => w.Systems).SingleOrDefaultAsync(w => w.Id == id, cancellationToken) : null;
        if (form.Id is not null && workaround is null)
        {
            return SaveOutcome.Refused("This workaround no longer exists: someone may have removed it." + NothingChanged);
        }

        // Both the department it is in and the one it moves to: a business owner cannot take or give away a workaround.
        if (!await access.MayEditBusinessDataOfAsync(form.DepartmentId) || (workaround is not null && !await access.MayEditBusinessDataOfAsync(workaround.DepartmentId)))
        {
            return SaveOutcome.Refused("Only an administrator or the business owner of the workaround's department may change it." + NothingChanged);
        }

        if (form.DepartmentId is { } department && !await db.Departments.AnyAsync(d => d.Id == department, cancellationToken))
        {
            return SaveOutcome.Refused("Department: it no longer exists; choose another." + NothingChanged);
        }

        var systems = form.SystemIds.Distinct().ToList();
        var known = await db.Systems.Where(s => systems.Contains(s.Id)).CountAsync(cancellationToken);
        if (known != systems.Count)
        {
            return SaveOutcome.Refused("Systems: one of them no longer exists; choose again." + NothingChanged);
        }

        try
        {
            var removedOn = form.RemovedOn is { } day ? DateOnly.FromDateTime(day) : (DateOnly?)null;
            if (workaround is not null)
            {
                RowVersion.Expect(db, workaround, form.Version);
                workaround.Describe(form.Description, form.DepartmentId, form.Kind, form.People, form.HoursPerPersonPerWeek, form.DirectAnnualCost, systems);
            }
            else
            {
                workaround = new Workaround(Guid.NewGuid(), form.Description, form.DepartmentId, form.Kind, form.People, form.HoursPerPersonPerWeek, form.DirectAnnualCost, systems);
                db.Workarounds.Add(workaround);
            }

            workaround.WithStatus(form.Status, removedOn).RecordedBy(InputSource.Entered(db.Actor.Name, clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync(cancellationToken);
            return SaveOutcome.Saved;
        }
        catch (DomainRuleException problem)
        {
            return SaveOutcome.Refused(problem.Message + NothingChanged);
        }
        catch (DbUpdateConcurrencyException)
        {
            var theirs = await GetFormAsync(form.Id!.Value, cancellationToken);
            if (theirs is null)
            {
                return SaveOutcome.Refused("This workaround was removed while you were editing it." + NothingChanged);
            }

            var names = await GetAsync(cancellationToken);
            return SaveOutcome.Conflicted(form.Fields(names), theirs.Fields(names), theirs.Version);
        }
    }

    /// <summary>Removes the workaround and its links, only at <paramref name="version"/>, the one the user saw.</summary>
    public async Task<string?> DeleteAsync(Guid id, int version, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = await access.ActorAsync();
        var workaround = await db.Workarounds.Include(w => w.Systems).SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (workaround is null)
        {
            return "This workaround no longer exists." + NothingChanged;
        }

        if (!await access.MayEditBusinessDataOfAsync(workaround.DepartmentId))
        {
            return "Only an administrator or the business owner of the workaround's department may remove it." + NothingChanged;
        }

        RowVersion.Expect(db, workaround, version);
        db.Workarounds.Remove(workaround);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return StaleDelete.Message($"the workaround \"{workaround.Description}\"");
        }

        return null;
    }
}
