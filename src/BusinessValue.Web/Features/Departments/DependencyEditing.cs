using System.Globalization;
using BusinessValue.Domain;
using BusinessValue.Domain.Processes;
using BusinessValue.Infrastructure.Persistence;
using BusinessValue.Web.Features.Forms;
using BusinessValue.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Web.Features.Departments;

/// <summary>One process depending on one system, with the version it was read at and whether the reader may change it.</summary>
public sealed record DependencyRow(Guid ProcessId, string ProcessName, Guid SystemId, string SystemName, decimal RevenueShare, int Version, bool MayEdit);

/// <summary>A process or a system that could be linked, by name.</summary>
public sealed record LinkCandidate(Guid Id, string Name);

/// <summary>The dependencies seen from one process (its systems) or one system (its processes), with what can still be linked.</summary>
public sealed record DependencyList(IReadOnlyList<DependencyRow> Rows, IReadOnlyList<LinkCandidate> Candidates, bool MayAdd);

/// <summary>
/// Which systems a process depends on and the share d of its revenue that stops while each is down
/// (docs/formulas.md#revenue-per-hour). Editable from the process's side and from the system's; either way it is
/// the process's business data, so the business owner of its department or an administrator changes it.
/// </summary>
public sealed class DependencyEditing(IDbContextFactory<BusinessValueDbContext> contexts, AccessGuard access)
{
    private const string NothingChanged = " Nothing was changed.";

    public async Task<DependencyList> ForProcessAsync(Guid processId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var process = await db.Processes.AsNoTracking().Where(p => p.Id == processId).Select(p => new { p.DepartmentId }).SingleOrDefaultAsync(cancellationToken);
        if (process is null)
        {
            return new DependencyList([], [], false);
        }

        var rows = await RowsAsync(db, db.Dependencies.Where(d => d.ProcessId == processId), cancellationToken);
        var linked = rows.Select(r => r.SystemId).ToHashSet();
        var candidates = (await db.Systems.AsNoTracking().OrderBy(s => s.Name).Select(s => new LinkCandidate(s.Id, s.Name)).ToListAsync(cancellationToken))
            .Where(s => !linked.Contains(s.Id)).ToList();
        return new DependencyList(rows, candidates, await access.MayEditBusinessDataOfAsync(process.DepartmentId));
    }

    public async Task<DependencyList> ForSystemAsync(Guid systemId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await RowsAsync(db, db.Dependencies.Where(d => d.SystemId == systemId), cancellationToken);
        var linked = rows.Select(r => r.ProcessId).ToHashSet();
        var candidates = new List<LinkCandidate>();
        foreach (var p in await db.Processes.AsNoTracking().OrderBy(p => p.Name).Select(p => new { p.Id, p.Name, p.DepartmentId }).ToListAsync(cancellationToken))
        {
            // Only processes the reader may link: the dependency is their department's business data.
            if (!linked.Contains(p.Id) && await access.MayEditBusinessDataOfAsync(p.DepartmentId))
            {
                candidates.Add(new LinkCandidate(p.Id, p.Name));
            }
        }

        return new DependencyList(rows, candidates, candidates.Count > 0);
    }

    /// <summary>Links the process to the system with revenue share <paramref name="revenueShare"/> (0–1).</summary>
    public async Task<SaveOutcome> AddAsync(Guid processId, Guid systemId, decimal revenueShare, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = await access.ActorAsync();
        if (await RefusalAsync(db, processId, cancellationToken) is { } refusal)
        {
            return SaveOutcome.Refused(refusal);
        }

        if (!await db.Systems.AnyAsync(s => s.Id == systemId, cancellationToken))
        {
            return SaveOutcome.Refused("System: it no longer exists." + NothingChanged);
        }

        if (await db.Dependencies.AnyAsync(d => d.ProcessId == processId && d.SystemId == systemId, cancellationToken))
        {
            return SaveOutcome.Refused("The process already depends on this system; change its revenue share instead." + NothingChanged);
        }

        try
        {
            db.Dependencies.Add(new Dependency(processId, systemId, revenueShare));
            await db.SaveChangesAsync(cancellationToken);
            return SaveOutcome.Saved;
        }
        catch (DomainRuleException problem)
        {
            return SaveOutcome.Refused(problem.Message + NothingChanged);
        }
    }

