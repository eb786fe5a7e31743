using Bunit;
using BusinessValue.Domain.Organisation;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Testing;
using BusinessValue.Web.Features.Departments;
using BusinessValue.Web.Security;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace BusinessValue.Web.Tests.Features.Departments;

public sealed class DepartmentsManagePageTests() : MudComponentTest(BusinessPageServices.Add)
{
    private TestDatabase? _database;

    private async Task<IRenderedComponent<DepartmentsManagePage>> RenderAsAdministratorAsync()
    {
        _database = await BusinessPageServices.Of(Context).UseAsync(Roles.Administrator, AccessPolicies.EditBusinessData, AccessPolicies.ManageSettings);
        await using (var db = _database.CreateContext())
        {
            db.Departments.Add(new Department(Guid.NewGuid(), "Sales", 40, 65m));
            await db.SaveChangesAsync();
        }

        Context.Render<MudPopoverProvider>();
        var page = Context.Render<DepartmentsManagePage>();
        page.WaitForAssertion(() => page.FindAll("[data-testid=department-row]").Should().HaveCount(1));
        return page;
    }

    [Fact]
    public async Task Type_NegativeHeadcountAndRate_ShowsTheDomainsMessageBesideEachField()
    {
        var page = await RenderAsAdministratorAsync();
        page.Find("button[data-testid=add-department]").Click();

        page.Find("input#department-headcount").Input("-3");
        page.Find("input#department-rate").Input("-1");

        page.WaitForAssertion(() =>
        {
            var messages = page.FindAll(".mud-input-helper-text.mud-input-error, .mud-input-error").Select(e => e.TextContent).ToList();
            messages.Should().Contain(m => m.Contains("must be between 0 and 1000000 (it is -3)", StringComparison.Ordinal));
            messages.Should().Contain(m => m.Contains("must be zero or more (it is -1)", StringComparison.Ordinal));
        });
    }

    [Fact]
    public async Task Save_NameOfAnExistingDepartment_SaysWhichFieldAndAddsNothing()
    {
        var page = await RenderAsAdministratorAsync();
        page.Find("button[data-testid=add-department]").Click();
        page.Find("input#department-name").Input("Sales");
        page.Find("input#department-headcount").Input("5");

        page.Find("button[data-testid=save-department]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=edit-problem]").TextContent.Should().Contain("Name: another department is already called \"Sales\"").And.Contain("Nothing was changed"));
        await using var db = _database!.CreateContext();
        (await db.Departments.CountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task Save_NewDepartment_IsListedWithItsLabourRate()
    {
        var page = await RenderAsAdministratorAsync();
        page.Find("button[data-testid=add-department]").Click();
        page.Find("input#department-name").Input("Customer service");
        page.Find("input#department-headcount").Input("12");
        page.Find("input#department-rate").Input("42.5");

        page.Find("button[data-testid=save-department]").Click();

        page.WaitForAssertion(() => page.FindAll("[data-testid=department-row]").Should().HaveCount(2));
        page.FindAll("[data-testid=department-row]")[0].TextContent.Should().Contain("Customer service").And.Contain("42.5 USD");
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
