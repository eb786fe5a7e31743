using BusinessValue.Domain.Workarounds;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Testing;
using BusinessValue.Web.Features.Departments;
using BusinessValue.Web.Features.Workarounds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BusinessValue.Web.Tests.Features.Workarounds;

public sealed class WorkaroundRegisterTests
{
    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveAsync_NewWorkaroundInADepartmentWithItsOwnRate_CostsNTimesHTimesWTimesRDeptPlusC(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = app.Services.CreateScope().As(Roles.Administrator);
        var departments = scope.ServiceProvider.GetRequiredService<DepartmentEditing>();
        (await departments.SaveAsync(new DepartmentForm { Name = "Returns desk", Headcount = 4, LabourRatePerHour = 60m })).IsSaved.Should().BeTrue();
        var register = scope.ServiceProvider.GetRequiredService<WorkaroundRegister>();
        var view = await register.GetAsync();
        var department = view.Departments.Single(d => d.Name == "Returns desk").Id;
        var systems = view.Systems.Take(2).Select(s => s.Id).ToList();
        var form = new WorkaroundForm { Description = "Re-keying returns into the ERP", DepartmentId = department, Kind = WorkaroundKind.DuplicateDataEntry, People = 3, HoursPerPersonPerWeek = 2.5m, DirectAnnualCost = 1_200m, SystemIds = systems };

        // 3 people × 2.5 h × 46 weeks (the default W) × 60 per hour + 1,200 = 21,900
        view.AnnualCostOf(form).Should().Be(21_900m);
        var outcome = await register.SaveAsync(form);

        outcome.IsSaved.Should().BeTrue(outcome.Problem);
        var row = (await register.GetAsync()).Rows.Single(r => r.Description == "Re-keying returns into the ERP");
        row.AnnualCost.Should().Be(21_900m);
        row.SystemIds.Should().BeEquivalentTo(systems);
        row.MayEdit.Should().BeTrue();
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveAsync_RemovedWithoutADateOrNegativeHours_SaysWhichFieldAndChangesNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = app.Services.CreateScope().As(Roles.Administrator);
        var register = scope.ServiceProvider.GetRequiredService<WorkaroundRegister>();
        var id = (await register.GetAsync()).Rows[0].Id;
        var form = (await register.GetFormAsync(id))!;
        var before = form.Status;

        form.Status = WorkaroundStatus.Removed;
        form.RemovedOn = null;
        (await register.SaveAsync(form)).Problem.Should().StartWith("Removal date:").And.Contain("required");
        form.Status = WorkaroundStatus.Open;
        form.HoursPerPersonPerWeek = -1m;
        (await register.SaveAsync(form)).Problem.Should().StartWith("Hours per person per week:");

        (await register.GetFormAsync(id))!.Status.Should().Be(before);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveAsync_RemovedFromADay_KeepsTheDate(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = app.Services.CreateScope().As(Roles.Administrator);
        var register = scope.ServiceProvider.GetRequiredService<WorkaroundRegister>();
        var id = (await register.GetAsync()).Rows[0].Id;
        var form = (await register.GetFormAsync(id))!;

        form.Status = WorkaroundStatus.Removed;
        form.RemovedOn = new DateTime(2026, 8, 15, 0, 0, 0, DateTimeKind.Unspecified);
        (await register.SaveAsync(form)).IsSaved.Should().BeTrue();

        var row = (await register.GetAsync()).Rows.Single(r => r.Id == id);
        row.Status.Should().Be(WorkaroundStatus.Removed);
        row.RemovedOn.Should().Be(new DateOnly(2026, 8, 15));
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveAsync_SomeoneSavedMeanwhile_ConflictAndTheFirstSaveKept(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = app.Services.CreateScope().As(Roles.Administrator);
        var register = scope.ServiceProvider.GetRequiredService<WorkaroundRegister>();
        var id = (await register.GetAsync()).Rows[0].Id;
        var first = (await register.GetFormAsync(id))!;
        var second = (await register.GetFormAsync(id))!;
        first.People = 7;
        second.People = 9;

        (await register.SaveAsync(first)).IsSaved.Should().BeTrue();
        var outcome = await register.SaveAsync(second);

        outcome.IsConflict.Should().BeTrue();
        outcome.Conflict!.Single(f => f.Field == "People").Theirs.Should().Be("7");
        (await register.GetFormAsync(id))!.People.Should().Be(7);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task DeleteAsync_WorkaroundChangedSinceItWasListed_IsRefusedAndKeptWithItsLinks(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = app.Services.CreateScope().As(Roles.Administrator);
        var register = scope.ServiceProvider.GetRequiredService<WorkaroundRegister>();
        var listed = (await register.GetAsync()).Rows.First(r => r.SystemIds.Count > 0);
        var form = (await register.GetFormAsync(listed.Id))!;
        form.People += 1;
        (await register.SaveAsync(form)).IsSaved.Should().BeTrue("someone else saves the workaround meanwhile");

        var problem = await register.DeleteAsync(listed.Id, listed.Version);

        problem.Should().Contain("Someone changed the workaround").And.Contain("not removed");
        var now = (await register.GetAsync()).Rows.Single(r => r.Id == listed.Id);
        now.People.Should().Be(listed.People + 1);
        now.SystemIds.Should().BeEquivalentTo(listed.SystemIds);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task DeleteAsync_AtTheVersionListed_RemovesItAndItsLinks(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = app.Services.CreateScope().As(Roles.Administrator);
        var register = scope.ServiceProvider.GetRequiredService<WorkaroundRegister>();
        var listed = (await register.GetAsync()).Rows.First(r => r.SystemIds.Count > 0);
        int linksBefore;
        await using (var db = database.CreateContext())
        {
            linksBefore = await db.Set<WorkaroundSystem>().CountAsync();
        }

        (await register.DeleteAsync(listed.Id, listed.Version)).Should().BeNull();

        await using var check = database.CreateContext();
        (await check.Workarounds.AnyAsync(w => w.Id == listed.Id)).Should().BeFalse();
        (await check.Set<WorkaroundSystem>().CountAsync()).Should().Be(linksBefore - listed.SystemIds.Count, "its links went with it");
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task DeleteAsync_BusinessOwnerOfAnotherDepartment_IsRefusedAndTheWorkaroundStays(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = app.Services.CreateScope();
        Guid workaround, otherDepartment;
        await using (var db = database.CreateContext())
        {
            var w = await db.Workarounds.Where(x => x.DepartmentId != null).Select(x => new { x.Id, x.DepartmentId }).FirstAsync();
            workaround = w.Id;
            otherDepartment = await db.Departments.Where(d => d.Id != w.DepartmentId).Select(d => d.Id).FirstAsync();
        }

        scope.AsBusinessOwnerOf(otherDepartment);
        var register = scope.ServiceProvider.GetRequiredService<WorkaroundRegister>();

        (await register.DeleteAsync(workaround, (await register.GetAsync()).Rows.Single(r => r.Id == workaround).Version)).Should().Contain("business owner of the workaround's department");
        (await register.GetAsync()).Rows.Should().Contain(r => r.Id == workaround && !r.MayEdit);
    }
}
