namespace BusinessValue.Web.Features.Systems;

/// <summary>The columns the inventory list sorts by.</summary>
public enum SystemListSort
{
    Name,
    Category,
    Lifecycle,
    StrategicFit,
    TotalCostOfOwnership,
}
