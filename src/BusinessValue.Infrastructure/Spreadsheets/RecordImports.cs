using BusinessValue.Domain;
using BusinessValue.Domain.Integrations;
using BusinessValue.Domain.Organisation;
using BusinessValue.Domain.Processes;
using BusinessValue.Domain.Systems;
using BusinessValue.Domain.Workarounds;
using BusinessValue.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace BusinessValue.Infrastructure.Spreadsheets;

/// <summary>
/// Names as a reader sees them: two names that differ only in case, in runs of spaces (non-breaking ones included)
/// or in how an accent is encoded (é, or e and a combining accent) are the same name, so a file cannot add a record
/// that looks like one already there, nor name one record twice.
/// </summary>
internal sealed class NameComparer : IEqualityComparer<string>
{
    public static NameComparer Instance { get; } = new();

    public static string Key(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = name;
        try
        {
            text = text.IsNormalized(System.Text.NormalizationForm.FormC) ? text : text.Normalize(System.Text.NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            // Not valid Unicode (a lone surrogate): compared as it is.
        }

        var key = new System.Text.StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space)
            {
                key.Append(' ');
                space = false;
            }

            key.Append(char.ToUpperInvariant(c));
        }

        return key.ToString();
    }

    public bool Equals(string? x, string? y) => x is null ? y is null : y is not null && string.Equals(Key(x), Key(y), StringComparison.Ordinal);

    public int GetHashCode(string obj) => StringComparer.Ordinal.GetHashCode(Key(obj));
}

internal static class Names
{
    /// <summary>
    /// Records by name ignoring case. Names are unique as stored, but two may differ only in case on PostgreSQL:
    /// the first is kept rather than the import failing.
    /// </summary>
    public static Dictionary<string, T> ByName<T>(this IEnumerable<T> records, Func<T, string> name)
    {
        var byName = new Dictionary<string, T>(NameComparer.Instance);
        foreach (var record in records)
        {
            byName.TryAdd(name(record), record);
        }

        return byName;
    }
}

internal enum RowOutcome
{
    New,
    Changed,
    Unchanged,
    Refused,
}

/// <summary>
/// Imports the rows of one table of records (every kind but the monthly metrics) through EF Core, so each change
/// is field-audited, raises the record's version and the portfolio's. A row updates the record it matches
/// (<see cref="ImportTable.MatchedBy"/>) field by field, and changes nothing when its values are the stored ones.
/// </summary>
internal abstract class RecordImport(BusinessValueDbContext db, InputSource source, DateTime nowUtc)
{
    private readonly Dictionary<string, int> _seen = new(NameComparer.Instance);

    protected BusinessValueDbContext Db => db;

    protected InputSource Source => source;

    protected DateTime NowUtc => nowUtc;

    public static RecordImport For(ImportKind kind, BusinessValueDbContext db, InputSource source, DateTime nowUtc) => kind switch
    {
        ImportKind.Systems => new SystemsImport(db, source, nowUtc),
        ImportKind.Departments => new DepartmentsImport(db, source, nowUtc),
        ImportKind.Processes => new ProcessesImport(db, source, nowUtc),
        ImportKind.Dependencies => new DependenciesImport(db, source, nowUtc),
        ImportKind.Integrations => new IntegrationsImport(db, source, nowUtc),
        ImportKind.Workarounds => new WorkaroundsImport(db, source, nowUtc),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Monthly metrics are imported in bulk (MetricsImport)."),
    };

    public abstract Task LoadAsync(CancellationToken cancellationToken);

    public RowOutcome Apply(ImportRow row)
    {
        try
        {
            return Import(row);
        }
        catch (DomainRuleException rule)
        {
            row.Problem(rule);
            return RowOutcome.Refused;
        }
    }

    protected abstract RowOutcome Import(ImportRow row);

    /// <summary>False (and a problem) when an earlier row of the file had the same key.</summary>
    protected bool FirstWith(string key, string describedKey, ImportRow row)
    {
        if (_seen.TryGetValue(key, out var earlier))
        {
            row.ProblemOfRow($"repeats {describedKey} of row {earlier}: each appears once in a file.");
            return false;
        }

        _seen[key] = row.RowNumber;
        return true;
    }

    /// <summary>
    /// Copies the row's values onto the stored record; when that changes nothing the record stays as it is (not
    /// even its source), else it is recorded as imported from this file.
    /// </summary>
    protected RowOutcome Update<T>(T stored, Func<InputSource?, T> build, InputSource? storedSource)
        where T : class
    {
        var entry = db.Entry(stored);
        entry.CurrentValues.SetValues(build(storedSource));
        if (!IsModified(entry))
        {
            return RowOutcome.Unchanged;
        }

        entry.CurrentValues.SetValues(build(source));
        return RowOutcome.Changed;
    }

