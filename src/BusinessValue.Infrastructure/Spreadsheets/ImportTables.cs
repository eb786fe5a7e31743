using BusinessValue.Domain.Integrations;
using BusinessValue.Domain.Metrics;
using BusinessValue.Domain.Organisation;
using BusinessValue.Domain.Processes;
using BusinessValue.Domain.Systems;
using BusinessValue.Domain.Workarounds;
using BusinessValue.Infrastructure.PortfolioDocuments;

namespace BusinessValue.Infrastructure.Spreadsheets;

/// <summary>The tables a spreadsheet can fill; the lower-case name is the one the CLI and the API take.</summary>
public enum ImportKind
{
    Systems,
    Departments,
    Processes,
    Dependencies,
    Integrations,
    Workarounds,
    Metrics,
}

/// <summary>One import table: its columns, and how a row finds the record it updates.</summary>
public sealed record ImportTable(ImportKind Kind, string Title, string MatchedBy, IReadOnlyList<ImportColumn> Columns)
{
    /// <summary>The name in commands, addresses and file names: <c>systems</c>, <c>metrics</c>, …</summary>
    public string Name => ImportTables.NameOf(Kind);

    public ImportColumn? Column(string key) => Columns.FirstOrDefault(c => string.Equals(c.Key, key, StringComparison.Ordinal));
}

/// <summary>
/// Every import table and its columns, described once (docs/import.md is generated from here). The monthly
/// metrics' columns come from <see cref="Measures.All"/>, so a new measure is importable without touching this.
/// </summary>
public static class ImportTables
{
    public const string Separator = ";";

    private static readonly string[] Severities = ["p1", "p2", "p3", "p4"];

    public static ImportTable Systems { get; } = new(ImportKind.Systems, "Systems",
        "the system name (ignoring case): a row whose name is already a system updates it; any other adds a system.",
        [
            new("name", "System name", CellType.Text, "What the business calls the system.", required: true, ["System", "Application", "Application name", "CI Name", "Name", "Service", "Asset"]) { Example = "ERP" },
            new("category", "Category", CellType.Text, "Its kind: ERP, CRM, e-commerce, …", required: true, ["Type", "Class", "CI class", "Application type", "System type"]) { Example = "ERP" },
            new("vendor", "Vendor", CellType.Text, "Who makes it; empty for software built in-house.", aliases: ["Manufacturer", "Supplier", "Publisher", "Company"]) { Example = "SAP" },
            new("lifecycle", "Lifecycle", CellType.Choice, "Where it is in its life.", aliases: ["Status", "Lifecycle status", "Install status", "Life cycle", "Operational status"]) { Choices = Words<Lifecycle>(), Example = Word(Lifecycle.Active), Default = Word(Lifecycle.Active) },
            new("strategicFit", "Strategic fit", CellType.Choice, "How it fits the strategy.", aliases: ["Fit", "Strategy", "Business fit", "Strategic alignment"]) { Choices = Words<StrategicFit>(), Example = Word(StrategicFit.SupportsStrategy), Default = Word(StrategicFit.MaintainsStatusQuo) },
            new("itOwner", "IT owner", CellType.Text, "Who looks after it in IT.", aliases: ["Technical owner", "Managed by", "Support group", "Owner"]) { Example = "Maria Lopez" },
            new("businessOwner", "Business owner", CellType.Text, "Who answers for it in the business.", aliases: ["Business contact", "Owned by", "Product owner"]) { Example = "Tom Berg" },
            Money("licenceCost", "Licence cost", "Licences and subscriptions per year.", "120000", ["Licences", "License cost", "Licence", "Subscription cost", "Software cost"]),
            Money("infrastructureCost", "Infrastructure cost", "Hosting, hardware and cloud per year.", "80000", ["Hosting cost", "Infrastructure", "Cloud cost"]),
            Money("supportStaffCost", "Support staff cost", "The people who run it, per year.", "150000", ["Staff cost", "Support cost", "Labour cost"]),
            Money("otherCost", "Other cost", "Any other yearly cost.", "0", ["Other", "Misc cost"]),
            new("expectedAnnualBenefit", "Expected annual benefit", CellType.Money, "The yearly benefit its business case promised; empty when there is none.", aliases: ["Benefit", "Business case benefit", "Annual benefit"]) { Minimum = 0m, Maximum = Domain.Amounts.MaxMoney, Example = "500000" },
            new("intendedUsers", "Intended users", CellType.WholeNumber, "The users it is meant for; empty when not known.", aliases: ["Users", "Licensed users", "Target users", "Seats"]) { Minimum = 0m, Maximum = 10_000_000m, Example = "400" },
            new("requiredRecoveryHours", "Required recovery time", CellType.Quantity, "Hours within which the business needs it back after a failure (RTO); empty when not set.", aliases: ["RTO", "RTO hours", "Recovery time objective", "Required recovery hours"]) { Minimum = 0m, Maximum = Domain.Amounts.MaxRecoveryHours, Example = "8" },
        ]);

