namespace BusinessValue.Infrastructure.PortfolioDocuments;

/// <summary>A sound document that this database cannot take as it is (e.g. an owner's sign-in name belongs to another account); nothing was changed.</summary>
public sealed class PortfolioRestoreException : Exception
{
    public PortfolioRestoreException()
        : this([])
    {
    }

    public PortfolioRestoreException(string message)
        : base(message) => Problems = [];

    public PortfolioRestoreException(string message, Exception innerException)
        : base(message, innerException) => Problems = [];

    public PortfolioRestoreException(IReadOnlyList<PortfolioProblem> problems)
        : base("The document cannot be restored into this database: " + string.Join("; ", problems ?? [])) => Problems = problems ?? [];

    public IReadOnlyList<PortfolioProblem> Problems { get; }
}
