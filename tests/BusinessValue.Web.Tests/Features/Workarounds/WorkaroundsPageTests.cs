using Bunit;
using BusinessValue.Domain.Organisation;
using BusinessValue.Domain.Workarounds;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Testing;
using BusinessValue.Web.Features.Workarounds;
using BusinessValue.Web.Security;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace BusinessValue.Web.Tests.Features.Workarounds;

public sealed class WorkaroundsPageTests() : MudComponentTest(BusinessPageServices.Add)
{
    private TestDatabase? _database;
    private Guid _sales;

    /// <summary>Sales at 60 per hour with one open workaround: 2 people × 1 h × 46 weeks × 60 + 0 = 5,520 a year.</summary>
    private async Task<IRenderedComponent<WorkaroundsPage>> RenderAsync()
    {
        _database = await BusinessPageServices.Of(Context).UseAsync(Roles.Administrator, AccessPolicies.EditBusinessData);
        await using (var db = _database.CreateContext())
        {
            db.Organisation.Add(new OrganisationSettings("Fabrikam", DateTime.UtcNow));
            var sales = new Department(Guid.NewGuid(), "Sales", 20, 60m);
            _sales = sales.Id;
            db.Departments.Add(sales);
            db.Workarounds.Add(new Workaround(Guid.NewGuid(), "Quotes re-typed", sales.Id, WorkaroundKind.DuplicateDataEntry, 2, 1m, 0m, []));
            await db.SaveChangesAsync();
        }

        Context.Render<MudPopoverProvider>();
        var page = Context.Render<WorkaroundsPage>();
        page.WaitForAssertion(() => page.FindAll("[data-testid=workaround-row]").Should().HaveCount(1));
        return page;
    }

    [Fact]
    public async Task Type_PeopleAndHoursOfANewWorkaround_ItsCostAndTheTotalFollowAsTyped()
    {
        var page = await RenderAsync();
        page.Find("[data-testid=workarounds-total]").TextContent.Should().Be("Total: 5,520 USD per year");

        page.Find("button[data-testid=add-workaround]").Click();
        page.Find("input#workaround-people").Input("3");
        page.Find("input#workaround-hours").Input("2.5");

        // 3 × 2.5 h × 46 weeks × 60 (Sales' own rate) = 20,700; with the 5,520 already recorded, 26,220.
        page.WaitForAssertion(() => page.Find("[data-testid=workaround-annual-cost]").TextContent.Should().Contain("20,700 USD"));
        page.Find("[data-testid=workarounds-total]").TextContent.Should().Be("Total: 26,220 USD per year");
    }

    [Fact]
    public async Task Type_HoursAboveAWeek_ShowsTheDomainsMessageAndSaveAddsNothing()
    {
        var page = await RenderAsync();
        page.Find("button[data-testid=add-workaround]").Click();
        page.Find("input#workaround-description").Input("Stock counted twice");
        page.Find("input#workaround-hours").Input("200");

        page.Find("button[data-testid=save-workaround]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=workaround-form]").TextContent.Should().Contain("must be between 0 and 168 (it is 200)."));
        await using var db = _database!.CreateContext();
        (await db.Workarounds.CountAsync()).Should().Be(1);
        (await db.Workarounds.SingleAsync()).DepartmentId.Should().Be(_sales);
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
