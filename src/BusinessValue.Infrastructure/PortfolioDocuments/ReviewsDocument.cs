namespace BusinessValue.Infrastructure.PortfolioDocuments;

// The optional "reviews" section of the portfolio document: the quarterly business value reviews and what they
// refer to (docs/portfolio-format.md#reviews). Present in exports; absent from frozen review documents, demo data
// and hand-written documents, whose import leaves the database's reviews as they are.
#pragma warning disable CA1002, CA2227 // Plain data carriers for System.Text.Json.

public sealed class ReviewsDocument
{
    /// <summary>The user accounts that own action items: named, so a restore into a fresh database keeps the joint accountability.</summary>
    public List<ReviewAccountDocument> Accounts { get; set; } = [];

    public List<ReviewDocument> Quarters { get; set; } = [];

    public List<ActionItemDocument> ActionItems { get; set; } = [];

    public List<TranslationRequestDocument> TranslationRequests { get; set; } = [];
}

public sealed class ReviewAccountDocument
{
    public Guid Id { get; set; }

    public string? UserName { get; set; }

    public string? DisplayName { get; set; }
}

public sealed class ReviewDocument
{
    public Guid Id { get; set; }

    public string? Quarter { get; set; }

    public DateOnly MeetingDate { get; set; }

    public string? Attendees { get; set; }

    public string? Status { get; set; }

    public string? CreatedBy { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? StartedAtUtc { get; set; }

    public string? ClosedBy { get; set; }

    public DateTime? ClosedAtUtc { get; set; }

    public string? ReopenedBy { get; set; }

    public DateTime? ReopenedAtUtc { get; set; }

    public string? ReopenReason { get; set; }

    public int AgendaEdits { get; set; }

    public List<AgendaItemDocument> Agenda { get; set; } = [];

    public List<ReviewDecisionDocument> Decisions { get; set; } = [];

    /// <summary>What closing froze, as stored: never recalculated on restore. Only a closed review has it.</summary>
    public FrozenReviewDocument? Frozen { get; set; }
}

public sealed class AgendaItemDocument
{
    public Guid Id { get; set; }

    public int Position { get; set; }

    public string? Kind { get; set; }

    public string? Title { get; set; }

    public string? Reason { get; set; }

    public string? Note { get; set; }

    public Guid? SystemId { get; set; }

    public Guid? ActionItemId { get; set; }

    public Guid? TranslationRequestId { get; set; }
}

public sealed class ReviewDecisionDocument
{
    public Guid Id { get; set; }

    public Guid SystemId { get; set; }

    public string? Suggested { get; set; }

    public string? Decision { get; set; }

    public string? Reason { get; set; }

    public string? Notes { get; set; }

    public string? DecidedBy { get; set; }

    public DateTime DecidedAtUtc { get; set; }
}

public sealed class FrozenReviewDocument
{
    public DateTime FrozenAtUtc { get; set; }

    /// <summary>The portfolio document as it was at closing, as text exactly as stored.</summary>
    public string? PortfolioDocument { get; set; }

    /// <summary>The quarter's headline figures as frozen, as text exactly as stored (exact decimals).</summary>
    public string? Figures { get; set; }

    /// <summary>The action items as shown at closing, as text exactly as stored.</summary>
    public string? ActionItems { get; set; }
}

public sealed class ActionItemDocument
{
    public Guid Id { get; set; }

    public Guid RaisedInReviewId { get; set; }

    public string? Title { get; set; }

    public Guid ItOwnerId { get; set; }

    public Guid BusinessOwnerId { get; set; }

    public DateOnly DueDate { get; set; }

    public string? Status { get; set; }

    public Guid? SystemId { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? DoneAtUtc { get; set; }

    public string? DoneBy { get; set; }
}

public sealed class TranslationRequestDocument
{
    public Guid Id { get; set; }

    public string? Title { get; set; }

    public string? TechnicalNeed { get; set; }

    public string? BusinessTranslation { get; set; }

    public Guid? ProcessId { get; set; }

    public DateOnly? NeededBy { get; set; }

    public decimal EstimatedImpact { get; set; }

    public List<Guid> SystemIds { get; set; } = [];

    public string? Status { get; set; }

    public string? DecisionNote { get; set; }

    public string? CreatedBy { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public SourceDocument? Source { get; set; }
}
#pragma warning restore CA1002, CA2227
