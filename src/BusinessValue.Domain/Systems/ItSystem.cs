namespace BusinessValue.Domain.Systems;

/// <summary>
/// A system in the technology inventory (ERP, CRM, …). Named ItSystem so it never collides with the
/// <c>System</c> namespace; the product calls it simply a system.
/// </summary>
public sealed class ItSystem
{
    public const int NameMaxLength = 200;
    public const int CategoryMaxLength = 100;
    public const int VendorMaxLength = 200;
    public const int OwnerMaxLength = 200;

    private ItSystem()
    {
        Name = string.Empty;
        Category = string.Empty;
        Costs = AnnualCosts.None;
    }

    public ItSystem(Guid id, string name, string category, string? vendor, Lifecycle lifecycle, StrategicFit strategicFit, DateTime createdAtUtc)
    {
        Id = id;
        Name = Guard.Text(name, "System name", NameMaxLength);
        Category = Guard.Text(category, "Category", CategoryMaxLength);
        Vendor = Guard.OptionalText(vendor, "Vendor", VendorMaxLength);
        Lifecycle = lifecycle;
        StrategicFit = strategicFit;
        Costs = AnnualCosts.None;
        CreatedAtUtc = createdAtUtc;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    public string Category { get; private set; }

    public string? Vendor { get; private set; }

    public string? ItOwner { get; private set; }

    public string? BusinessOwner { get; private set; }

    public Lifecycle Lifecycle { get; private set; }

    public StrategicFit StrategicFit { get; private set; }

    /// <summary>U: the users the system is meant for; null when not recorded.</summary>
    public int? IntendedUsers { get; private set; }

    public AnnualCosts Costs { get; private set; }

    /// <summary>B: expected annual benefit from the business case; null when none was recorded.</summary>
    public decimal? ExpectedAnnualBenefit { get; private set; }

    /// <summary>RTO_req: the recovery time the business requires, in hours; null when not set.</summary>
    public decimal? RequiredRecoveryHours { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public InputSource? Source { get; private set; }

    public decimal TotalCostOfOwnership => Costs.TotalCostOfOwnership;

    /// <summary>Changes what the system is called and how it is classified (the inventory's edit form).</summary>
    public ItSystem Describe(string name, string category, string? vendor, Lifecycle lifecycle, StrategicFit strategicFit)
    {
        Name = Guard.Text(name, "System name", NameMaxLength);
        Category = Guard.Text(category, "Category", CategoryMaxLength);
        Vendor = Guard.OptionalText(vendor, "Vendor", VendorMaxLength);
        Lifecycle = lifecycle;
        StrategicFit = strategicFit;
        return this;
    }

    public ItSystem WithOwners(string? itOwner, string? businessOwner)
    {
        ItOwner = Guard.OptionalText(itOwner, "IT owner", OwnerMaxLength);
        BusinessOwner = Guard.OptionalText(businessOwner, "Business owner", OwnerMaxLength);
        return this;
    }

    public ItSystem WithBusinessCase(AnnualCosts costs, decimal? expectedAnnualBenefit, int? intendedUsers, decimal? requiredRecoveryHours)
    {
        ArgumentNullException.ThrowIfNull(costs);
        // The bounds are checked here, where values come in, not in AnnualCosts: the database mapping builds that record.
        Amounts.Checked(costs.Licences, Amounts.MaxMoney, "Licence cost");
        Amounts.Checked(costs.Infrastructure, Amounts.MaxMoney, "Infrastructure cost");
        Amounts.Checked(costs.SupportStaff, Amounts.MaxMoney, "Support staff cost");
        Amounts.Checked(costs.Other, Amounts.MaxMoney, "Other cost");
        Costs = costs;
        ExpectedAnnualBenefit = expectedAnnualBenefit is { } b ? Amounts.Checked(b, Amounts.MaxMoney, "Expected annual benefit") : null;
        IntendedUsers = intendedUsers is { } u ? Guard.InRange(u, 0, (int)Metrics.Measures.MaxUsers, "Intended users") : null;
        RequiredRecoveryHours = requiredRecoveryHours is { } h ? Amounts.Checked(h, Amounts.MaxRecoveryHours, "Required recovery time") : null;
        return this;
    }

    public ItSystem RecordedBy(InputSource source)
    {
        Source = source;
        return this;
    }
}
