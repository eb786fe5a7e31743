namespace BusinessValue.Domain.Reviews;

public enum ActionItemStatus
{
    Open,
    InProgress,
    Done,
}
