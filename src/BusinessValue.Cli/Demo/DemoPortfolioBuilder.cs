using BusinessValue.Domain;
using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Integrations;
using BusinessValue.Domain.Metrics;
using BusinessValue.Domain.Organisation;
using BusinessValue.Domain.Periods;
using BusinessValue.Domain.Processes;
using BusinessValue.Domain.Systems;
using BusinessValue.Domain.Workarounds;

namespace BusinessValue.Cli.Demo;

/// <summary>
/// The curated demo organisation: a mid-sized manufacturer whose 12 systems fall into every quadrant, with
/// eight quarters of metrics (2024-Q4 to 2026-Q3). `bv demo write` turns it into the document shipped with
/// the app (src/BusinessValue.Infrastructure/DemoData/demo-portfolio.json); a test keeps the two identical.
/// </summary>
internal static class DemoPortfolioBuilder
{
    public static readonly YearMonth FirstMonth = new(2024, 10);
    public static readonly YearMonth LastMonth = new(2026, 9);

    private static readonly DateTime Recorded = new(2026, 10, 1, 8, 0, 0, DateTimeKind.Utc);
    private static readonly InputSource Inventory = InputSource.Entered("it.director@northwind.example", Recorded);
    private static readonly InputSource Monitoring = new(SourceKind.Api, "monitoring-prod key", Recorded);
    private static readonly InputSource Assessment = InputSource.Entered("business owners (impact assessment)", Recorded);

    /// <summary>How a system behaves month after month; noise is added from a fixed seed.</summary>
    private sealed record Profile(
        string Name, string Category, string Vendor, Lifecycle Lifecycle, StrategicFit Fit, decimal Licences, decimal Infrastructure, decimal Support,
        decimal? Benefit, int? IntendedUsers, decimal Adoption, decimal? RequiredRecoveryHours,
        decimal Uptime, decimal PeakMinutes, decimal TicketSla, decimal Patch, decimal Backup, decimal BlockedHours, decimal Satisfaction, int P1PerYear);

    private static readonly Profile[] Profiles =
    [
        new("CRM", "Customer relationship management", "Salesforce", Lifecycle.Active, StrategicFit.SupportsStrategy, 180_000m, 20_000m, 50_000m, 1_400_000m, 120, 0.92m, 8m, 99.95m, 30m, 96m, 99m, 100m, 4m, 4.3m, 1),
        new("E-commerce Storefront", "Sales channel", "Shopify", Lifecycle.Active, StrategicFit.SupportsStrategy, 90_000m, 60_000m, 70_000m, 2_600_000m, 40, 0.95m, 2m, 99.9m, 180m, 95m, 98m, 100m, 2m, 4.1m, 2),
        new("Data Warehouse", "Analytics", "Snowflake", Lifecycle.Active, StrategicFit.SupportsStrategy, 110_000m, 40_000m, 60_000m, 650_000m, 60, 0.85m, 24m, 99.8m, 20m, 93m, 97m, 100m, 1m, 4.0m, 0),
        new("ERP", "Enterprise resource planning", "SAP", Lifecycle.Active, StrategicFit.MaintainsStatusQuo, 220_000m, 80_000m, 100_000m, 500_000m, 260, 0.97m, 8m, 99.9m, 90m, 97m, 100m, 100m, 6m, 3.1m, 1),
        new("Inventory Management", "Supply chain", "Manhattan Associates", Lifecycle.Active, StrategicFit.MaintainsStatusQuo, 70_000m, 20_000m, 30_000m, 150_000m, 80, 0.95m, 12m, 99.9m, 15m, 98m, 100m, 100m, 2m, 3.0m, 0),
        new("Project Management", "Collaboration", "Atlassian", Lifecycle.Active, StrategicFit.SupportsStrategy, 40_000m, 5_000m, 15_000m, 280_000m, 300, 0.30m, 72m, 99.95m, 5m, 99m, 100m, 100m, 1m, 2.6m, 0),
        new("Secure File Sharing", "Collaboration", "Citrix", Lifecycle.PhaseOut, StrategicFit.Legacy, 45_000m, 10_000m, 20_000m, 60_000m, 350, 0.22m, 48m, 99.97m, 0m, 98m, 100m, 100m, 40m, 1.9m, 0),
        new("Warehouse Scanning", "Supply chain", "Zebra", Lifecycle.Active, StrategicFit.SupportsStrategy, 35_000m, 25_000m, 20_000m, 900_000m, 90, 0.98m, 4m, 98.6m, 240m, 55m, 45m, 60m, 3m, 4.0m, 5),
        new("Field Service App", "Operations", "Microsoft", Lifecycle.Active, StrategicFit.SupportsStrategy, 30_000m, 10_000m, 15_000m, 420_000m, 70, 0.88m, 24m, 98.9m, 60m, 50m, 50m, 70m, 2m, 4.2m, 3),
        new("Payroll", "Human resources", "ADP", Lifecycle.Active, StrategicFit.MaintainsStatusQuo, 60_000m, 0m, 10_000m, 160_000m, 25, 1.0m, 48m, 99.95m, 0m, 97m, 99m, 100m, 0m, 3.8m, 0),
        new("Service Desk", "IT service management", "ServiceNow", Lifecycle.Active, StrategicFit.MaintainsStatusQuo, 65_000m, 5_000m, 20_000m, 90_000m, 35, 0.9m, 24m, 99.5m, 10m, 88m, 92m, 97m, 1m, 3.4m, 0),
        new("Legacy Quoting Tool", "Sales", "In-house", Lifecycle.PhaseOut, StrategicFit.Legacy, 0m, 15_000m, 45_000m, 40_000m, 30, 0.6m, 24m, 97.8m, 120m, 50m, 40m, 60m, 5m, 2.1m, 4),
    ];

