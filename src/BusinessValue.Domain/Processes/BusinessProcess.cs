namespace BusinessValue.Domain.Processes;

/// <summary>
/// A business process (order to cash, procure to pay, …) with the revenue that flows through it.
/// See docs/formulas.md#revenue-per-hour.
/// </summary>
public sealed class BusinessProcess
{
    public const int NameMaxLength = 200;

    private BusinessProcess()
    {
        Name = string.Empty;
    }

    public BusinessProcess(Guid id, string name, Guid? departmentId, decimal annualRevenue, decimal operatingHoursPerWeek, StrategicImportance importance)
    {
        Id = id;
        Name = string.Empty;
        Describe(name, departmentId, annualRevenue, operatingHoursPerWeek, importance);
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    public Guid? DepartmentId { get; private set; }

    /// <summary>Rev: annual revenue flowing through the process.</summary>
    public decimal AnnualRevenue { get; private set; }

    /// <summary>OH: operating hours per week (168 for 24×7, 50 for business hours).</summary>
    public decimal OperatingHoursPerWeek { get; private set; }

    public StrategicImportance Importance { get; private set; }

    /// <summary>Changes what the process is, whose it is and the revenue flowing through it (the processes page).</summary>
    public BusinessProcess Describe(string name, Guid? departmentId, decimal annualRevenue, decimal operatingHoursPerWeek, StrategicImportance importance)
    {
        Name = Guard.Text(name, "Process name", NameMaxLength);
        DepartmentId = departmentId;
        AnnualRevenue = Amounts.Checked(annualRevenue, Amounts.MaxMoney, "Annual revenue");
        if (operatingHoursPerWeek is <= 0m or > 168m)
        {
            throw new DomainRuleException("Operating hours per week", $"must be more than 0 and at most 168 (it is {operatingHoursPerWeek}).");
        }

        OperatingHoursPerWeek = operatingHoursPerWeek;
        Importance = importance;
        return this;
    }

    /// <summary>r = Rev / (OH × 52).</summary>
    public decimal RevenuePerOperatingHour => AnnualRevenue / (OperatingHoursPerWeek * 52m);
}
