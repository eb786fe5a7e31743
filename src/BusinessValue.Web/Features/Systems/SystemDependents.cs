namespace BusinessValue.Web.Features.Systems;

/// <summary>What depends on a system, as the delete confirmation names it.</summary>
public sealed record SystemDependents(string Name, int Version, int Dependencies, int Integrations, int Workarounds, int MonthsOfMetrics, int RestoreTests);
