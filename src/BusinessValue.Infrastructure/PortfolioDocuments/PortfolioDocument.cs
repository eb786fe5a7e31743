using System.Text.Json.Serialization;

namespace BusinessValue.Infrastructure.PortfolioDocuments;

// The portfolio document, schema version 1: the one format for export, restore, demo data and tests.
// Field by field in docs/portfolio-format.md; JSON Schema in docs/portfolio.schema.json.
#pragma warning disable CA1002, CA2227 // Plain data carriers for System.Text.Json.

public sealed class PortfolioDocument
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; set; }

    public DateTime? ExportedAtUtc { get; set; }

    public OrganisationDocument? Organisation { get; set; }

    public List<DepartmentDocument> Departments { get; set; } = [];

    public List<ProcessDocument> Processes { get; set; } = [];

    public List<SystemDocument> Systems { get; set; } = [];

    public List<DependencyDocument> Dependencies { get; set; } = [];

    public List<IntegrationDocument> Integrations { get; set; } = [];

    public List<WorkaroundDocument> Workarounds { get; set; } = [];

    public List<MetricsDocument> Metrics { get; set; } = [];

    public List<RestoreTestDocument> RestoreTests { get; set; } = [];

    /// <summary>The quarterly reviews; absent (null) when the document does not speak of them (docs/portfolio-format.md#reviews).</summary>
    public ReviewsDocument? Reviews { get; set; }
}

public sealed class OrganisationDocument
{
    public string? Name { get; set; }

    public string Currency { get; set; } = "USD";

    public int FiscalYearStartMonth { get; set; } = 1;

    public bool IsDemo { get; set; }

    public AssumptionsDocument? Assumptions { get; set; }

    /// <summary>When someone set the assumptions; absent while they are unconfirmed defaults (flagged as such on every figure).</summary>
    public DateTime? AssumptionsSetAtUtc { get; set; }
}

public sealed class AssumptionsDocument
{
    public decimal LabourRatePerHour { get; set; } = 50m;

    public int WorkingWeeksPerYear { get; set; } = 46;

    public decimal AbandonmentFactor { get; set; } = 0.10m;

    public decimal Margin { get; set; } = 0.30m;

    public BlockingFactorsDocument BlockingFactors { get; set; } = new();

    public decimal UntestedRecoveryHours { get; set; } = 72m;

    public int VerifiedWindowDays { get; set; } = 90;

    public decimal ScoreThreshold { get; set; } = 70m;

    public decimal WasteBenchmark { get; set; } = 0.30m;
}

public sealed class BlockingFactorsDocument
{
    public decimal P1 { get; set; } = 1.0m;

    public decimal P2 { get; set; } = 0.5m;

    public decimal P3 { get; set; } = 0.2m;

    public decimal P4 { get; set; } = 0.05m;
}

public sealed class SourceDocument
{
    public string? Kind { get; set; }

    public string? Detail { get; set; }

    public DateTime RecordedAtUtc { get; set; }
}

public sealed class DepartmentDocument
{
    public Guid Id { get; set; }

    public string? Name { get; set; }

    public int Headcount { get; set; }

    public decimal? LabourRatePerHour { get; set; }
}

public sealed class ProcessDocument
{
    public Guid Id { get; set; }

    public string? Name { get; set; }

    public Guid? DepartmentId { get; set; }

    public decimal AnnualRevenue { get; set; }

    public decimal OperatingHoursPerWeek { get; set; }

    public string? Importance { get; set; }
}

public sealed class SystemDocument
{
    public Guid Id { get; set; }

    public string? Name { get; set; }

    public string? Category { get; set; }

    public string? Vendor { get; set; }

    public string? ItOwner { get; set; }

    public string? BusinessOwner { get; set; }

    public string? Lifecycle { get; set; }

    public string? StrategicFit { get; set; }

    public int? IntendedUsers { get; set; }

    public CostsDocument Costs { get; set; } = new();

    public decimal? ExpectedAnnualBenefit { get; set; }

    public decimal? RequiredRecoveryHours { get; set; }

    public DateTime? CreatedAtUtc { get; set; }

    public SourceDocument? Source { get; set; }
}

public sealed class CostsDocument
{
    public decimal Licences { get; set; }

    public decimal Infrastructure { get; set; }

    public decimal SupportStaff { get; set; }

    public decimal Other { get; set; }
}

public sealed class DependencyDocument
{
    public Guid ProcessId { get; set; }

    public Guid SystemId { get; set; }

    public decimal RevenueShare { get; set; }
}

public sealed class IntegrationDocument
{
    public Guid Id { get; set; }

    public string? Name { get; set; }

