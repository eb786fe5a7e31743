using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Reviews;

namespace BusinessValue.Web.Features.Reviews;

/// <summary>The plan of a review: its quarter ("2026-Q3"), meeting date and attendees; <see cref="Version"/> as read.</summary>
public sealed class ReviewForm
{
    public string Quarter { get; set; } = string.Empty;

    public DateOnly MeetingDate { get; set; }

    public string? Attendees { get; set; }

    public int Version { get; set; }

    /// <summary>Domain field names and the form's property each refusal is shown beside.</summary>
    internal static IReadOnlyDictionary<string, string> DomainFields { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Quarter"] = nameof(Quarter),
        ["Period"] = nameof(Quarter),
        ["Attendees"] = nameof(Attendees),
    };
}

/// <summary>A review as lists and pages show it.</summary>
public sealed record ReviewSummary(
    Guid Id,
    string Quarter,
    DateOnly MeetingDate,
    string? Attendees,
    ReviewStatus Status,
    string CreatedBy,
    DateTime CreatedAtUtc,
    DateTime? StartedAtUtc,
    string? ClosedBy,
    DateTime? ClosedAtUtc,
    string? ReopenedBy,
    DateTime? ReopenedAtUtc,
    string? ReopenReason,
    int Version)
{
    public bool IsClosed => Status == ReviewStatus.Closed;

    internal static ReviewSummary From(Review r, int version) => new(r.Id, r.Quarter.Label, r.MeetingDate, r.Attendees, r.Status, r.CreatedBy, r.CreatedAtUtc,
        r.StartedAtUtc, r.ClosedBy, r.ClosedAtUtc, r.ReopenedBy, r.ReopenedAtUtc, r.ReopenReason, version);
}

/// <summary>One agenda item in its place.</summary>
public sealed record AgendaRow(Guid Id, int Position, AgendaItemKind Kind, string Title, string Reason, string? Note, Guid? SystemId, Guid? ActionItemId, Guid? TranslationRequestId);

/// <summary>A review with its agenda in order.</summary>
public sealed record ReviewDetails(ReviewSummary Review, IReadOnlyList<AgendaRow> Agenda);

/// <summary>One system's TIME decision in a review: the suggestion from its quadrant, and what was decided (null: not yet).</summary>
public sealed record DecisionRow(
    Guid SystemId,
    string SystemName,
    Quadrant? Quadrant,
    TimeDecision? Suggested,
    TimeDecision? Decision,
    string? Reason,
    string? Notes,
    string? DecidedBy,
    DateTime? DecidedAtUtc,
    int Version);

/// <summary>The decision form for one system; <see cref="Version"/> is the decision's as read (0 for a first decision).</summary>
public sealed class DecisionForm
{
    public Guid SystemId { get; set; }

    public TimeDecision Decision { get; set; }

    public string? Reason { get; set; }

    public string? Notes { get; set; }

    public int Version { get; set; }

    internal static IReadOnlyDictionary<string, string> DomainFields { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Reason"] = nameof(Reason),
        ["Notes"] = nameof(Notes),
    };
}

/// <summary>An action item's form; owners are user accounts (<see cref="ActionItems.OwnersAsync"/>).</summary>
public sealed class ActionItemForm
{
    public string Title { get; set; } = string.Empty;

    public Guid? ItOwnerId { get; set; }

    public Guid? BusinessOwnerId { get; set; }

    public DateOnly DueDate { get; set; }

    public Guid? SystemId { get; set; }

    public int Version { get; set; }

    internal static IReadOnlyDictionary<string, string> DomainFields { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Title"] = nameof(Title),
        ["IT owner"] = nameof(ItOwnerId),
        ["Business owner"] = nameof(BusinessOwnerId),
    };
}

/// <summary>A user account that can own action items.</summary>
public sealed record OwnerChoice(Guid Id, string Name);

/// <summary>
/// An action item as a review or "my actions" shows it. <see cref="IsCarried"/>: raised in an earlier review and
/// still open; <see cref="IsOverdue"/>: due before today and not done.
/// </summary>
public sealed record ActionItemRow(
    Guid Id,
    string Title,
    Guid ItOwnerId,
    string ItOwner,
    Guid BusinessOwnerId,
    string BusinessOwner,
    DateOnly DueDate,
    ActionItemStatus Status,
    Guid? SystemId,
    string? SystemName,
    Guid RaisedInReviewId,
    string RaisedInQuarter,
    bool IsCarried,
    bool IsOverdue,
    DateTime? DoneAtUtc,
    string? DoneBy,
    int Version,
    bool MayChangeStatus);
