namespace BusinessValue.Web.Features.Systems;

/// <summary>One page of the inventory and how many systems match in all.</summary>
public sealed record SystemListPage(IReadOnlyList<SystemListRow> Rows, int Total, int Page, int PageSize, string Currency)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}
