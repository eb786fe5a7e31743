using BusinessValue.Infrastructure.Persistence;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Testing;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Infrastructure.Tests.PortfolioDocuments;

/// <summary>Contexts as the app makes them: committed writes are told to the snapshots (PortfolioCommitObserver).</summary>
internal static class ObservedContexts
{
    public static Func<BusinessValueDbContext> Of(TestDatabase database, PortfolioSnapshots snapshots)
    {
        var options = new DbContextOptionsBuilder<BusinessValueDbContext>();
        database.Options.Apply(options).AddInterceptors(new PortfolioCommitObserver(snapshots));
        return () => new BusinessValueDbContext((DbContextOptions<BusinessValueDbContext>)options.Options);
    }
}
