namespace BusinessValue.Domain.Workarounds;

/// <summary>
/// Manual work people do because a system falls short: duplicate entry, spreadsheets, shadow IT, rush
/// shipping. See docs/formulas.md#workaround-cost.
/// </summary>
public sealed class Workaround
{
    public const int DescriptionMaxLength = 500;

    private readonly List<WorkaroundSystem> _systems = [];

    private Workaround()
    {
        Description = string.Empty;
    }

    public Workaround(Guid id, string description, Guid? departmentId, WorkaroundKind kind, int people, decimal hoursPerPersonPerWeek, decimal directAnnualCost, IEnumerable<Guid> systemIds)
    {
        Id = id;
        Description = string.Empty;
        Describe(description, departmentId, kind, people, hoursPerPersonPerWeek, directAnnualCost, systemIds);
        Status = WorkaroundStatus.Open;
    }

    public Guid Id { get; private set; }

    public string Description { get; private set; }

    public Guid? DepartmentId { get; private set; }

    public WorkaroundKind Kind { get; private set; }

    /// <summary>n.</summary>
    public int People { get; private set; }

    /// <summary>h.</summary>
    public decimal HoursPerPersonPerWeek { get; private set; }

    /// <summary>C: shadow-IT subscriptions, rush shipping, overtime premiums per year.</summary>
    public decimal DirectAnnualCost { get; private set; }

    public WorkaroundStatus Status { get; private set; }

    /// <summary>From this day on a removed workaround costs nothing.</summary>
    public DateOnly? RemovedOn { get; private set; }

    public InputSource? Source { get; private set; }

    public IReadOnlyList<WorkaroundSystem> Systems => _systems;

    public IEnumerable<Guid> SystemIds => _systems.Select(s => s.SystemId);

    /// <summary>Changes what the workaround is, who does it, what it costs and which systems it works around (the register).</summary>
    public Workaround Describe(string description, Guid? departmentId, WorkaroundKind kind, int people, decimal hoursPerPersonPerWeek, decimal directAnnualCost, IEnumerable<Guid> systemIds)
    {
        ArgumentNullException.ThrowIfNull(systemIds);
        Description = Guard.Text(description, "Description", DescriptionMaxLength);
        DepartmentId = departmentId;
        Kind = kind;
        People = Guard.InRange(people, 0, 1_000_000, "People");
        if (hoursPerPersonPerWeek is < 0m or > 168m)
        {
            throw new DomainRuleException("Hours per person per week", $"must be between 0 and 168 (it is {hoursPerPersonPerWeek}).");
        }

        HoursPerPersonPerWeek = Amounts.Decimals(hoursPerPersonPerWeek, "Hours per person per week");
        DirectAnnualCost = Amounts.Checked(directAnnualCost, Amounts.MaxMoney, "Direct annual cost");
        var wanted = systemIds.Distinct().ToList();
        // Kept links stay the same objects, so the audit trail records only the links added and removed.
        _systems.RemoveAll(s => !wanted.Contains(s.SystemId));
        _systems.AddRange(wanted.Where(id => _systems.TrueForAll(s => s.SystemId != id)).Select(id => new WorkaroundSystem(id)).ToList());
        return this;
    }

    /// <summary>Open, being removed, or removed from a day on (a removal date is required then, and kept only then).</summary>
    public Workaround WithStatus(WorkaroundStatus status, DateOnly? removedOn)
    {
        return status switch
        {
            WorkaroundStatus.Open => Reopened(),
            WorkaroundStatus.BeingRemoved => BeingRemoved(),
            WorkaroundStatus.Removed => RemovedFrom(removedOn ?? throw new DomainRuleException("Removal date", "is required for a removed workaround.")),
            _ => throw new DomainRuleException("Status", $"is not a status of a workaround (it is {status})."),
        };
    }

    private Workaround Reopened()
    {
        Status = WorkaroundStatus.Open;
        RemovedOn = null;
        return this;
    }

    public Workaround BeingRemoved()
    {
        Status = WorkaroundStatus.BeingRemoved;
        RemovedOn = null;
        return this;
    }

    public Workaround RemovedFrom(DateOnly day)
    {
        Status = WorkaroundStatus.Removed;
        RemovedOn = day;
        return this;
    }

    public Workaround RecordedBy(InputSource source)
    {
        Source = source;
        return this;
    }

    /// <summary>Share of the period (by days) in which the workaround still costs: 1 while open.</summary>
    public decimal ActiveShareOf(DateOnly firstDay, DateOnly lastDay)
    {
        if (Status != WorkaroundStatus.Removed || RemovedOn is not { } removed || removed > lastDay)
        {
            return 1m;
        }

        if (removed <= firstDay)
        {
            return 0m;
        }

        var days = lastDay.DayNumber - firstDay.DayNumber + 1;
        return (decimal)(removed.DayNumber - firstDay.DayNumber) / days;
    }
}
