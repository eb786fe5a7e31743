namespace BusinessValue.Domain.Systems;

/// <summary>A system's yearly cost lines; their sum is the total cost of ownership (TCO).</summary>
public sealed record AnnualCosts
{
    public static readonly AnnualCosts None = new(0m, 0m, 0m, 0m);

    public AnnualCosts(decimal licences, decimal infrastructure, decimal supportStaff, decimal other)
    {
        Licences = Guard.NotNegative(licences, "Licence cost");
        Infrastructure = Guard.NotNegative(infrastructure, "Infrastructure cost");
        SupportStaff = Guard.NotNegative(supportStaff, "Support staff cost");
        Other = Guard.NotNegative(other, "Other cost");
    }

    public decimal Licences { get; init; }

    public decimal Infrastructure { get; init; }

    public decimal SupportStaff { get; init; }

    public decimal Other { get; init; }

    public decimal TotalCostOfOwnership => Licences + Infrastructure + SupportStaff + Other;
}