    /// <summary>Changes the revenue share, if the dependency is still at <paramref name="version"/>.</summary>
    public async Task<SaveOutcome> ChangeShareAsync(Guid processId, Guid systemId, decimal revenueShare, int version, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = await access.ActorAsync();
        if (await RefusalAsync(db, processId, cancellationToken) is { } refusal)
        {
            return SaveOutcome.Refused(refusal);
        }

        var dependency = await db.Dependencies.SingleOrDefaultAsync(d => d.ProcessId == processId && d.SystemId == systemId, cancellationToken);
        if (dependency is null)
        {
            return SaveOutcome.Refused("This dependency no longer exists: someone may have removed it." + NothingChanged);
        }

        try
        {
            RowVersion.Expect(db, dependency, version);
            dependency.WithRevenueShare(revenueShare);
            await db.SaveChangesAsync(cancellationToken);
            return SaveOutcome.Saved;
        }
        catch (DomainRuleException problem)
        {
            return SaveOutcome.Refused(problem.Message + NothingChanged);
        }
        catch (DbUpdateConcurrencyException)
        {
            await using var fresh = await contexts.CreateDbContextAsync(cancellationToken);
            var theirs = await fresh.Dependencies.SingleOrDefaultAsync(d => d.ProcessId == processId && d.SystemId == systemId, cancellationToken);
            return theirs is null
                ? SaveOutcome.Refused("This dependency was removed while you were editing it." + NothingChanged)
                : SaveOutcome.Conflicted([("Revenue share", Percent(revenueShare))], [("Revenue share", Percent(theirs.RevenueShare))], RowVersion.Of(fresh, theirs));
        }
    }

    /// <summary>Unlinks the process from the system, only at <paramref name="version"/>, the one the user saw.</summary>
    public async Task<string?> RemoveAsync(Guid processId, Guid systemId, int version, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = await access.ActorAsync();
        if (await RefusalAsync(db, processId, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var dependency = await db.Dependencies.SingleOrDefaultAsync(d => d.ProcessId == processId && d.SystemId == systemId, cancellationToken);
        if (dependency is not null)
        {
            RowVersion.Expect(db, dependency, version);
            db.Dependencies.Remove(dependency);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return StaleDelete.Message("this link's revenue share");
            }
        }

        return null;
    }

    /// <summary>A share as the editor shows it: 0.35 → "35%".</summary>
    public static string Percent(decimal share) => (share * 100m).ToString("0.####", CultureInfo.CurrentCulture) + "%";

    private async Task<string?> RefusalAsync(BusinessValueDbContext db, Guid processId, CancellationToken cancellationToken)
    {
        var process = await db.Processes.AsNoTracking().Where(p => p.Id == processId).Select(p => new { p.DepartmentId }).SingleOrDefaultAsync(cancellationToken);
        if (process is null)
        {
            return "Process: it no longer exists." + NothingChanged;
        }

        // Checked here, not only by the page: a forged event from a browser changes nothing.
        return await access.MayEditBusinessDataOfAsync(process.DepartmentId)
            ? null
            : "Only an administrator or the business owner of the process's department may change what it depends on." + NothingChanged;
    }

    private async Task<IReadOnlyList<DependencyRow>> RowsAsync(BusinessValueDbContext db, IQueryable<Dependency> dependencies, CancellationToken cancellationToken)
    {
        var found = await dependencies.AsNoTracking()
            .Join(db.Processes, d => d.ProcessId, p => p.Id, (d, p) => new { d, p.Name, p.DepartmentId })
            .Join(db.Systems, x => x.d.SystemId, s => s.Id, (x, s) => new
            {
                x.d.ProcessId, ProcessName = x.Name, x.DepartmentId, x.d.SystemId, SystemName = s.Name, x.d.RevenueShare,
                Version = EF.Property<int>(x.d, RowVersion.Property),
            })
            .ToListAsync(cancellationToken);
        var rows = new List<DependencyRow>(found.Count);
        foreach (var f in found.OrderBy(f => f.ProcessName, StringComparer.CurrentCulture).ThenBy(f => f.SystemName, StringComparer.CurrentCulture))
        {
            rows.Add(new DependencyRow(f.ProcessId, f.ProcessName, f.SystemId, f.SystemName, f.RevenueShare, f.Version, await access.MayEditBusinessDataOfAsync(f.DepartmentId)));
        }

        return rows;
    }
}
