namespace BusinessValue.Domain.Reviews;

/// <summary>An action item as it stood at one moment: what a closed review froze, and what the agenda and comparison read.</summary>
public sealed record ActionItemState(
    Guid Id,
    Guid RaisedInReviewId,
    string Title,
    Guid ItOwnerId,
    Guid BusinessOwnerId,
    DateOnly DueDate,
    ActionItemStatus Status,
    Guid? SystemId,
    DateTime? DoneAtUtc,
    string? DoneBy)
{
    public bool IsDone => Status == ActionItemStatus.Done;

    public bool IsOverdue(DateOnly today) => !IsDone && DueDate < today;
}