    public static ImportTable Departments { get; } = new(ImportKind.Departments, "Departments",
        "the department name (ignoring case).",
        [
            new("name", "Department name", CellType.Text, "The department as the organisation names it.", required: true, ["Department", "Name", "Cost centre", "Cost center", "Business unit", "Org unit"]) { Example = "Sales" },
            new("headcount", "Headcount", CellType.WholeNumber, "People in the department.", required: true, ["Employees", "Staff", "FTE", "People", "Head count"]) { Minimum = 0m, Maximum = 1_000_000m, Example = "40" },
            new("labourRatePerHour", "Labour rate per hour", CellType.Money, "The loaded cost of an hour of its people's work; empty for the organisation's default.", aliases: ["Labour rate", "Labor rate", "Hourly rate", "Rate per hour", "Department labour rate"]) { Minimum = 0m, Maximum = Domain.Amounts.MaxRatePerHour, Example = "65" },
        ]);

    public static ImportTable Processes { get; } = new(ImportKind.Processes, "Business processes",
        "the process name (ignoring case).",
        [
            new("name", "Process name", CellType.Text, "The business process, e.g. order to cash.", required: true, ["Process", "Name", "Business process", "Value stream"]) { Example = "Order to cash" },
            new("department", "Department", CellType.Reference, "The department that runs it (its name); empty for none.", aliases: ["Department name", "Owning department", "Business unit", "Cost centre", "Cost center"]) { Refers = ImportKind.Departments, Example = "Sales" },
            Money("annualRevenue", "Annual revenue", "Revenue that flows through the process per year.", "12000000", ["Revenue", "Yearly revenue", "Revenue per year"], required: true),
            new("operatingHoursPerWeek", "Operating hours per week", CellType.Quantity, "Hours a week the process runs: 168 for 24×7, 50 for business hours.", required: true, ["Operating hours", "Hours per week", "Opening hours"]) { Minimum = 0m, Maximum = 168m, Example = "50" },
            new("importance", "Importance", CellType.Choice, "How important it is to the strategy.", aliases: ["Strategic importance", "Criticality", "Priority"]) { Choices = Words<StrategicImportance>(), Example = Word(StrategicImportance.High), Default = Word(StrategicImportance.Medium) },
        ]);

    public static ImportTable Dependencies { get; } = new(ImportKind.Dependencies, "Dependencies of processes on systems",
        "the process and the system together: one row per pair.",
        [
            new("process", "Process", CellType.Reference, "The process (its name).", required: true, ["Process name", "Business process"]) { Refers = ImportKind.Processes, Example = "Order to cash" },
            new("system", "System", CellType.Reference, "The system it depends on (its name).", required: true, ["System name", "Application", "CI Name"]) { Refers = ImportKind.Systems, Example = "ERP" },
            new("revenueShare", "Revenue share", CellType.Share, "The share of the process's revenue that stops while the system is down, net of fallback: 0 to 1 (or 0% to 100%).", required: true, ["Share", "Revenue dependency", "Dependency share", "Impact share"]) { Minimum = 0m, Maximum = 1m, Example = "0.8" },
        ]);

