using BusinessValue.Infrastructure.Audit;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Testing;
using BusinessValue.Web.Features.Admin;
using BusinessValue.Web.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BusinessValue.Web.Tests.Security;

public sealed class UserAdministrationTests
{
    [Theory, ClassData(typeof(BothProviders))]
    public async Task SetDepartmentsAsync_BusinessOwner_MayEditOnlyTheAssignedDepartments(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        await app.EnsureUserAsync(Roles.BusinessOwner);
        using var admin = app.Services.CreateScope().As(Roles.Administrator, "ada@example.com");
        var administration = admin.ServiceProvider.GetRequiredService<UserAdministration>();
        var departments = await administration.DepartmentsAsync();
        var owner = (await administration.ListAsync()).Single(u => u.Role == Roles.BusinessOwner);

        (await administration.SetDepartmentsAsync(owner.Id, [departments[0].Id])).Should().BeEmpty();

        (await administration.ListAsync()).Single(u => u.Id == owner.Id).Departments.Should().Equal(departments[0].Id);
        using var asOwner = await SignedInAsync(app, BusinessValueAppFactory.UserNameFor(Roles.BusinessOwner));
        var guard = asOwner.ServiceProvider.GetRequiredService<AccessGuard>();
        (await guard.MayEditBusinessDataOfAsync(departments[0].Id)).Should().BeTrue();
        (await guard.MayEditBusinessDataOfAsync(departments[1].Id)).Should().BeFalse();
        var adminGuard = admin.ServiceProvider.GetRequiredService<AccessGuard>();
        (await adminGuard.MayEditBusinessDataOfAsync(departments[1].Id)).Should().BeTrue("an administrator may change any department's data");
        await using var db = database.CreateContext();
        (await db.AuditTrail.SingleAsync(e => e.Action == AuditAction.UserChanged)).Summary.Should().Contain(departments[0].Name);
    }

    [Fact]
    public async Task SetDepartmentsAsync_AsAnItDirector_IsRefusedAndChangesNothing()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database);
        await app.EnsureUserAsync(Roles.BusinessOwner);
        Guid owner;
        Guid department;
        await using (var db = database.CreateContext())
        {
            owner = await db.Users.Select(u => u.Id).SingleAsync();
            department = await db.Departments.Select(d => d.Id).FirstAsync();
        }

        using var scope = app.Services.CreateScope().As(Roles.ItDirector);

        var problems = await scope.ServiceProvider.GetRequiredService<UserAdministration>().SetDepartmentsAsync(owner, [department]);

        problems.Should().ContainSingle().Which.Should().Contain("Only an administrator");
        await using var check = database.CreateContext();
        (await check.UserClaims.CountAsync()).Should().Be(0);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task ChangeRoleOrDisable_TheLastAdministrator_IsRefusedSoSomeoneCanAlwaysManageAccounts(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        await app.EnsureUserAsync(Roles.Administrator);
        await app.EnsureUserAsync(Roles.Viewer);
        using var scope = app.Services.CreateScope().As(Roles.Administrator, "ada@example.com");
        var administration = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        var administrator = (await administration.ListAsync()).Single(u => u.Role == Roles.Administrator);

        var demoted = await administration.ChangeRoleAsync(administrator.Id, Roles.Viewer);
        var disabled = await administration.SetDisabledAsync(administrator.Id, disabled: true);

        demoted.Should().ContainSingle().Which.Should().Contain("last administrator");
        disabled.Should().ContainSingle().Which.Should().Contain("last administrator");
        var after = (await administration.ListAsync()).Single(u => u.Id == administrator.Id);
        after.Role.Should().Be(Roles.Administrator);
        after.IsDisabled.Should().BeFalse();
    }

    /// <summary>A scope whose reader is this account as a sign-in makes it: its roles and its claims from the database.</summary>
    private static async Task<IServiceScope> SignedInAsync(BusinessValueAppFactory app, string userName)
    {
        var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync((await users.FindByNameAsync(userName))!);
        ((IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>())
            .SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        return scope;
    }
}
