using BusinessValue.Domain.Organisation;
using BusinessValue.Domain.Systems;
using BusinessValue.Infrastructure.Persistence;

namespace BusinessValue.Infrastructure.DemoData;

/// <summary>
/// A mid-sized manufacturer to explore the product with, loaded on first start unless switched off.
/// Ids are fixed so that links into the demo stay valid across machines.
/// </summary>
internal static class DemoOrganisation
{
    public const string Name = "Northwind Components (demo)";

    public static void AddTo(BusinessValueDbContext db, DateTime nowUtc)
    {
        db.Organisation.Add(new OrganisationSettings(Name, nowUtc, isDemo: true));

        db.Departments.AddRange(
            new Department(Id(1), "Sales", 48),
            new Department(Id(2), "Operations", 120, labourRatePerHour: 42m),
            new Department(Id(3), "Finance", 18, labourRatePerHour: 65m),
            new Department(Id(4), "Customer Service", 35));

        (string Name, string Category, string Vendor, Lifecycle Lifecycle, StrategicFit Fit)[] systems =
        [
            ("ERP", "Enterprise resource planning", "SAP", Lifecycle.Active, StrategicFit.MaintainsStatusQuo),
            ("Inventory Management", "Supply chain", "Manhattan Associates", Lifecycle.Active, StrategicFit.MaintainsStatusQuo),
            ("CRM", "Customer relationship management", "Salesforce", Lifecycle.Active, StrategicFit.SupportsStrategy),
            ("Project Management", "Collaboration", "Atlassian", Lifecycle.Active, StrategicFit.SupportsStrategy),
            ("E-commerce Storefront", "Sales channel", "Shopify", Lifecycle.Active, StrategicFit.SupportsStrategy),
            ("Warehouse Scanning", "Supply chain", "Zebra", Lifecycle.Active, StrategicFit.MaintainsStatusQuo),
            ("Payroll", "Human resources", "ADP", Lifecycle.Active, StrategicFit.MaintainsStatusQuo),
            ("Secure File Sharing", "Collaboration", "Citrix", Lifecycle.PhaseOut, StrategicFit.Legacy),
            ("Service Desk", "IT service management", "ServiceNow", Lifecycle.Active, StrategicFit.MaintainsStatusQuo),
            ("Data Warehouse", "Analytics", "Snowflake", Lifecycle.Active, StrategicFit.SupportsStrategy),
            ("Legacy Quoting Tool", "Sales", "In-house", Lifecycle.PhaseOut, StrategicFit.Legacy),
            ("Field Service App", "Operations", "Microsoft", Lifecycle.Planned, StrategicFit.SupportsStrategy),
        ];

        db.Systems.AddRange(systems.Select((s, i) =>
            new ItSystem(Id(100 + i), s.Name, s.Category, s.Vendor, s.Lifecycle, s.Fit, nowUtc)));
    }

    private static Guid Id(int n) => new($"00000000-0000-4000-8000-{n:D12}");
}