    public Guid SourceSystemId { get; set; }

    public Guid TargetSystemId { get; set; }

    public string? Mode { get; set; }

    public string? FirstRecordedMode { get; set; }

    public decimal TransfersPerMonth { get; set; }

    public decimal MinutesPerTransfer { get; set; }

    public SourceDocument? Source { get; set; }
}

public sealed class WorkaroundDocument
{
    public Guid Id { get; set; }

    public string? Description { get; set; }

    public Guid? DepartmentId { get; set; }

    public string? Kind { get; set; }

    public List<Guid> SystemIds { get; set; } = [];

    public int People { get; set; }

    public decimal HoursPerPersonPerWeek { get; set; }

    public decimal DirectAnnualCost { get; set; }

    public string? Status { get; set; }

    public DateOnly? RemovedOn { get; set; }

    public SourceDocument? Source { get; set; }
}

public sealed class TicketsDocument
{
    public int? Count { get; set; }

    public decimal? TotalResolutionHours { get; set; }

    public decimal? AverageUsersAffected { get; set; }
}

/// <summary>
/// One system's month of metrics. Besides the system, the month, the tickets and the source, a row carries one
/// property per measure of <see cref="Domain.Metrics.Measures"/> (named by its key, e.g. <c>downtimeMinutes</c>),
/// added to the JSON contract by <see cref="PortfolioJson"/>: the description of the measures is the one place
/// that lists them.
/// </summary>
public sealed class MetricsDocument
{
    private readonly decimal?[] _values = new decimal?[Domain.Metrics.Measures.All.Count];

    public Guid SystemId { get; set; }

    public string? Month { get; set; }

    [JsonPropertyName("p1")]
    public TicketsDocument? P1 { get; set; }

    [JsonPropertyName("p2")]
    public TicketsDocument? P2 { get; set; }

    [JsonPropertyName("p3")]
    public TicketsDocument? P3 { get; set; }

    [JsonPropertyName("p4")]
    public TicketsDocument? P4 { get; set; }

    public SourceDocument? Source { get; set; }

    /// <summary>The row's value of <paramref name="measure"/>; null when the row leaves it out.</summary>
    [JsonIgnore]
    public decimal? this[Domain.Metrics.Measure measure]
    {
        get => _values[measure.Ordinal];
        set => _values[measure.Ordinal] = value;
    }

    /// <summary>The row as the domain's monthly metrics for <paramref name="month"/>, checked.</summary>
    /// <exception cref="Domain.DomainRuleException">A value is out of its range; the message names the field.</exception>
    /// <param name="nowUtc">When given, a month more than one month ahead of it is refused too.</param>
    public Domain.Metrics.MonthlyMetrics ToMetrics(Domain.Periods.YearMonth month, DateTime? nowUtc = null) => new Domain.Metrics.MonthlyMetrics(SystemId, month, measure => this[measure])
    {
        P1 = Tickets(P1),
        P2 = Tickets(P2),
        P3 = Tickets(P3),
        P4 = Tickets(P4),
    }.Validated(nowUtc);

    /// <summary>The row for a stored month: every measure, the tickets; the source is the caller's.</summary>
    public static MetricsDocument From(Domain.Metrics.MonthlyMetrics metrics)
    {
        var row = new MetricsDocument
        {
            SystemId = metrics.SystemId,
            Month = metrics.Month.ToString(),
            P1 = Tickets(metrics.P1),
            P2 = Tickets(metrics.P2),
            P3 = Tickets(metrics.P3),
            P4 = Tickets(metrics.P4),
        };
        foreach (var measure in Domain.Metrics.Measures.All)
        {
            row[measure] = metrics.ValueOf(measure);
        }

        return row;
    }

    private static Domain.Metrics.TicketStats Tickets(TicketsDocument? t) =>
        t is null ? Domain.Metrics.TicketStats.None : new Domain.Metrics.TicketStats(t.Count, t.TotalResolutionHours, t.AverageUsersAffected);

    private static TicketsDocument? Tickets(Domain.Metrics.TicketStats t) =>
        t.Count is null && t.TotalResolutionHours is null && t.AverageUsersAffected is null
            ? null
            : new TicketsDocument { Count = t.Count, TotalResolutionHours = t.TotalResolutionHours, AverageUsersAffected = t.AverageUsersAffected };
}

public sealed class RestoreTestDocument
{
    public Guid Id { get; set; }

    public Guid SystemId { get; set; }

    public DateOnly TestedOn { get; set; }

    public bool Passed { get; set; }

    public decimal? MeasuredRecoveryHours { get; set; }

    public SourceDocument? Source { get; set; }
}
#pragma warning restore CA1002, CA2227
