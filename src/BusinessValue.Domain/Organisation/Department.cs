namespace BusinessValue.Domain.Organisation;

/// <summary>A department of the organisation; its own labour rate, if set, overrides the default R.</summary>
public sealed class Department
{
    public const int NameMaxLength = 200;

    private Department()
    {
        Name = string.Empty;
    }

    public Department(Guid id, string name, int headcount, decimal? labourRatePerHour = null)
    {
        Id = id;
        Name = string.Empty;
        Describe(name, headcount, labourRatePerHour);
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    public int Headcount { get; private set; }

    /// <summary>Loaded labour rate for this department's people; null means the organisation's default R.</summary>
    public decimal? LabourRatePerHour { get; private set; }

    /// <summary>Changes the department's name, size and labour rate (the departments page).</summary>
    public Department Describe(string name, int headcount, decimal? labourRatePerHour)
    {
        Name = Guard.Text(name, "Department name", NameMaxLength);
        Headcount = Guard.InRange(headcount, 0, 1_000_000, "Headcount");
        LabourRatePerHour = labourRatePerHour is { } rate ? Amounts.Checked(rate, Amounts.MaxRatePerHour, "Department labour rate") : null;
        return this;
    }

    public decimal EffectiveLabourRate(Assumptions assumptions)
    {
        ArgumentNullException.ThrowIfNull(assumptions);
        return LabourRatePerHour ?? assumptions.LabourRatePerHour;
    }
}
