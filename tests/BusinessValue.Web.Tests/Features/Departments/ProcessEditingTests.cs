using BusinessValue.Domain.Processes;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Testing;
using BusinessValue.Web.Features.Departments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BusinessValue.Web.Tests.Features.Departments;

public sealed class ProcessEditingTests
{
    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveAsync_NewProcessInTheOwnersDepartment_IsListedWithItsRevenue(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = app.Services.CreateScope();
        var (own, _) = await DepartmentEditingTests.TwoDepartmentsAsync(database);
        scope.AsBusinessOwnerOf(own);
        var editing = scope.ServiceProvider.GetRequiredService<ProcessEditing>();

        var form = new ProcessForm { Name = "Returns", DepartmentId = own, AnnualRevenue = 520_000m, OperatingHoursPerWeek = 50m, Importance = StrategicImportance.High };
        var outcome = await editing.SaveAsync(form);

        outcome.IsSaved.Should().BeTrue(outcome.Problem);
        var row = (await editing.ListAsync()).Single(p => p.Name == "Returns");
        form.Id.Should().Be(row.Id, "the form stays on the new process, so its systems can be linked next");
        row.DepartmentId.Should().Be(own);
        row.AnnualRevenue.Should().Be(520_000m);
        row.Dependencies.Should().Be(0);
        row.MayEdit.Should().BeTrue();
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveAsync_BusinessOwnerMovesAProcessIntoAnotherDepartment_IsRefused(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = app.Services.CreateScope();
        var (own, other) = await DepartmentEditingTests.TwoDepartmentsAsync(database);
        scope.AsBusinessOwnerOf(own);
        var editing = scope.ServiceProvider.GetRequiredService<ProcessEditing>();
        (await editing.SaveAsync(new ProcessForm { Name = "Returns", DepartmentId = own, AnnualRevenue = 1m, OperatingHoursPerWeek = 50m })).IsSaved.Should().BeTrue();
        var form = (await editing.GetAsync((await editing.ListAsync()).Single(p => p.Name == "Returns").Id))!;

        form.DepartmentId = other;
        var outcome = await editing.SaveAsync(form);

        outcome.Problem.Should().Contain("business owner of the process's department").And.Contain("Nothing was changed");
        (await editing.GetAsync(form.Id!.Value))!.DepartmentId.Should().Be(own);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveAsync_OperatingHoursAboveAWeek_SaysWhichFieldAndChangesNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = app.Services.CreateScope().As(Roles.Administrator);
        var editing = scope.ServiceProvider.GetRequiredService<ProcessEditing>();
        var form = (await editing.GetAsync((await editing.ListAsync())[0].Id))!;
        var hours = form.OperatingHoursPerWeek;

        form.OperatingHoursPerWeek = 169m;
        var outcome = await editing.SaveAsync(form);

        outcome.Problem.Should().StartWith("Operating hours per week:").And.Contain("at most 168");
        (await editing.GetAsync(form.Id!.Value))!.OperatingHoursPerWeek.Should().Be(hours);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveAsync_SomeoneSavedMeanwhile_ConflictAndTheFirstSaveKept(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = app.Services.CreateScope().As(Roles.Administrator);
        var editing = scope.ServiceProvider.GetRequiredService<ProcessEditing>();
        var id = (await editing.ListAsync())[0].Id;
        var first = (await editing.GetAsync(id))!;
        var second = (await editing.GetAsync(id))!;
        first.AnnualRevenue = 1_000m;
        second.AnnualRevenue = 2_000m;

        (await editing.SaveAsync(first)).IsSaved.Should().BeTrue();
        var outcome = await editing.SaveAsync(second);

        outcome.IsConflict.Should().BeTrue();
        outcome.Conflict!.Single(f => f.Differs).Field.Should().Be("Annual revenue");
        (await editing.GetAsync(id))!.AnnualRevenue.Should().Be(1_000m);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task DeleteAsync_ProcessWithDependencies_RemovesThemAndNothingPointsAtIt(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = app.Services.CreateScope().As(Roles.Administrator);
        var editing = scope.ServiceProvider.GetRequiredService<ProcessEditing>();
        var process = (await editing.ListAsync()).OrderByDescending(p => p.Dependencies).First();
        process.Dependencies.Should().BePositive("the demo's processes depend on systems");

        (await editing.DeleteAsync(process.Id, process.Version)).Should().BeNull();

        await using var db = database.CreateContext();
        (await db.Processes.AnyAsync(p => p.Id == process.Id)).Should().BeFalse();
        (await db.Dependencies.AnyAsync(d => d.ProcessId == process.Id)).Should().BeFalse();
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task DeleteAsync_ProcessChangedSinceItWasListed_IsRefusedAndItAndItsDependenciesStay(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = app.Services.CreateScope().As(Roles.Administrator);
        var editing = scope.ServiceProvider.GetRequiredService<ProcessEditing>();
        var listed = (await editing.ListAsync()).OrderByDescending(p => p.Dependencies).First();
        var form = (await editing.GetAsync(listed.Id))!;
        form.AnnualRevenue += 1_000m;
        (await editing.SaveAsync(form)).IsSaved.Should().BeTrue("someone else saves the process meanwhile");

        var problem = await editing.DeleteAsync(listed.Id, listed.Version);

        problem.Should().Contain($"Someone changed the process {listed.Name}");
        await using var db = database.CreateContext();
        (await db.Processes.SingleAsync(p => p.Id == listed.Id)).AnnualRevenue.Should().Be(listed.AnnualRevenue + 1_000m);
        (await db.Dependencies.CountAsync(d => d.ProcessId == listed.Id)).Should().Be(listed.Dependencies);
    }
}
