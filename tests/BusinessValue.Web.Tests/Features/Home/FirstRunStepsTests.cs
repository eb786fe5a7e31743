using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Infrastructure.Persistence;
using BusinessValue.Testing;
using BusinessValue.Web.Features.Home;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BusinessValue.Web.Tests.Features.Home;

public sealed class FirstRunStepsTests
{
    [Fact]
    public async Task GetAsync_TheDemo_ShowsNoFirstRunSteps()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = app.Services.CreateScope().As(Roles.Administrator);

        var progress = await scope.ServiceProvider.GetRequiredService<FirstRunSteps>().GetAsync();

        progress.IsDemo.Should().BeTrue();
        progress.Show.Should().BeFalse();
    }

    [Fact]
    public async Task GetAsync_EmptyOrganisationWithADepartment_OnlyThatStepIsDoneAndEachLinksWhereItIsEntered()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database).WithSetting(FirstStartOptions.LoadDemoDataKey, "false");
        using var scope = app.Services.CreateScope().As(Roles.Administrator);
        // Saved through the app, as a person does: the checklist may reuse a check of the snapshot made a moment
        // earlier, but never across a write committed in the app (PortfolioSnapshots.GetRecentAsync).
        await using (var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<BusinessValueDbContext>>().CreateDbContextAsync())
        {
            db.Departments.Add(new Domain.Organisation.Department(Guid.NewGuid(), "Warehouse", 30));
            await db.SaveChangesAsync();
        }

        var progress = await scope.ServiceProvider.GetRequiredService<FirstRunSteps>().GetAsync();

        progress.Show.Should().BeTrue();
        progress.Steps.Select(s => s.Done).Should().Equal(false, true, false, false, false, false);
        progress.Steps.Select(s => s.Href).Should().Equal("/settings/organisation", "/departments/manage", "/departments/manage", "/systems/new", "/departments/manage", "/metrics");
    }
}
