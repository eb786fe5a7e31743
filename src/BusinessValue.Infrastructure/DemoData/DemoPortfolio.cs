using BusinessValue.Domain.Engine;
using BusinessValue.Infrastructure.PortfolioDocuments;

namespace BusinessValue.Infrastructure.DemoData;

/// <summary>The demo organisation shipped with the app, as a portfolio document embedded in this assembly.</summary>
public static class DemoPortfolio
{
    private const string ResourceName = "BusinessValue.DemoPortfolio.json";

    public static string Json()
    {
        using var stream = typeof(DemoPortfolio).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The demo document {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static Portfolio Load(DateTime nowUtc)
    {
        var result = PortfolioDocumentReader.Read(Json(), nowUtc);
        return result.Portfolio
            ?? throw new InvalidOperationException($"The shipped demo document is invalid: {string.Join("; ", result.Problems)}");
    }
}
