using BusinessValue.Domain.Engine;

namespace BusinessValue.Domain.Reviews;

/// <summary>
/// A review's TIME decision for one system: the suggestion from the system's quadrant in the review's figures,
/// accepted or changed. A decision other than the suggestion (or with none) needs a reason.
/// </summary>
public sealed class ReviewDecision
{
    public const int ReasonMaxLength = 1000;
    public const int NotesMaxLength = 4000;
    public const int NameMaxLength = 256;

    private ReviewDecision()
    {
        DecidedBy = string.Empty;
    }

    public ReviewDecision(Guid id, Guid reviewId, Guid systemId)
    {
        Id = id;
        ReviewId = reviewId;
        SystemId = systemId;
        DecidedBy = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid ReviewId { get; private set; }

    public Guid SystemId { get; private set; }

    /// <summary>What the system's quadrant suggested when the decision was taken; null when it had no quadrant.</summary>
    public TimeDecision? Suggested { get; private set; }

    public TimeDecision Decision { get; private set; }

    public string? Reason { get; private set; }

    public string? Notes { get; private set; }

    public string DecidedBy { get; private set; }

    public DateTime DecidedAtUtc { get; private set; }

    public bool FollowsSuggestion => Suggested == Decision;

    /// <exception cref="DomainRuleException">Field "Reason": the decision differs from the suggestion and no reason is given.</exception>
    public ReviewDecision Decide(TimeDecision? suggested, TimeDecision decision, string? reason, string? notes, string by, DateTime atUtc)
    {
        var why = Guard.OptionalText(reason, "Reason", ReasonMaxLength);
        if (why is null && suggested != decision)
        {
            throw new DomainRuleException("Reason", suggested is { } s
                ? $"is required when the decision ({decision}) differs from the suggestion ({s}): say why the review decided otherwise."
                : $"is required for {decision}: the system has no quadrant in this review's figures, so there is no suggestion to follow.");
        }

        Suggested = suggested;
        Decision = decision;
        Reason = why;
        Notes = Guard.OptionalText(notes, "Notes", NotesMaxLength);
        DecidedBy = Guard.Text(by, "Decided by", NameMaxLength);
        DecidedAtUtc = atUtc;
        return this;
    }
}
