using BusinessValue.Domain.Periods;
using BusinessValue.Domain.Systems;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Persistence;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Testing;
using BusinessValue.Web.Features.Systems;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Web.Tests.Features.Systems;

/// <summary>The inventory list on an inventory of 10,000 systems: one page travels, the database does the rest.</summary>
public sealed class SystemListingTests
{
    private static async Task<TestDatabase> InventoryAsync(DatabaseProvider provider, int systems)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        await using var db = database.CreateContext();
        await PortfolioStore.ReplaceAsync(db, SyntheticPortfolio.Generate(systems, 1, seed: 5, new YearMonth(2026, 9)));
        return database;
    }

    private static SystemListing ListingOn(TestDatabase database) => new(new ContextFactory(database));

    [Theory, ClassData(typeof(BothProviders))]
    public async Task PageAsync_TenThousandSystems_ReturnsOnePageInNameOrderAndCountsThemAll(DatabaseProvider provider)
    {
        await using var database = await InventoryAsync(provider, 10_000);
        List<string> firstNames;
        await using (var db = database.CreateContext())
        {
            // The database's own collation decides the order (PostgreSQL's follows its locale); the page must be its third 25.
            var names = await db.Systems.OrderBy(s => s.Name).Select(s => s.Name).ToListAsync();
            firstNames = names.Skip(50).Take(25).ToList();
        }

        var page = await ListingOn(database).PageAsync(new SystemListQuery { Page = 3, PageSize = 25 });

        page.Total.Should().Be(10_000);
        page.PageCount.Should().Be(400);
        page.Page.Should().Be(3);
        page.Rows.Should().HaveCount(25);
        page.Rows.Select(r => r.Name).Should().Equal(firstNames);
        page.Currency.Should().Be("USD");
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task PageAsync_SortedByTotalCostDescending_StartsWithTheCostliestAndSumsTheFourLines(DatabaseProvider provider)
    {
        await using var database = await InventoryAsync(provider, 300);
        List<(string Name, decimal Total)> expected;
        await using (var db = database.CreateContext())
        {
            var systems = await db.Systems.AsNoTracking().ToListAsync();
            expected = systems.OrderByDescending(s => s.TotalCostOfOwnership).ThenBy(s => s.Name, StringComparer.Ordinal)
                .Take(10).Select(s => (s.Name, s.TotalCostOfOwnership)).ToList();
        }

        var page = await ListingOn(database).PageAsync(new SystemListQuery { Sort = SystemListSort.TotalCostOfOwnership, Descending = true, PageSize = 10 });

        page.Rows.Select(r => (r.Name, r.TotalCostOfOwnership)).Should().Equal(expected);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task PageAsync_SearchInAnyCaseAndFilters_ReturnsOnlyMatchingSystems(DatabaseProvider provider)
    {
        await using var database = await InventoryAsync(provider, 300);
        ItSystem sample;
        List<ItSystem> all;
        await using (var db = database.CreateContext())
        {
            all = await db.Systems.AsNoTracking().ToListAsync();
            sample = all.First(s => s.Vendor is not null);
        }

        var words = sample.Vendor![1..^1].ToUpperInvariant();
        var expected = all.Where(s => Contains(s.Name, words) || Contains(s.Vendor, words) || Contains(s.ItOwner, words) || Contains(s.BusinessOwner, words))
            .Where(s => s.Lifecycle == sample.Lifecycle && s.Category == sample.Category)
            .Select(s => s.Id).ToList();

        var page = await ListingOn(database).PageAsync(new SystemListQuery { Search = words, Lifecycle = sample.Lifecycle, Category = sample.Category, PageSize = 50 });

        page.Rows.Select(r => r.Id).Should().BeEquivalentTo(expected.Take(50)).And.Contain(sample.Id);
        page.Total.Should().Be(expected.Count);
        page.Rows.Should().AllSatisfy(r => r.Lifecycle.Should().Be(sample.Lifecycle));
    }

    [Fact]
    public async Task PageAsync_PageBeyondTheLastAndOversizedPage_GivesTheLastPageOfAtMostFifty()
    {
        await using var database = await InventoryAsync(DatabaseProvider.Sqlite, 120);

        var page = await ListingOn(database).PageAsync(new SystemListQuery { Page = 99, PageSize = 5_000 });

        page.PageSize.Should().Be(SystemListQuery.MaxPageSize);
        page.Page.Should().Be(3);
        page.Rows.Should().HaveCount(20);
    }

    private static bool Contains(string? text, string words) => text is not null && text.Contains(words, StringComparison.OrdinalIgnoreCase);

    private sealed class ContextFactory(TestDatabase database) : IDbContextFactory<BusinessValueDbContext>
    {
        public BusinessValueDbContext CreateDbContext() => database.CreateContext();
    }
}
