using BusinessValue.Domain.Periods;

namespace BusinessValue.Domain.Reviews;

/// <summary>
/// The quarterly business value review of one quarter: the meeting where IT and business leaders look at the
/// portfolio together and decide. Draft → in progress → closed; closing freezes its figures (<see cref="FrozenReview"/>),
/// and only an administrator may reopen it, with a reason.
/// </summary>
public sealed class Review
{
    public const int AttendeesMaxLength = 2000;
    public const int ReasonMaxLength = 1000;
    public const int NameMaxLength = 256;

    private Review()
    {
        CreatedBy = string.Empty;
    }

    public Review(Guid id, Period quarter, DateOnly meetingDate, string? attendees, string createdBy, DateTime createdAtUtc)
    {
        ArgumentNullException.ThrowIfNull(quarter);
        if (quarter.Kind != PeriodKind.Quarter)
        {
            throw new DomainRuleException("Quarter", $"must be a quarter such as 2026-Q3 (it is {quarter.Label}).");
        }

        Id = id;
        QuarterStart = quarter.First;
        CreatedBy = Guard.Text(createdBy, "Created by", NameMaxLength);
        CreatedAtUtc = createdAtUtc;
        Status = ReviewStatus.Draft;
        Plan(meetingDate, attendees);
    }

    public Guid Id { get; private set; }

    /// <summary>The first month of the review's quarter (stored, sortable, unique).</summary>
    public YearMonth QuarterStart { get; private set; }

    /// <summary>The quarter the review looks at.</summary>
    public Period Quarter => Period.QuarterContaining(QuarterStart);

    public DateOnly MeetingDate { get; private set; }

    /// <summary>Who attends, as the facilitator writes it.</summary>
    public string? Attendees { get; private set; }

    public ReviewStatus Status { get; private set; }

    public string CreatedBy { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime? StartedAtUtc { get; private set; }

    public string? ClosedBy { get; private set; }

    public DateTime? ClosedAtUtc { get; private set; }

    public string? ReopenedBy { get; private set; }

    public DateTime? ReopenedAtUtc { get; private set; }

    public string? ReopenReason { get; private set; }

    /// <summary>How many times the agenda was built or edited: every edit changes the review, so two facilitators' edits conflict.</summary>
    public int AgendaEdits { get; private set; }

    public bool IsClosed => Status == ReviewStatus.Closed;

    public Review Plan(DateOnly meetingDate, string? attendees)
    {
        EnsureOpen();
        MeetingDate = meetingDate;
        Attendees = Guard.OptionalText(attendees, "Attendees", AttendeesMaxLength);
        return this;
    }

    /// <summary>Records that the agenda changed; only a draft's agenda may.</summary>
    public void AgendaChanged()
    {
        if (Status != ReviewStatus.Draft)
        {
            throw new DomainRuleException("Agenda", $"can only be changed while the review is a draft (it is {Describe(Status)}).");
        }

        AgendaEdits++;
    }

    /// <summary>Meeting mode: Draft → InProgress.</summary>
    public void Start(DateTime atUtc)
    {
        if (Status != ReviewStatus.Draft)
        {
            throw new DomainRuleException("Status", $"only a draft review can be started (this one is {Describe(Status)}).");
        }

        Status = ReviewStatus.InProgress;
        StartedAtUtc = atUtc;
    }

    /// <summary>InProgress → Closed; the caller freezes the figures in the same transaction.</summary>
    public void Close(string by, DateTime atUtc)
    {
        if (Status != ReviewStatus.InProgress)
        {
            throw new DomainRuleException("Status", $"only a review in progress can be closed (this one is {Describe(Status)}).");
        }

        Status = ReviewStatus.Closed;
        ClosedBy = Guard.Text(by, "Closed by", NameMaxLength);
        ClosedAtUtc = atUtc;
    }

    /// <summary>Closed → InProgress, with who, when and why; its frozen figures are dropped by the caller.</summary>
    public void Reopen(string by, DateTime atUtc, string reason)
    {
        if (Status != ReviewStatus.Closed)
        {
            throw new DomainRuleException("Status", $"only a closed review can be reopened (this one is {Describe(Status)}).");
        }

        ReopenReason = Guard.Text(reason, "Reason", ReasonMaxLength);
        ReopenedBy = Guard.Text(by, "Reopened by", NameMaxLength);
        ReopenedAtUtc = atUtc;
        Status = ReviewStatus.InProgress;
    }

    /// <exception cref="DomainRuleException">The review is closed: it is read-only.</exception>
    public void EnsureOpen()
    {
        if (IsClosed)
        {
            throw new DomainRuleException("Review", $"{Quarter.Label} is closed and read-only; an administrator can reopen it.");
        }
    }

    public static string Describe(ReviewStatus status) => status switch
    {
        ReviewStatus.Draft => "a draft",
        ReviewStatus.InProgress => "in progress",
        _ => "closed",
    };
}
