using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Testing;
using BusinessValue.Web.Features.Departments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BusinessValue.Web.Tests.Features.Departments;

public sealed class DepartmentEditingTests
{
    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveAsync_NewDepartmentByAnAdministrator_IsListedAndRaisesThePortfolioVersion(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = app.Services.CreateScope().As(Roles.Administrator);
        var editing = scope.ServiceProvider.GetRequiredService<DepartmentEditing>();
        long before;
        await using (var db = database.CreateContext())
        {
            before = await PortfolioStore.VersionAsync(db);
        }

        var outcome = await editing.SaveAsync(new DepartmentForm { Name = "  Customer service ", Headcount = 12, LabourRatePerHour = 42.5m });

        outcome.IsSaved.Should().BeTrue(outcome.Problem);
        var row = (await editing.ListAsync()).Single(d => d.Name == "Customer service");
        row.Headcount.Should().Be(12);
        row.LabourRatePerHour.Should().Be(42.5m);
        row.MayEdit.Should().BeTrue();
        await using (var db = database.CreateContext())
        {
            (await PortfolioStore.VersionAsync(db)).Should().BeGreaterThan(before, "the cached scorecard must refresh");
        }
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveAsync_BusinessOwnerOfAnotherDepartment_IsRefusedAndNothingChanges(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = app.Services.CreateScope();
        var (own, other) = await TwoDepartmentsAsync(database);
        scope.AsBusinessOwnerOf(own);
        var editing = scope.ServiceProvider.GetRequiredService<DepartmentEditing>();
        var form = (await editing.GetAsync(other))!;
        var headcount = form.Headcount;
        form.Headcount = headcount + 100;

        var outcome = await editing.SaveAsync(form);

        outcome.IsSaved.Should().BeFalse();
        outcome.Problem.Should().Contain("business owner").And.Contain("Nothing was changed");
        (await editing.GetAsync(other))!.Headcount.Should().Be(headcount);
        (await editing.ListAsync()).Single(d => d.Id == other).MayEdit.Should().BeFalse();
        (await editing.ListAsync()).Single(d => d.Id == own).MayEdit.Should().BeTrue();
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveAsync_BusinessOwnerOfTheDepartment_ChangesItsLabourRate(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = app.Services.CreateScope();
        var (own, _) = await TwoDepartmentsAsync(database);
        scope.AsBusinessOwnerOf(own);
        var editing = scope.ServiceProvider.GetRequiredService<DepartmentEditing>();
        var form = (await editing.GetAsync(own))!;
        form.LabourRatePerHour = 77m;

        (await editing.SaveAsync(form)).IsSaved.Should().BeTrue();
        (await editing.GetAsync(own))!.LabourRatePerHour.Should().Be(77m);
        (await editing.SaveAsync(new DepartmentForm { Name = "Not mine to add", Headcount = 1 })).Problem.Should().Contain("Only an administrator may add");
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveAsync_SomeoneSavedMeanwhile_ConflictWithBothVersionsAndTheFirstSaveKept(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = app.Services.CreateScope().As(Roles.Administrator);
        var editing = scope.ServiceProvider.GetRequiredService<DepartmentEditing>();
        var (id, _) = await TwoDepartmentsAsync(database);
        var first = (await editing.GetAsync(id))!;
        var second = (await editing.GetAsync(id))!;
        first.Headcount = 101;
        second.Headcount = 202;

        (await editing.SaveAsync(first)).IsSaved.Should().BeTrue();
        var outcome = await editing.SaveAsync(second);

        outcome.IsConflict.Should().BeTrue();
        var headcount = outcome.Conflict!.Single(f => f.Field == "Headcount");
        headcount.Yours.Should().Be(202.ToString("#,0", System.Globalization.CultureInfo.CurrentCulture));
        headcount.Theirs.Should().Be(101.ToString("#,0", System.Globalization.CultureInfo.CurrentCulture));
        headcount.Differs.Should().BeTrue();
        (await editing.GetAsync(id))!.Headcount.Should().Be(101);

        // Saving theirs over: the reader chose to, with the version the conflict reported.
        second.Version = outcome.TheirVersion;
        (await editing.SaveAsync(second)).IsSaved.Should().BeTrue();
        (await editing.GetAsync(id))!.Headcount.Should().Be(202);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveAsync_NameOfAnotherDepartmentOrNegativeRate_SaysWhichFieldAndChangesNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = app.Services.CreateScope().As(Roles.Administrator);
        var editing = scope.ServiceProvider.GetRequiredService<DepartmentEditing>();
        var (id, other) = await TwoDepartmentsAsync(database);
        var otherName = (await editing.GetAsync(other))!.Name;
        var form = (await editing.GetAsync(id))!;
        var name = form.Name;

        form.Name = otherName;
        (await editing.SaveAsync(form)).Problem.Should().StartWith("Name:").And.Contain(otherName);
        form.Name = "Renamed";
        form.LabourRatePerHour = -1m;
        (await editing.SaveAsync(form)).Problem.Should().StartWith("Department labour rate:").And.Contain("zero or more");

        (await editing.GetAsync(id))!.Name.Should().Be(name);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task DeleteAsync_DepartmentWithProcessesAndWorkarounds_TheyStayInNoDepartment(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = app.Services.CreateScope().As(Roles.Administrator);
        var editing = scope.ServiceProvider.GetRequiredService<DepartmentEditing>();
        var busiest = (await editing.ListAsync()).OrderByDescending(d => d.Processes + d.Workarounds).First();
        busiest.Processes.Should().BePositive("the demo's departments run processes");

        (await editing.DeleteAsync(busiest.Id, busiest.Version)).Should().BeNull();

        await using var db = database.CreateContext();
        (await db.Departments.AnyAsync(d => d.Id == busiest.Id)).Should().BeFalse();
        (await db.Processes.CountAsync(p => p.DepartmentId == null)).Should().BeGreaterThanOrEqualTo(busiest.Processes);
        (await db.Processes.CountAsync(p => p.DepartmentId == busiest.Id)).Should().Be(0);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task DeleteAsync_ByAnItDirector_IsRefused(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = app.Services.CreateScope().As(Roles.ItDirector);
        var editing = scope.ServiceProvider.GetRequiredService<DepartmentEditing>();
        var (id, _) = await TwoDepartmentsAsync(database);

        (await editing.DeleteAsync(id, (await editing.GetAsync(id))!.Version)).Should().Contain("Only an administrator");
        (await editing.GetAsync(id)).Should().NotBeNull();
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task DeleteAsync_DepartmentChangedSinceItWasListed_IsRefusedSayingSoAndKept(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = app.Services.CreateScope().As(Roles.Administrator);
        var editing = scope.ServiceProvider.GetRequiredService<DepartmentEditing>();
        var listed = (await editing.ListAsync())[0];
        var form = (await editing.GetAsync(listed.Id))!;
        form.Headcount += 5;
        (await editing.SaveAsync(form)).IsSaved.Should().BeTrue("someone else saves the department meanwhile");

        var problem = await editing.DeleteAsync(listed.Id, listed.Version);

        problem.Should().Contain($"Someone changed the department {listed.Name}").And.Contain("not removed");
        (await editing.ListAsync()).Single(d => d.Id == listed.Id).Headcount.Should().Be(listed.Headcount + 5);
    }

    internal static async Task<(Guid First, Guid Second)> TwoDepartmentsAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var ids = await db.Departments.OrderBy(d => d.Name).Select(d => d.Id).Take(2).ToListAsync();
        return (ids[0], ids[1]);
    }
}
