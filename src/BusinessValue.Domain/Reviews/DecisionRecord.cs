using BusinessValue.Domain.Engine;

namespace BusinessValue.Domain.Reviews;

/// <summary>A review's decision for one system, as the comparison reads it.</summary>
public sealed record DecisionRecord(Guid SystemId, TimeDecision Decision, string? Reason);
