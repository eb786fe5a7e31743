namespace BusinessValue.Web.Features.Home;

/// <summary>What the home page shows: who the organisation is, what it runs, and where its data lives.</summary>
public sealed record OrganisationOverview(
    string OrganisationName,
    bool IsDemo,
    string Currency,
    int SystemCount,
    int DepartmentCount,
    string DatabaseProvider,
    IReadOnlyList<SystemSummary> Systems);

public sealed record SystemSummary(Guid Id, string Name, string Category, string? Vendor, string Lifecycle);
