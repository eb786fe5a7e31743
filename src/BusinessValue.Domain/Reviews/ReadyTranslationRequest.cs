namespace BusinessValue.Domain.Reviews;

/// <summary>A translation request marked ready for decision, as the agenda needs it.</summary>
public sealed record ReadyTranslationRequest(Guid Id, string Title, IReadOnlyList<Guid> SystemIds, decimal EstimatedImpact);
