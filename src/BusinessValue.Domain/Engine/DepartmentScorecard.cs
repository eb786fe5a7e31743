namespace BusinessValue.Domain.Engine;

/// <summary>What one department loses to workarounds in the period, and to which systems.</summary>
public sealed record DepartmentScorecard(Guid DepartmentId, string Name, Figure WorkaroundCost, IReadOnlyDictionary<Guid, decimal> WorkaroundCostBySystem);
