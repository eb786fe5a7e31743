namespace BusinessValue.Domain.Reviews;

/// <summary>
/// Something a review decided to do, owned jointly by an IT owner and a business owner (both user accounts):
/// the accountability is shared. Open items carry into every later review until done.
/// </summary>
public sealed class ActionItem
{
    public const int TitleMaxLength = 300;
    public const int NameMaxLength = 256;

    private ActionItem()
    {
        Title = string.Empty;
    }

    public ActionItem(Guid id, Guid raisedInReviewId, string title, Guid itOwnerId, Guid businessOwnerId, DateOnly dueDate, Guid? systemId, DateTime createdAtUtc)
    {
        Id = id;
        RaisedInReviewId = raisedInReviewId;
        CreatedAtUtc = createdAtUtc;
        Title = string.Empty;
        Status = ActionItemStatus.Open;
        Describe(title, itOwnerId, businessOwnerId, dueDate, systemId);
    }

    public Guid Id { get; private set; }

    public Guid RaisedInReviewId { get; private set; }

    public string Title { get; private set; }

    /// <summary>The IT owner's user account.</summary>
    public Guid ItOwnerId { get; private set; }

    /// <summary>The business owner's user account.</summary>
    public Guid BusinessOwnerId { get; private set; }

    public DateOnly DueDate { get; private set; }

    public ActionItemStatus Status { get; private set; }

    public Guid? SystemId { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime? DoneAtUtc { get; private set; }

    public string? DoneBy { get; private set; }

    public ActionItem Describe(string title, Guid itOwnerId, Guid businessOwnerId, DateOnly dueDate, Guid? systemId)
    {
        Title = Guard.Text(title, "Title", TitleMaxLength);
        ItOwnerId = itOwnerId != Guid.Empty ? itOwnerId : throw new DomainRuleException("IT owner", "is required: an action item is owned jointly by IT and the business.");
        BusinessOwnerId = businessOwnerId != Guid.Empty ? businessOwnerId : throw new DomainRuleException("Business owner", "is required: an action item is owned jointly by IT and the business.");
        DueDate = dueDate;
        SystemId = systemId;
        return this;
    }

    public void ChangeStatus(ActionItemStatus status, string by, DateTime atUtc)
    {
        if (status == Status)
        {
            return;
        }

        Status = status;
        (DoneAtUtc, DoneBy) = status == ActionItemStatus.Done ? (atUtc, Guard.Text(by, "Done by", NameMaxLength)) : ((DateTime?)null, (string?)null);
    }

    public bool IsDone => Status == ActionItemStatus.Done;

    /// <summary>Overdue: due before <paramref name="today"/> and not done.</summary>
    public bool IsOverdue(DateOnly today) => !IsDone && DueDate < today;

    public bool IsOwnedBy(Guid userId) => userId != Guid.Empty && (ItOwnerId == userId || BusinessOwnerId == userId);

    public ActionItemState State() => new(Id, RaisedInReviewId, Title, ItOwnerId, BusinessOwnerId, DueDate, Status, SystemId, DoneAtUtc, DoneBy);
}