    protected static bool IsModified(EntityEntry entry) =>
        entry.Properties.Any(p => p.IsModified) || entry.ComplexProperties.Any(c => c.Properties.Any(p => p.IsModified));

    /// <summary>The id of the record a reference cell names; the stored one when the column is not in the file.</summary>
    protected static Guid? Reference(ImportRow row, string key, IReadOnlyDictionary<string, Guid> names, string what, Guid? existing)
    {
        if (!row.IsMapped(key))
        {
            return existing;
        }

        if (row.Text(key) is not { } name)
        {
            return null;
        }

        if (names.TryGetValue(name, out var id))
        {
            return id;
        }

        row.Problem(key, $"{Cells.Quote(name)} is not {what} of this organisation (import the {what.Split(' ')[^1]}s first, or correct the name).");
        return null;
    }

    protected static async Task<Dictionary<string, Guid>> NamesAsync<T>(IQueryable<T> records, Func<T, string> name, Func<T, Guid> id, CancellationToken cancellationToken)
        where T : class =>
        (await records.AsNoTracking().ToListAsync(cancellationToken)).ByName(name).ToDictionary(p => p.Key, p => id(p.Value), NameComparer.Instance);
}

internal sealed class SystemsImport(BusinessValueDbContext db, InputSource source, DateTime nowUtc) : RecordImport(db, source, nowUtc)
{
    private Dictionary<string, ItSystem> _systems = [];

    public override async Task LoadAsync(CancellationToken cancellationToken) =>
        _systems = (await Db.Systems.ToListAsync(cancellationToken)).ByName(s => s.Name);

    protected override RowOutcome Import(ImportRow row)
    {
        if (row.Text("name") is not { } name || !FirstWith(name, $"the system {Cells.Quote(name)}", row) || !row.IsSound)
        {
            return RowOutcome.Refused;
        }

        _systems.TryGetValue(name, out var stored);
        ItSystem Build(InputSource? source, Guid id, DateTime created)
        {
            var costs = new AnnualCosts(
                row.Amount("licenceCost", stored?.Costs.Licences ?? 0m),
                row.Amount("infrastructureCost", stored?.Costs.Infrastructure ?? 0m),
                row.Amount("supportStaffCost", stored?.Costs.SupportStaff ?? 0m),
                row.Amount("otherCost", stored?.Costs.Other ?? 0m));
            var system = new ItSystem(id, name, row.Text("category", stored?.Category)!, row.Text("vendor", stored?.Vendor),
                    row.Choice("lifecycle", stored?.Lifecycle), row.Choice("strategicFit", stored?.StrategicFit), created)
                .WithOwners(row.Text("itOwner", stored?.ItOwner), row.Text("businessOwner", stored?.BusinessOwner))
                .WithBusinessCase(costs, row.Number("expectedAnnualBenefit", stored?.ExpectedAnnualBenefit), row.Whole("intendedUsers", stored?.IntendedUsers),
                    row.Number("requiredRecoveryHours", stored?.RequiredRecoveryHours));
            return source is null ? system : system.RecordedBy(source);
        }

        if (stored is not null)
        {
            return Update(stored, s => Build(s, stored.Id, stored.CreatedAtUtc), stored.Source);
        }

        var added = Build(Source, Guid.NewGuid(), NowUtc);
        Db.Systems.Add(added);
        _systems[name] = added;
        return RowOutcome.New;
    }
}

internal sealed class DepartmentsImport(BusinessValueDbContext db, InputSource source, DateTime nowUtc) : RecordImport(db, source, nowUtc)
{
    private Dictionary<string, Department> _departments = [];

    public override async Task LoadAsync(CancellationToken cancellationToken) =>
        _departments = (await Db.Departments.ToListAsync(cancellationToken)).ByName(d => d.Name);

    protected override RowOutcome Import(ImportRow row)
    {
        if (row.Text("name") is not { } name || !FirstWith(name, $"the department {Cells.Quote(name)}", row) || !row.IsSound)
        {
            return RowOutcome.Refused;
        }

        _departments.TryGetValue(name, out var stored);
        Department Build(Guid id) => new(id, name, row.Whole("headcount", stored?.Headcount) ?? 0, row.Number("labourRatePerHour", stored?.LabourRatePerHour));
        if (stored is not null)
        {
            return Update(stored, _ => Build(stored.Id), null);
        }

        var added = Build(Guid.NewGuid());
        Db.Departments.Add(added);
        _departments[name] = added;
        return RowOutcome.New;
    }
}

