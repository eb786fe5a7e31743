namespace BusinessValue.Web.Features.Integrations;

/// <summary>One page of integrations and how many match in all.</summary>
public sealed record IntegrationListPage(IReadOnlyList<IntegrationRow> Rows, int Total, int Page, int PageSize, string Currency)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}
