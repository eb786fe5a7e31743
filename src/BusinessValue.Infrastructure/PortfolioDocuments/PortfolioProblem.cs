namespace BusinessValue.Infrastructure.PortfolioDocuments;

/// <summary>One thing wrong with a portfolio document: where (a JSON path such as $.systems[3].name) and why.</summary>
public sealed record PortfolioProblem(string Path, string Reason)
{
    public override string ToString() => $"{Path}: {Reason}";
}