internal sealed class ProcessesImport(BusinessValueDbContext db, InputSource source, DateTime nowUtc) : RecordImport(db, source, nowUtc)
{
    private Dictionary<string, BusinessProcess> _processes = [];
    private Dictionary<string, Guid> _departments = [];

    public override async Task LoadAsync(CancellationToken cancellationToken)
    {
        _processes = (await Db.Processes.ToListAsync(cancellationToken)).ByName(p => p.Name);
        _departments = await NamesAsync(Db.Departments, d => d.Name, d => d.Id, cancellationToken);
    }

    protected override RowOutcome Import(ImportRow row)
    {
        if (row.Text("name") is not { } name || !FirstWith(name, $"the process {Cells.Quote(name)}", row))
        {
            return RowOutcome.Refused;
        }

        _processes.TryGetValue(name, out var stored);
        var department = Reference(row, "department", _departments, "a department", stored?.DepartmentId);
        if (!row.IsSound)
        {
            return RowOutcome.Refused;
        }

        BusinessProcess Build(Guid id) => new(id, name, department, row.Number("annualRevenue", stored?.AnnualRevenue) ?? 0m,
            row.Number("operatingHoursPerWeek", stored?.OperatingHoursPerWeek) ?? 0m, row.Choice("importance", stored?.Importance));
        if (stored is not null)
        {
            return Update(stored, _ => Build(stored.Id), null);
        }

        var added = Build(Guid.NewGuid());
        Db.Processes.Add(added);
        _processes[name] = added;
        return RowOutcome.New;
    }
}

internal sealed class DependenciesImport(BusinessValueDbContext db, InputSource source, DateTime nowUtc) : RecordImport(db, source, nowUtc)
{
    private Dictionary<(Guid, Guid), Dependency> _dependencies = [];
    private Dictionary<string, Guid> _processes = [];
    private Dictionary<string, Guid> _systems = [];

    public override async Task LoadAsync(CancellationToken cancellationToken)
    {
        _dependencies = (await Db.Dependencies.ToListAsync(cancellationToken)).ToDictionary(d => (d.ProcessId, d.SystemId));
        _processes = await NamesAsync(Db.Processes, p => p.Name, p => p.Id, cancellationToken);
        _systems = await NamesAsync(Db.Systems, s => s.Name, s => s.Id, cancellationToken);
    }

    protected override RowOutcome Import(ImportRow row)
    {
        var process = Reference(row, "process", _processes, "a process", null);
        var system = Reference(row, "system", _systems, "a system", null);
        if (process is not { } p || system is not { } s
            || !FirstWith($"{p}/{s}", $"the process {Cells.Quote(row.Text("process")!)} with the system {Cells.Quote(row.Text("system")!)}", row) || !row.IsSound)
        {
            return RowOutcome.Refused;
        }

        var share = row.Number("revenueShare") ?? 0m;
        if (_dependencies.TryGetValue((p, s), out var stored))
        {
            return Update(stored, _ => new Dependency(p, s, share), null);
        }

        var added = new Dependency(p, s, share);
        Db.Dependencies.Add(added);
        _dependencies[(p, s)] = added;
        return RowOutcome.New;
    }
}

internal sealed class IntegrationsImport(BusinessValueDbContext db, InputSource source, DateTime nowUtc) : RecordImport(db, source, nowUtc)
{
    private Dictionary<string, Integration> _integrations = [];
    private Dictionary<string, Guid> _systems = [];

    public override async Task LoadAsync(CancellationToken cancellationToken)
    {
        _integrations = (await Db.Integrations.ToListAsync(cancellationToken)).ByName(i => i.Name);
        _systems = await NamesAsync(Db.Systems, s => s.Name, s => s.Id, cancellationToken);
    }

    protected override RowOutcome Import(ImportRow row)
    {
        if (row.Text("name") is not { } name || !FirstWith(name, $"the integration {Cells.Quote(name)}", row))
        {
            return RowOutcome.Refused;
        }

        _integrations.TryGetValue(name, out var stored);
        var from = Reference(row, "sourceSystem", _systems, "a system", stored?.SourceSystemId);
        var to = Reference(row, "targetSystem", _systems, "a system", stored?.TargetSystemId);
        if (!row.IsSound || from is not { } f || to is not { } t)
        {
            return RowOutcome.Refused;
        }

        var mode = row.Choice("mode", stored?.Mode);
        var first = row.IsMapped("firstRecordedMode") && row.Text("firstRecordedMode") is not null
            ? row.Choice<IntegrationMode>("firstRecordedMode", null)
            : stored?.FirstRecordedMode ?? mode;
        Integration Build(InputSource? source, Guid id)
        {
            var integration = new Integration(id, name, f, t, mode, first, row.Number("transfersPerMonth", stored?.TransfersPerMonth) ?? 0m,
                row.Number("minutesPerTransfer", stored?.MinutesPerTransfer) ?? 0m);
            return source is null ? integration : integration.RecordedBy(source);
        }

        if (stored is not null)
        {
            return Update(stored, s => Build(s, stored.Id), stored.Source);
        }

        var added = Build(Source, Guid.NewGuid());
        Db.Integrations.Add(added);
        _integrations[name] = added;
        return RowOutcome.New;
    }
}