    public static Portfolio Build()
    {
        var random = new Random(2026);
        var organisation = new OrganisationSettings("Northwind Components (demo)", Recorded, isDemo: true);

        var sales = new Department(Id(1), "Sales", 48);
        var operations = new Department(Id(2), "Operations", 120, labourRatePerHour: 42m);
        var finance = new Department(Id(3), "Finance", 18, labourRatePerHour: 65m);
        var service = new Department(Id(4), "Customer Service", 35);

        var systems = Profiles.Select((p, i) => new ItSystem(Id(100 + i), p.Name, p.Category, p.Vendor, p.Lifecycle, p.Fit, Recorded)
            .WithOwners($"{p.Category} platform team", OwnerOf(p.Name))
            .WithBusinessCase(new AnnualCosts(p.Licences, p.Infrastructure, p.Support, 0m), p.Benefit, p.IntendedUsers, p.RequiredRecoveryHours)
            .RecordedBy(Inventory)).ToList();
        ItSystem S(string name) => systems.Single(s => s.Name == name);

        var orderToCash = new BusinessProcess(Id(200), "Order to cash", sales.Id, 24_000_000m, 50m, StrategicImportance.Critical);
        var onlineSales = new BusinessProcess(Id(201), "Online sales", sales.Id, 12_000_000m, 168m, StrategicImportance.High);
        var fulfilment = new BusinessProcess(Id(202), "Manufacturing and fulfilment", operations.Id, 30_000_000m, 120m, StrategicImportance.Critical);
        var procure = new BusinessProcess(Id(203), "Procure to pay", finance.Id, 6_000_000m, 50m, StrategicImportance.Medium);
        var fieldService = new BusinessProcess(Id(204), "Field service", service.Id, 4_000_000m, 50m, StrategicImportance.High);
        var close = new BusinessProcess(Id(205), "Financial close and payroll", finance.Id, 1_500_000m, 45m, StrategicImportance.Medium);
        BusinessProcess[] processes = [orderToCash, onlineSales, fulfilment, procure, fieldService, close];

        Dependency[] dependencies =
        [
            new(orderToCash.Id, S("ERP").Id, 0.9m), new(orderToCash.Id, S("CRM").Id, 0.6m), new(orderToCash.Id, S("Legacy Quoting Tool").Id, 0.15m),
            new(onlineSales.Id, S("E-commerce Storefront").Id, 1m), new(onlineSales.Id, S("ERP").Id, 0.3m),
            new(fulfilment.Id, S("ERP").Id, 0.7m), new(fulfilment.Id, S("Inventory Management").Id, 0.8m), new(fulfilment.Id, S("Warehouse Scanning").Id, 0.6m),
            new(procure.Id, S("ERP").Id, 0.8m),
            new(fieldService.Id, S("Field Service App").Id, 0.7m), new(fieldService.Id, S("CRM").Id, 0.3m),
            new(close.Id, S("Payroll").Id, 0.5m), new(close.Id, S("Data Warehouse").Id, 0.2m),
        ];

        Integration[] integrations =
        [
            new Integration(Id(300), "ERP to inventory stock updates", S("ERP").Id, S("Inventory Management").Id, IntegrationMode.Manual, IntegrationMode.Manual, 2_000m, 6m).RecordedBy(Assessment),
            new Integration(Id(301), "Storefront orders into ERP", S("E-commerce Storefront").Id, S("ERP").Id, IntegrationMode.Automated, IntegrationMode.Automated, 6_500m, 4m).RecordedBy(Inventory),
            new Integration(Id(302), "CRM deals into ERP sales orders", S("CRM").Id, S("ERP").Id, IntegrationMode.SemiAutomated, IntegrationMode.Manual, 800m, 5m).RecordedBy(Assessment),
            new Integration(Id(303), "Scanner bookings into inventory", S("Warehouse Scanning").Id, S("Inventory Management").Id, IntegrationMode.Automated, IntegrationMode.Automated, 9_000m, 1m).RecordedBy(Inventory),
            new Integration(Id(304), "Tickets linked to customer accounts", S("Service Desk").Id, S("CRM").Id, IntegrationMode.Automated, IntegrationMode.Automated, 300m, 2m).RecordedBy(Inventory),
            new Integration(Id(305), "ERP nightly load into the warehouse", S("ERP").Id, S("Data Warehouse").Id, IntegrationMode.Automated, IntegrationMode.SemiAutomated, 30m, 45m).RecordedBy(Inventory),
            new Integration(Id(306), "Quotes re-typed into CRM", S("Legacy Quoting Tool").Id, S("CRM").Id, IntegrationMode.Manual, IntegrationMode.Manual, 150m, 10m).RecordedBy(Assessment),
            new Integration(Id(307), "Field jobs copied from CRM", S("CRM").Id, S("Field Service App").Id, IntegrationMode.SemiAutomated, IntegrationMode.SemiAutomated, 400m, 3m).RecordedBy(Assessment),
        ];

        Workaround[] workarounds =
        [
            new Workaround(Id(400), "Rush shipping and overtime when stock figures lag behind the ERP", operations.Id, WorkaroundKind.RushShippingOvertime, 0, 0m, 180_000m, [S("ERP").Id, S("Inventory Management").Id]).RecordedBy(Assessment),
            new Workaround(Id(401), "Order details re-keyed from CRM into ERP", sales.Id, WorkaroundKind.DuplicateDataEntry, 4, 3m, 0m, [S("ERP").Id, S("CRM").Id]).RecordedBy(Assessment),
            new Workaround(Id(402), "Project status kept in spreadsheets and e-mail", operations.Id, WorkaroundKind.Spreadsheet, 25, 1.5m, 0m, [S("Project Management").Id]).RecordedBy(Assessment),
            new Workaround(Id(403), "Client files sent through personal webmail", service.Id, WorkaroundKind.ShadowItTool, 12, 0.5m, 6_000m, [S("Secure File Sharing").Id]).RecordedBy(Assessment),
            new Workaround(Id(404), "Quotes priced in a spreadsheet, then re-typed", sales.Id, WorkaroundKind.Spreadsheet, 3, 4m, 0m, [S("Legacy Quoting Tool").Id]).RecordedBy(Assessment),
            new Workaround(Id(405), "Month-end reconciliation by hand", finance.Id, WorkaroundKind.Spreadsheet, 2, 6m, 0m, [S("ERP").Id, S("Data Warehouse").Id]).RemovedFrom(new DateOnly(2026, 5, 1)).RecordedBy(Assessment),
            new Workaround(Id(406), "Scanner outages bridged with paper pick lists", operations.Id, WorkaroundKind.Other, 6, 1m, 0m, [S("Warehouse Scanning").Id]).BeingRemoved().RecordedBy(Assessment),
            new Workaround(Id(407), "Shift rota kept in a spreadsheet", operations.Id, WorkaroundKind.Spreadsheet, 2, 1m, 0m, []).RecordedBy(Assessment),
        ];

        var metrics = new List<MonthlyMetrics>();
        for (var i = 0; i < Profiles.Length; i++)
        {
            var p = Profiles[i];
            var system = systems[i];
            for (var month = FirstMonth; month <= LastMonth; month = month.AddMonths(1))
            {
                metrics.Add(Month(p, system, month, random));
            }
        }

        RestoreTest[] restoreTests =
        [
            new RestoreTest(Id(500), S("ERP").Id, new DateOnly(2026, 8, 22), true, 6m).RecordedBy(Inventory),
            new RestoreTest(Id(501), S("Inventory Management").Id, new DateOnly(2025, 11, 14), true, 5m).RecordedBy(Inventory),
            new RestoreTest(Id(502), S("E-commerce Storefront").Id, new DateOnly(2026, 3, 3), true, 1.5m).RecordedBy(Inventory),
            new RestoreTest(Id(503), S("E-commerce Storefront").Id, new DateOnly(2026, 9, 12), false, null).RecordedBy(Inventory),
            new RestoreTest(Id(504), S("Warehouse Scanning").Id, new DateOnly(2026, 7, 30), true, 30m).RecordedBy(Inventory),
            new RestoreTest(Id(505), S("Data Warehouse").Id, new DateOnly(2026, 9, 5), true, 10m).RecordedBy(Inventory),
            new RestoreTest(Id(506), S("Payroll").Id, new DateOnly(2026, 7, 18), true, 20m).RecordedBy(Inventory),
            new RestoreTest(Id(507), S("CRM").Id, new DateOnly(2025, 6, 2), true, 3m).RecordedBy(Inventory),
        ];

        return new Portfolio(organisation, [sales, operations, finance, service], processes, systems, dependencies, integrations, workarounds, metrics, restoreTests);
    }

