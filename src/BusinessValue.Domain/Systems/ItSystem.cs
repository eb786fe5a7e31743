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

    private ItSystem()
    {
        Name = string.Empty;
        Category = string.Empty;
    }

    public ItSystem(Guid id, string name, string category, string? vendor, Lifecycle lifecycle, StrategicFit strategicFit, DateTime createdAtUtc)
    {
        Id = id;
        Name = Guard.Text(name, "System name", NameMaxLength);
        Category = Guard.Text(category, "Category", CategoryMaxLength);
        Vendor = Guard.OptionalText(vendor, "Vendor", VendorMaxLength);
        Lifecycle = lifecycle;
        StrategicFit = strategicFit;
        CreatedAtUtc = createdAtUtc;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    public string Category { get; private set; }

    public string? Vendor { get; private set; }

    public Lifecycle Lifecycle { get; private set; }

    public StrategicFit StrategicFit { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }
}
