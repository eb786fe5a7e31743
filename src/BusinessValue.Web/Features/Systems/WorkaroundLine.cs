using BusinessValue.Domain.Workarounds;

namespace BusinessValue.Web.Features.Systems;

/// <summary>A workaround linked to the system.</summary>
public sealed record WorkaroundLine(string Description, string? Department, WorkaroundKind Kind, WorkaroundStatus Status, int People, decimal HoursPerPersonPerWeek);
