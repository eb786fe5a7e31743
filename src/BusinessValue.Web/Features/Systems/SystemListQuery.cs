using BusinessValue.Domain.Systems;

namespace BusinessValue.Web.Features.Systems;

/// <summary>Which page of the inventory a reader asks for: filters, search, sort and page, as the list's address carries them.</summary>
public sealed record SystemListQuery
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 50;

    /// <summary>Words found in a system's name, vendor, IT owner or business owner (any case).</summary>
    public string? Search { get; init; }

    public Lifecycle? Lifecycle { get; init; }

    public StrategicFit? StrategicFit { get; init; }

    public string? Category { get; init; }

    public SystemListSort Sort { get; init; } = SystemListSort.Name;

    public bool Descending { get; init; }

    /// <summary>1-based.</summary>
    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = DefaultPageSize;
}