    private static MonthlyMetrics Month(Profile p, ItSystem system, YearMonth month, Random random)
    {
        decimal Noise(decimal spread) => ((decimal)random.NextDouble() - 0.5m) * 2m * spread;
        decimal Round(decimal value, int places) => Math.Round(value, places, MidpointRounding.AwayFromZero);
        // The last year is a little better than the first: trends have something to show.
        var improvement = month.Index - FirstMonth.Index >= 12 ? 1m : 0m;
        var uptime = Math.Min(100m, Round(p.Uptime + Noise(0.04m) + (improvement * 0.02m), 3));
        var operatingMinutes = 22m * 10m * 60m;
        var p1 = random.Next(12) < p.P1PerYear ? 1 : 0;
        var users = p.IntendedUsers ?? 0;
        return new MonthlyMetrics(system.Id, month)
        {
            UptimePercent = uptime,
            SlaUptimeTargetPercent = 99.9m,
            DowntimeMinutes = Round((100m - uptime) / 100m * operatingMinutes, 0),
            PeakDegradedMinutes = Math.Max(0m, Round(p.PeakMinutes + Noise(p.PeakMinutes / 3m), 0)),
            P1 = p1 == 0 ? new TicketStats(0, null, null) : new TicketStats(1, Round(2m + Noise(1.5m), 1), Round(Math.Max(5m, users * 0.6m), 0)),
            P2 = new TicketStats(random.Next(0, 3), Round(3m + Noise(2m), 1), Round(Math.Max(1m, users * 0.1m), 0)),
            P3 = new TicketStats(random.Next(2, 9), Round(12m + Noise(6m), 1), 1m),
            P4 = new TicketStats(random.Next(3, 15), Round(20m + Noise(8m), 1), 1m),
            TicketSlaAttainmentPercent = Math.Clamp(Round(p.TicketSla + Noise(3m), 1), 0m, 100m),
            PatchCompliancePercent = Math.Clamp(Round(p.Patch + Noise(2m) + (improvement * 2m), 1), 0m, 100m),
            SecurityIncidents = random.Next(40) == 0 ? 1 : 0,
            BlockedWorkHours = Math.Max(0m, Round(p.BlockedHours + Noise(p.BlockedHours / 4m), 0)),
            BackupSuccessPercent = Math.Clamp(Round(p.Backup + Noise(1m), 1), 0m, 100m),
            ActiveUsers = users == 0 ? null : (int)Math.Round(users * Math.Min(1m, p.Adoption + Noise(0.03m))),
            // Satisfaction surveys run quarterly: the other months have no value, which is not zero.
            Satisfaction = month.Month % 3 == 0 ? Math.Clamp(Round(p.Satisfaction + Noise(0.2m), 1), 1m, 5m) : null,
        }.Validated().RecordedBy(Monitoring);
    }

    private static string OwnerOf(string system) => system switch
    {
        "CRM" or "E-commerce Storefront" or "Legacy Quoting Tool" => "Head of Sales",
        "Payroll" or "Data Warehouse" => "Finance Director",
        "Field Service App" or "Service Desk" => "Head of Customer Service",
        _ => "Operations Director",
    };

    private static Guid Id(int n) => new($"00000000-0000-4000-8000-{n:D12}");
}
