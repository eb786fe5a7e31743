using BusinessValue.Domain.Integrations;

namespace BusinessValue.Web.Features.Integrations;

/// <summary>One integration as lists show it, with its manual cost a year (the engine's figure).</summary>
public sealed record IntegrationRow(Guid Id, string Name, Guid SourceSystemId, string SourceName, Guid TargetSystemId, string TargetName, IntegrationMode Mode, decimal TransfersPerMonth, decimal MinutesPerTransfer, decimal AnnualManualCost, int Version = 0);
