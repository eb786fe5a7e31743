using Bunit;
using BusinessValue.Web.Features.Home;
using Microsoft.AspNetCore.Components;

namespace BusinessValue.Web.Tests.Features.Home;

public sealed class SystemInventoryTests : MudComponentTest
{
    private static readonly SystemSummary[] Systems =
    [
        new(Guid.NewGuid(), "CRM", "Customer relationship management", "Salesforce", "Active"),
        new(Guid.NewGuid(), "ERP", "Enterprise resource planning", "SAP", "Active"),
        new(Guid.NewGuid(), "Legacy Quoting Tool", "Sales", null, "Phase-out"),
    ];

    private IRenderedComponent<SystemInventory> RenderInventory(IReadOnlyList<SystemSummary> systems) =>
        Context.Render<SystemInventory>(p => p.Add(c => c.Systems, systems));

    [Fact]
    public void Render_Collapsed_OffersToShowEverySystemWithoutListingThem()
    {
        var inventory = RenderInventory(Systems);

        inventory.Find("[data-testid=toggle-systems]").TextContent.Should().Contain("Show the 3 systems");
        inventory.FindAll("[data-testid=system-table]").Should().BeEmpty();
    }

    [Fact]
    public void Toggle_Clicked_ListsEachSystemWithCategoryVendorAndLifecycle()
    {
        var inventory = RenderInventory(Systems);

        inventory.Find("[data-testid=toggle-systems]").Click();

        var rows = inventory.FindAll("[data-testid=system-table] tbody tr");
        rows.Should().HaveCount(3);
        rows[0].TextContent.Should().Contain("CRM").And.Contain("Customer relationship management").And.Contain("Salesforce");
        rows[2].TextContent.Should().Contain("Legacy Quoting Tool").And.Contain("—").And.Contain("Phase-out");
        inventory.Find("[data-testid=toggle-systems]").GetAttribute("aria-expanded").Should().Be("true");
    }

    [Fact]
    public void Toggle_ClickedTwice_HidesTheListAgain()
    {
        var inventory = RenderInventory(Systems);

        inventory.Find("[data-testid=toggle-systems]").Click();
        inventory.Find("[data-testid=toggle-systems]").Click();

        inventory.FindAll("[data-testid=system-table]").Should().BeEmpty();
        inventory.Find("[data-testid=toggle-systems]").TextContent.Should().Contain("Show the 3 systems");
    }

    [Fact]
    public void Render_NoSystems_SaysSoAndCannotBeExpanded()
    {
        var inventory = RenderInventory([]);

        inventory.Find("[data-testid=no-systems]").TextContent.Should().Be("No systems recorded yet.");
        inventory.Find("[data-testid=toggle-systems]").HasAttribute("disabled").Should().BeTrue();
    }

    [Fact]
    public void Render_BeforeTheCircuitConnects_TheButtonWaits()
    {
        Context.SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var inventory = RenderInventory(Systems);

        inventory.Find("[data-testid=toggle-systems]").HasAttribute("disabled").Should().BeTrue();
    }
}
