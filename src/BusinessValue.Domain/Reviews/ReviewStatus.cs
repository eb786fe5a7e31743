namespace BusinessValue.Domain.Reviews;

/// <summary>Where a quarterly review stands: prepared, being held, or closed with its figures frozen.</summary>
public enum ReviewStatus
{
    Draft,
    InProgress,
    Closed,
}
