using BusinessValue.Domain.Engine;

namespace BusinessValue.Web.Features.Scorecard;

/// <summary>One system's page: its figures, and what IT reported for the period, side by side.</summary>
public sealed record SystemScorecardView(
    string Currency,
    Domain.Engine.Scorecard Scorecard,
    SystemScorecard System,
    string Category,
    string? Vendor,
    string? ItOwner,
    string? BusinessOwner,
    TechnicalReport Reported,
    IReadOnlyList<string> Processes)
{
    /// <summary>The system's spend, leaks and scores over the eight quarters up to the period's.</summary>
    public IReadOnlyList<QuarterTrend> Trend { get; init; } = [];

    /// <summary>The manual work recorded against this system, in plain sentences.</summary>
    public IReadOnlyList<string> Workarounds { get; init; } = [];

    /// <summary>The data flows in and out of this system, manual ones first.</summary>
    public IReadOnlyList<string> Integrations { get; init; } = [];

    /// <summary>The departments whose processes or workarounds involve this system.</summary>
    public IReadOnlyList<string> Departments { get; init; } = [];
}

/// <summary>The technical metrics as IT reports them, folded over the period (means and sums as in docs/formulas.md).</summary>
public sealed record TechnicalReport(
    decimal? UptimePercent,
    decimal? DowntimeMinutes,
    decimal? PeakDegradedMinutes,
    int? Tickets,
    decimal? TicketSlaPercent,
    decimal? PatchPercent,
    decimal? BlockedHours,
    decimal? BackupPercent,
    decimal? ActiveUsers,
    int? IntendedUsers,
    DateOnly? LastRestoreTest);
