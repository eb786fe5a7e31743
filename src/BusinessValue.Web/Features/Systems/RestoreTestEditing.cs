using System.Globalization;
using BusinessValue.Domain;
using BusinessValue.Domain.Metrics;
using BusinessValue.Infrastructure.Persistence;
using BusinessValue.Web.Features.Forms;
using BusinessValue.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Web.Features.Systems;

/// <summary>A system's restore tests: listed, added, corrected and removed, by the inventory's editors only.</summary>
public sealed class RestoreTestEditing(IDbContextFactory<BusinessValueDbContext> contexts, TimeProvider clock, AccessGuard access)
{
    /// <summary>Earlier than this is a typing mistake, not a restore test of a system still in the inventory.</summary>
    public static readonly DateOnly EarliestDay = new(1990, 1, 1);

    /// <summary>A restore that took longer than a year is a typing mistake too.</summary>
    public const decimal MostHours = 8_784m;

    private const string NotAllowed = "Only an IT director or an administrator may change the inventory; nothing was changed.";

    public async Task<IReadOnlyList<RestoreTestForm>> ForSystemAsync(Guid systemId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tests = await db.RestoreTests.AsNoTracking().Where(t => t.SystemId == systemId)
            .Select(t => new { Test = t, Version = EF.Property<int>(t, RowVersion.Property) })
            .ToListAsync(cancellationToken);
        return tests.OrderByDescending(t => t.Test.TestedOn).Select(t => FormOf(t.Test, t.Version)).ToList();
    }

    public async Task<RestoreTestForm?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await db.RestoreTests.AsNoTracking().Where(t => t.Id == id)
            .Select(t => new { Test = t, Version = EF.Property<int>(t, RowVersion.Property) })
            .SingleOrDefaultAsync(cancellationToken);
        return found is null ? null : FormOf(found.Test, found.Version);
    }

    public RestoreTestForm New(Guid systemId) => new() { SystemId = systemId, TestedOn = clock.GetUtcNow().UtcDateTime.Date };

    public async Task<EditOutcome<RestoreTestForm>> SaveAsync(RestoreTestForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await access.AllowsAsync(AccessPolicies.EditInventory))
        {
            return EditOutcome.Refused<RestoreTestForm>(NotAllowed);
        }

        var problems = new FieldProblems();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        DateOnly day = default;
        if (form.TestedOn is not { } picked)
        {
            problems.Add(nameof(RestoreTestForm.TestedOn), "Pick the day of the test.");
        }
        else if ((day = DateOnly.FromDateTime(picked)) > today)
        {
            problems.Add(nameof(RestoreTestForm.TestedOn), "A restore test cannot be in the future.");
        }
        else if (day < EarliestDay)
        {
            problems.Add(nameof(RestoreTestForm.TestedOn), $"Must be on or after {EarliestDay:yyyy-MM-dd}.");
        }

        problems.Check(() => _ = new RestoreTest(Guid.Empty, form.SystemId, today, form.Passed, form.MeasuredRecoveryHours), RestoreTestForm.DomainFields);
        if (form.MeasuredRecoveryHours > MostHours)
        {
            problems.Add(nameof(RestoreTestForm.MeasuredRecoveryHours), $"Must be at most {MostHours:#,0} hours (a year).");
        }

        if (problems.Any)
        {
            return EditOutcome.Refused<RestoreTestForm>(problems);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = await access.ActorAsync();
        var source = InputSource.Entered(db.Actor.Name, clock.GetUtcNow().UtcDateTime);
        RestoreTest test;
        if (form.Id is { } id)
        {
            var stored = await db.RestoreTests.SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
            if (stored is null)
            {
                return EditOutcome.Refused<RestoreTestForm>("This restore test no longer exists: someone may have removed it. Nothing was changed.");
            }

            if (RowVersion.Of(db, stored) != form.Version)
            {
                return EditOutcome.Conflict((await GetAsync(id, cancellationToken))!);
            }

            test = stored.Change(day, form.Passed, form.MeasuredRecoveryHours).RecordedBy(source);
            RowVersion.Expect(db, test, form.Version);
        }
        else
        {
            if (!await db.Systems.AnyAsync(s => s.Id == form.SystemId, cancellationToken))
            {
                return EditOutcome.Refused<RestoreTestForm>("This system no longer exists: someone may have removed it. Nothing was changed.");
            }

            test = new RestoreTest(Guid.NewGuid(), form.SystemId, day, form.Passed, form.MeasuredRecoveryHours).RecordedBy(source);
            db.RestoreTests.Add(test);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            var theirs = await GetAsync(test.Id, cancellationToken);
            return theirs is null
                ? EditOutcome.Refused<RestoreTestForm>("This restore test was removed while you were editing it. Nothing was changed.")
                : EditOutcome.Conflict(theirs);
        }

        return EditOutcome.Saved<RestoreTestForm>(test.Id);
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
        var test = await db.RestoreTests.SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (test is not null)
        {
            RowVersion.Expect(db, test, version);
            db.RestoreTests.Remove(test);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return StaleDelete.Message($"the restore test of {test.TestedOn.ToString("d", CultureInfo.CurrentCulture)}");
            }
        }

        return null;
    }

    private static RestoreTestForm FormOf(RestoreTest test, int version) => new()
    {
        Id = test.Id,
        SystemId = test.SystemId,
        TestedOn = test.TestedOn.ToDateTime(TimeOnly.MinValue),
        Passed = test.Passed,
        MeasuredRecoveryHours = test.MeasuredRecoveryHours,
        Version = version,
    };
}
