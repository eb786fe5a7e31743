namespace BusinessValue.Web.Features.Systems;

/// <summary>A process that depends on the system, and the share d of its revenue that stops while the system is down.</summary>
public sealed record DependencyLine(string Process, decimal RevenueShare);
