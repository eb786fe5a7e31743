using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Testing;
using BusinessValue.Web.Features.Departments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BusinessValue.Web.Tests.Features.Departments;

public sealed class DependencyEditingTests
{
    [Theory, ClassData(typeof(BothProviders))]
    public async Task AddAsync_FromTheSystemsSide_TheProcessListsTheSystemWithItsShare(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = app.Services.CreateScope().As(Roles.Administrator);
        var editing = scope.ServiceProvider.GetRequiredService<DependencyEditing>();
        var system = await SystemAsync(database, "ERP");
        var candidate = (await editing.ForSystemAsync(system)).Candidates[0];

        var outcome = await editing.AddAsync(candidate.Id, system, 0.35m);

        outcome.IsSaved.Should().BeTrue(outcome.Problem);
        var row = (await editing.ForProcessAsync(candidate.Id)).Rows.Single(r => r.SystemId == system);
        row.SystemName.Should().Be("ERP");
        row.RevenueShare.Should().Be(0.35m);
        DependencyEditing.Percent(row.RevenueShare).Should().Be(35.ToString(System.Globalization.CultureInfo.CurrentCulture) + "%");
        (await editing.ForSystemAsync(system)).Candidates.Should().NotContain(c => c.Id == candidate.Id);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task ChangeShareAsync_AboveOne_SaysWhyAndChangesNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = app.Services.CreateScope().As(Roles.Administrator);
        var editing = scope.ServiceProvider.GetRequiredService<DependencyEditing>();
        var row = (await editing.ForSystemAsync(await SystemAsync(database, "ERP"))).Rows[0];

        var outcome = await editing.ChangeShareAsync(row.ProcessId, row.SystemId, 1.2m, row.Version);

        outcome.Problem.Should().StartWith("Revenue share:").And.Contain("between 0 and 1");
        (await editing.ForProcessAsync(row.ProcessId)).Rows.Single(r => r.SystemId == row.SystemId).RevenueShare.Should().Be(row.RevenueShare);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task ChangeShareAsync_SomeoneChangedItMeanwhile_ConflictWithBothShares(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = app.Services.CreateScope().As(Roles.Administrator);
        var editing = scope.ServiceProvider.GetRequiredService<DependencyEditing>();
        var row = (await editing.ForSystemAsync(await SystemAsync(database, "ERP"))).Rows[0];

        (await editing.ChangeShareAsync(row.ProcessId, row.SystemId, 0.1m, row.Version)).IsSaved.Should().BeTrue();
        var outcome = await editing.ChangeShareAsync(row.ProcessId, row.SystemId, 0.9m, row.Version);

        outcome.IsConflict.Should().BeTrue();
        outcome.Conflict!.Single().Should().Be(new BusinessValue.Web.Features.FieldVersions("Revenue share", DependencyEditing.Percent(0.9m), DependencyEditing.Percent(0.1m)));
        (await editing.ForProcessAsync(row.ProcessId)).Rows.Single(r => r.SystemId == row.SystemId).RevenueShare.Should().Be(0.1m);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task RemoveAsync_BusinessOwnerOfAnotherDepartment_IsRefusedAndTheDependencyStays(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = app.Services.CreateScope();
        var erp = await SystemAsync(database, "ERP");
        Guid process, otherDepartment;
        await using (var db = database.CreateContext())
        {
            var dependency = await db.Dependencies.Where(d => d.SystemId == erp)
                .Join(db.Processes.Where(p => p.DepartmentId != null), d => d.ProcessId, p => p.Id, (d, p) => new { p.Id, p.DepartmentId }).FirstAsync();
            process = dependency.Id;
            otherDepartment = await db.Departments.Where(d => d.Id != dependency.DepartmentId).Select(d => d.Id).FirstAsync();
        }

        scope.AsBusinessOwnerOf(otherDepartment);
        var editing = scope.ServiceProvider.GetRequiredService<DependencyEditing>();

        (await editing.RemoveAsync(process, erp, (await editing.ForSystemAsync(erp)).Rows.Single(r => r.ProcessId == process).Version)).Should().Contain("business owner of the process's department");
        (await editing.ForSystemAsync(erp)).Rows.Should().Contain(r => r.ProcessId == process && !r.MayEdit);
    }

    private static async Task<Guid> SystemAsync(TestDatabase database, string name)
    {
        await using var db = database.CreateContext();
        return await db.Systems.Where(s => s.Name == name).Select(s => s.Id).SingleAsync();
    }
}
