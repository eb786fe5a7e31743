namespace BusinessValue.Infrastructure.PortfolioDocuments;

/// <summary>
/// A counter raised by every write to the portfolio, in the same transaction. Readers compare it with the
/// version of their cached copy: one small query instead of loading the whole portfolio again.
/// </summary>
public sealed class PortfolioVersion
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public long Version { get; set; }
}
