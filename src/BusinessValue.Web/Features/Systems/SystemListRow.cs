using BusinessValue.Domain.Systems;

namespace BusinessValue.Web.Features.Systems;

/// <summary>One system as the inventory list shows it.</summary>
public sealed record SystemListRow(Guid Id, string Name, string Category, string? Vendor, Lifecycle Lifecycle, StrategicFit StrategicFit, string? ItOwner, string? BusinessOwner, decimal TotalCostOfOwnership);
