using Bunit;
using BusinessValue.Domain.Organisation;
using BusinessValue.Domain.Processes;
using BusinessValue.Domain.Systems;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Testing;
using BusinessValue.Web.Features.Systems;
using BusinessValue.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Web.Tests.Features.Systems;

public sealed class SystemRecordsTabsTests() : MudComponentTest(BusinessPageServices.Add)
{
    private TestDatabase? _database;

    /// <summary>ERP, and one process of the Sales department that loses 40% of its revenue while ERP is down.</summary>
    private async Task<(IRenderedComponent<SystemRecordsTabs> Tabs, Guid Erp, Guid Process)> RenderAsync(string role, params string[] policies)
    {
        _database = await BusinessPageServices.Of(Context).UseAsync(role, policies);
        var erp = new ItSystem(Guid.NewGuid(), "ERP", "ERP", null, Lifecycle.Active, StrategicFit.SupportsStrategy, DateTime.UtcNow);
        var sales = new Department(Guid.NewGuid(), "Sales", 20);
        var process = new BusinessProcess(Guid.NewGuid(), "Order to cash", sales.Id, 1_000_000m, 50m, StrategicImportance.High);
        await using (var db = _database.CreateContext())
        {
            db.Systems.Add(erp);
            db.Departments.Add(sales);
            db.Processes.Add(process);
            db.Dependencies.Add(new Dependency(process.Id, erp.Id, 0.4m));
            await db.SaveChangesAsync();
        }

        var tabs = Context.Render<SystemRecordsTabs>(p => p.Add(t => t.SystemId, erp.Id));
        tabs.WaitForAssertion(() => tabs.FindAll("[data-testid=dependency-row]").Should().ContainSingle());
        return (tabs, erp.Id, process.Id);
    }

    [Fact]
    public async Task DependenciesTab_Administrator_ChangesAProcesssShareFromTheSystemSide()
    {
        var (tabs, erp, process) = await RenderAsync(Roles.Administrator, AccessPolicies.EditInventory, AccessPolicies.EditBusinessData);

        tabs.Find("[data-testid=dependency-editor]").TextContent.Should().Contain("Processes that depend on this system").And.Contain("Order to cash");
        tabs.Find("[data-testid=dependency-row] input").Input("60");
        tabs.FindAll("[data-testid=dependency-row] button").Single(b => b.TextContent.Contains("Save share", StringComparison.Ordinal)).Click();

        tabs.WaitForAssertion(() => tabs.FindAll("[data-testid=dependency-row] input").Single().GetAttribute("value").Should().Be("60"));
        await using var db = _database!.CreateContext();
        (await db.Dependencies.SingleAsync(d => d.ProcessId == process && d.SystemId == erp)).RevenueShare.Should().Be(0.6m);
    }

    [Fact]
    public async Task DependenciesTab_ItDirector_SeesTheShareReadOnly()
    {
        var (tabs, _, _) = await RenderAsync(Roles.ItDirector, AccessPolicies.EditInventory);

        var row = tabs.Find("[data-testid=dependency-row]");
        row.TextContent.Should().Contain("Order to cash").And.Contain("40");
        row.QuerySelectorAll("input").Should().BeEmpty();
        row.QuerySelectorAll("button").Should().BeEmpty();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