internal sealed class WorkaroundsImport(BusinessValueDbContext db, InputSource source, DateTime nowUtc) : RecordImport(db, source, nowUtc)
{
    private Dictionary<string, Workaround> _workarounds = [];
    private Dictionary<string, Guid> _departments = [];
    private Dictionary<string, Guid> _systems = [];

    public override async Task LoadAsync(CancellationToken cancellationToken)
    {
        _departments = await NamesAsync(Db.Departments, d => d.Name, d => d.Id, cancellationToken);
        _systems = await NamesAsync(Db.Systems, s => s.Name, s => s.Id, cancellationToken);
        _workarounds = new Dictionary<string, Workaround>(NameComparer.Instance);
        foreach (var workaround in await Db.Workarounds.Include(w => w.Systems).ToListAsync(cancellationToken))
        {
            _workarounds.TryAdd(Key(workaround.Description, workaround.DepartmentId), workaround);
        }
    }

    protected override RowOutcome Import(ImportRow row)
    {
        var description = row.Text("description");
        var department = Reference(row, "department", _departments, "a department", null);
        if (description is null || !row.IsSound)
        {
            return RowOutcome.Refused;
        }

        var key = Key(description, department);
        if (!FirstWith(key, $"the workaround {Cells.Quote(description)}{(department is null ? string.Empty : $" of {row.Text("department")}")}", row))
        {
            return RowOutcome.Refused;
        }

        _workarounds.TryGetValue(key, out var stored);
        var systems = new List<Guid>();
        if (row.IsMapped("systems"))
        {
            foreach (var name in row.Names("systems"))
            {
                if (_systems.TryGetValue(name, out var id))
                {
                    systems.Add(id);
                }
                else
                {
                    row.Problem("systems", $"{Cells.Quote(name)} is not a system of this organisation (import the systems first, or correct the name).");
                }
            }
        }
        else if (stored is not null)
        {
            systems.AddRange(stored.SystemIds);
        }

        var status = row.Choice("status", stored?.Status);
        var removedOn = row.Date("removedOn", stored?.RemovedOn);
        if (status == WorkaroundStatus.Removed && removedOn is null)
        {
            row.Problem(row.IsMapped("removedOn") ? "removedOn" : "status", "a removed workaround needs the day it was removed on: from which day does it cost nothing?");
        }

        if (!row.IsSound)
        {
            return RowOutcome.Refused;
        }

        Workaround Build(InputSource? source, Guid id)
        {
            var workaround = new Workaround(id, description, department, row.Choice("kind", stored?.Kind), row.Whole("people", stored?.People) ?? 0,
                row.Number("hoursPerPersonPerWeek", stored?.HoursPerPersonPerWeek) ?? 0m, row.Amount("directAnnualCost", stored?.DirectAnnualCost ?? 0m), systems);
            workaround = status switch
            {
                WorkaroundStatus.Removed => workaround.RemovedFrom(removedOn!.Value),
                WorkaroundStatus.BeingRemoved => workaround.BeingRemoved(),
                _ => workaround,
            };
            return source is null ? workaround : workaround.RecordedBy(source);
        }

        if (stored is null)
        {
            var added = Build(Source, Guid.NewGuid());
            Db.Workarounds.Add(added);
            _workarounds[key] = added;
            return RowOutcome.New;
        }

        var outcome = Update(stored, s => Build(s, stored.Id), stored.Source);
        var wanted = systems.ToHashSet();
        if (wanted.SetEquals(stored.SystemIds))
        {
            return outcome;
        }

        // The links are the workaround's own rows: remove the ones no longer named, add the new ones.
        var links = (ICollection<WorkaroundSystem>)Db.Entry(stored).Collection(w => w.Systems).CurrentValue!;
        foreach (var link in links.Where(l => !wanted.Contains(l.SystemId)).ToList())
        {
            links.Remove(link);
        }

        foreach (var id in wanted.Where(id => links.All(l => l.SystemId != id)))
        {
            links.Add(new WorkaroundSystem(id));
        }

        if (outcome == RowOutcome.Unchanged)
        {
            Db.Entry(stored).CurrentValues.SetValues(Build(Source, stored.Id));
        }

        return RowOutcome.Changed;
    }

    private static string Key(string description, Guid? department) => $"{description.Trim()}\n{department}";
}
