using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Testing;
using BusinessValue.Testing.Circuits;

namespace BusinessValue.EndToEnd;

/// <summary>The app on Kestrel with a small synthetic portfolio and a signed-in executive, shared by a class's circuit tests.</summary>
public sealed class ScorecardCircuitApp : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private BusinessValueAppFactory _app = null!;

    public Uri Address { get; private set; } = null!;

    public CircuitSession Session { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await _database.MigrateAsync();
        await using (var db = _database.CreateContext())
        {
            // Months up to 2026-09: the page opens on 2026-Q3 and can navigate to 2026-Q2.
            await PortfolioStore.ReplaceAsync(db, SyntheticPortfolio.Generate(40, 12, seed: 7, new YearMonth(2026, 9)));
        }

        _app = new BusinessValueAppFactory(_database);
        Address = _app.StartKestrel();
        Session = await CircuitSession.SignInAsync(Address, await _app.EnsureUserAsync(Roles.Executive), BusinessValueAppFactory.Password);
    }

    public async Task DisposeAsync()
    {
        Session.Dispose();
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }
}