    public static ImportTable Integrations { get; } = new(ImportKind.Integrations, "Integrations",
        "the integration name (ignoring case).",
        [
            new("name", "Integration name", CellType.Text, "What flows, e.g. orders to invoicing.", required: true, ["Integration", "Name", "Interface", "Interface name", "Data flow"]) { Example = "Orders to invoicing" },
            new("sourceSystem", "Source system", CellType.Reference, "The system the data comes from (its name).", required: true, ["Source", "From", "From system", "Sender"]) { Refers = ImportKind.Systems, Example = "CRM" },
            new("targetSystem", "Target system", CellType.Reference, "The system the data goes to (its name).", required: true, ["Target", "To", "To system", "Receiver", "Destination"]) { Refers = ImportKind.Systems, Example = "ERP" },
            new("mode", "Mode", CellType.Choice, "How the data moves today.", required: true, ["Integration mode", "Automation", "Method"]) { Choices = Words<IntegrationMode>(), Example = Word(IntegrationMode.Manual) },
            new("firstRecordedMode", "First recorded mode", CellType.Choice, "How the data moved when the integration was first recorded (process automation measures the change since); a new integration takes its mode when empty.", aliases: ["Original mode", "Baseline mode"]) { Choices = Words<IntegrationMode>(), Example = Word(IntegrationMode.Manual) },
            new("transfersPerMonth", "Transfers per month", CellType.Quantity, "How many transfers a month.", required: true, ["Transfers", "Volume per month", "Runs per month", "Frequency per month"]) { Minimum = 0m, Maximum = Domain.Amounts.MaxTransfersPerMonth, Example = "400" },
            new("minutesPerTransfer", "Minutes per manual transfer", CellType.Quantity, "Minutes of human work per transfer when done by hand.", required: true, ["Minutes per transfer", "Manual minutes", "Effort minutes"]) { Minimum = 0m, Maximum = Domain.Amounts.MaxMinutesPerTransfer, Example = "6" },
        ]);

    public static ImportTable Workarounds { get; } = new(ImportKind.Workarounds, "Workarounds",
        "the description and the department together (ignoring case): the same description in another department is another workaround.",
        [
            new("description", "Description", CellType.Text, "What people do by hand.", required: true, ["Workaround", "Name", "Summary", "Title"]) { Example = "Orders retyped from e-mail into the ERP" },
            new("department", "Department", CellType.Reference, "The department whose people do it (its name); empty for none.", aliases: ["Department name", "Team", "Business unit", "Cost centre", "Cost center"]) { Refers = ImportKind.Departments, Example = "Sales" },
            new("kind", "Kind", CellType.Choice, "What sort of workaround it is.", aliases: ["Type", "Category", "Workaround kind"]) { Choices = Words<WorkaroundKind>(), Example = Word(WorkaroundKind.DuplicateDataEntry), Default = Word(WorkaroundKind.Other) },
            new("people", "People", CellType.WholeNumber, "How many people do it.", required: true, ["Persons", "Staff", "Headcount", "Users affected", "Number of people"]) { Minimum = 0m, Maximum = 1_000_000m, Example = "6" },
            new("hoursPerPersonPerWeek", "Hours per person per week", CellType.Quantity, "Hours each of them spends on it a week.", required: true, ["Hours per week", "Weekly hours", "Hours per person"]) { Minimum = 0m, Maximum = 168m, Example = "3" },
            Money("directAnnualCost", "Direct annual cost", "Money it costs besides time: shadow-IT subscriptions, rush shipping, overtime premiums, per year.", "0", ["Direct cost", "Annual cost", "Extra cost"]),
            new("systems", "Systems", CellType.References, "The systems it works around (their names, separated by semicolons); its cost is split equally among them.", aliases: ["System", "Applications", "Application", "Affected systems"]) { Refers = ImportKind.Systems, Example = "ERP; CRM" },
            new("status", "Status", CellType.Choice, "Whether it is still done.", aliases: ["Workaround status", "State"]) { Choices = Words<WorkaroundStatus>(), Example = Word(WorkaroundStatus.Open), Default = Word(WorkaroundStatus.Open) },
            new("removedOn", "Removed on", CellType.Date, "From which day a removed workaround costs nothing (required when the status is removed).", aliases: ["Removed", "Removal date", "End date", "Closed on"]) { Example = string.Empty },
        ]);

    public static ImportTable Metrics { get; } = new(ImportKind.Metrics, "Monthly metrics",
        "the system and the month together: a row for a system and month already recorded updates that month.",
        MetricsColumns());

    public static IReadOnlyList<ImportTable> All { get; } = [Systems, Departments, Processes, Dependencies, Integrations, Workarounds, Metrics];

    public static ImportTable Of(ImportKind kind) => All.First(t => t.Kind == kind);

