using Bunit;
using Bunit.TestDoubles;
using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Persistence;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Testing;
using BusinessValue.Web.Features.Systems;
using BusinessValue.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BusinessValue.Web.Tests.Features.Systems;

/// <summary>The systems list as a component on a real database of 300 systems: what one render costs, and what the address asks for.</summary>
public sealed class SystemsPageTests : MudComponentTest, IAsyncLifetime
{
    private readonly ContextFactory _contexts;
    private TestDatabase _database = null!;

    public SystemsPageTests()
        : this(new ContextFactory())
    {
    }

    private SystemsPageTests(ContextFactory contexts)
        : base(context =>
        {
            context.Services.AddSingleton<IDbContextFactory<BusinessValueDbContext>>(contexts).AddScoped<SystemListing>();
            contexts.Authorization = context.AddAuthorization();
        }) => _contexts = contexts;

    async Task IAsyncLifetime.InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await _database.MigrateAsync();
        await using (var db = _database.CreateContext())
        {
            await PortfolioStore.ReplaceAsync(db, SyntheticPortfolio.Generate(300, 1, seed: 4, new YearMonth(2026, 9)));
        }

        _contexts.Database = _database;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _database.DisposeAsync();
    }

    private IRenderedComponent<SystemsPage> RenderAt(string address, params string[] policies)
    {
        _contexts.Authorization!.SetAuthorized("reader").SetPolicies(policies);
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo(address);
        Context.Render<MudPopoverProvider>();
        var page = Context.Render<SystemsPage>();
        page.WaitForElement("[data-testid=systems-table]");
        return page;
    }

    [Fact]
    public void Render_FiftyRowsAPage_BuildsFarFewerThanAThousandComponents()
    {
        var page = RenderAt("/systems?size=50");

        page.FindAll("[data-testid=system-row]").Should().HaveCount(50);
        // Rows are plain markup: the filters and the table are the components, whatever the page size.
        // About 75 today; a component per cell would add 350, a component per row 50.
        page.FindComponents<IComponent>().Count.Should().BeInRange(20, 120);
    }

    [Fact]
    public void Render_AddressAsksForThirdPageByCostDescending_ShowsThoseRowsAndLinksOnward()
    {
        List<string> expected;
        using (var db = _database.CreateContext())
        {
            expected = db.Systems.AsNoTracking().AsEnumerable().OrderByDescending(s => s.TotalCostOfOwnership).Skip(50).Take(25).Select(s => s.Name).ToList();
        }

        var page = RenderAt("/systems?sort=TotalCostOfOwnership&desc=true&page=3");

        page.FindAll("[data-testid=system-name]").Select(n => n.TextContent).Should().SatisfyRespectively(expected.Select<string, Action<string>>(name => text => text.Should().StartWith(name)));
        page.Find("[data-testid=page-number]").TextContent.Should().Be("Page 3 of 12");
        page.Find("[data-testid=page-next]").GetAttribute("href").Should().Contain("page=4").And.Contain("sort=TotalCostOfOwnership").And.Contain("desc=true");
        page.Find("[data-testid=sort-tco]").TextContent.Should().EndWith("▼");
    }

    [Fact]
    public void Render_ReaderWhoMayNotEditTheInventory_SeesNoNewButtonNorEditLinks()
    {
        var reader = RenderAt("/systems");

        reader.FindAll("[data-testid=new-system]").Should().BeEmpty();
        reader.FindAll("[data-testid=edit-link]").Should().BeEmpty();
    }

    [Fact]
    public void Render_InventoryEditor_SeesTheNewButtonAndAnEditLinkPerRow()
    {
        var editor = RenderAt("/systems", AccessPolicies.EditInventory);

        editor.FindAll("[data-testid=new-system]").Should().ContainSingle();
        editor.FindAll("[data-testid=edit-link]").Should().HaveCount(25);
    }

    // Registered before the database exists (bUnit takes services only before the first render); pointed at it once made.
    private sealed class ContextFactory : IDbContextFactory<BusinessValueDbContext>
    {
        public TestDatabase? Database { get; set; }

        public BunitAuthorizationContext? Authorization { get; set; }

        public BusinessValueDbContext CreateDbContext() => Database!.CreateContext();
    }
}