    /// <summary>
    /// Departments, processes, dependencies and workarounds: the business's own figures, which a business owner keeps
    /// for their departments (docs/security.md). Only an administrator imports them; the inventory's tables (systems,
    /// integrations, metrics) are the IT director's.
    /// </summary>
    public static bool IsBusinessData(ImportKind kind) => kind is ImportKind.Departments or ImportKind.Processes or ImportKind.Dependencies or ImportKind.Workarounds;

    public static string NameOf(ImportKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>The kind a command or an address names ("systems", "Metrics"); null when none.</summary>
    public static ImportKind? Parse(string? name) =>
        All.FirstOrDefault(t => string.Equals(t.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))?.Kind;

    /// <summary>The key of a ticket column, e.g. <c>p1Count</c>.</summary>
    public static string TicketKey(Severity severity, string part) => $"{Severities[(int)severity - 1]}{part}";

    /// <summary>An enum value as written in cells and documents (camelCase, as in portfolio documents).</summary>
    public static string Word<TEnum>(TEnum value)
        where TEnum : struct, Enum => PortfolioJson.Name(value);

    private static string[] Words<TEnum>()
        where TEnum : struct, Enum => [.. Enum.GetValues<TEnum>().Select(Word)];

    private static ImportColumn Money(string key, string heading, string description, string example, string[] aliases, bool required = false) =>
        new(key, heading, CellType.Money, description, required, aliases) { Minimum = 0m, Maximum = Domain.Amounts.MaxMoney, Example = example, Default = required ? null : "0" };

    private static List<ImportColumn> MetricsColumns()
    {
        var columns = new List<ImportColumn>
        {
            new("system", "System", CellType.Reference, "The system (its name).", required: true, ["System name", "Application", "CI Name", "Name", "Service"]) { Refers = ImportKind.Systems, Example = "ERP" },
            new("month", "Month", CellType.Month, "The calendar month, YYYY-MM (a date is read as its month).", required: true, ["Period", "Year-month", "Reporting month", "Date"]) { Example = "2026-07" },
        };
        foreach (var measure in Measures.All)
        {
            var type = measure.Unit == MeasureUnit.Percent ? CellType.Percentage : measure.WholeNumber ? CellType.WholeNumber : CellType.Quantity;
            var maximum = measure.Unit == MeasureUnit.Minutes ? " (at most the minutes of the month)" : string.Empty;
            columns.Add(new ImportColumn(measure.Key, measure.Name, type, $"The month's {measure.Phrase}{maximum}; empty when not recorded (never read as zero).", aliases: [measure.Key, measure.Column, measure.Phrase])
            {
                Minimum = measure.Minimum,
                Maximum = measure.Maximum,
                Example = MeasureExample(measure),
            });
            if (measure == Measures.TicketsFollow)
            {
                foreach (var severity in Enum.GetValues<Severity>())
                {
                    var p = severity.ToString();
                    columns.Add(new ImportColumn(TicketKey(severity, "Count"), $"{p} tickets", CellType.WholeNumber, $"How many {p} tickets were opened in the month.", aliases: [$"{p} count", $"{p} incidents"]) { Minimum = 0m, Maximum = Measures.MaxCount, Example = "1" });
                    columns.Add(new ImportColumn(TicketKey(severity, "ResolutionHours"), $"{p} total resolution hours", CellType.Quantity, $"Hours to resolve the month's {p} tickets, added up.", aliases: [$"{p} resolution hours", $"{p} hours"]) { Minimum = 0m, Maximum = Measures.MaxHours, Example = "4" });
                    columns.Add(new ImportColumn(TicketKey(severity, "UsersAffected"), $"{p} users affected per ticket", CellType.Quantity, $"Users affected by a {p} ticket, on average.", aliases: [$"{p} users affected", $"{p} users"]) { Minimum = 0m, Maximum = Measures.MaxUsers, Example = "120" });
                }
            }
        }

        return columns;
    }

    private static string MeasureExample(Measure measure) => measure.Unit switch
    {
        MeasureUnit.Percent => "99.5",
        MeasureUnit.Minutes => "45",
        MeasureUnit.Hours => "2",
        MeasureUnit.Users => "350",
        MeasureUnit.Rating => "3.8",
        _ => "0",
    };
}
