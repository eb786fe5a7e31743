using BusinessValue.Infrastructure.Audit;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Testing;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Cli.Tests;

public sealed class AdminCommandTests
{
    private const string Password = "basalt otter lantern quarterly";

    [Theory, ClassData(typeof(BothProviders))]
    public async Task Reset_NoSuchAccount_CreatesAnAdministrator(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        var (exit, output, error) = await BvRun.RunAsync(Settings(database, Password), "admin", "reset", "--user", "ops@example.com", "--name", "Operations");

        exit.Should().Be(0, error);
        output.Should().Contain("Created the administrator ops@example.com");
        await using var db = database.CreateContext();
        var user = await db.Users.SingleAsync();
        user.DisplayName.Should().Be("Operations");
        var role = await db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name).SingleAsync();
        role.Should().Be(Roles.Administrator);
        (await db.AuditTrail.SingleAsync(e => e.Action == AuditAction.UserCreated)).Actor.Should().Be("bv admin reset");
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task Reset_LockedOutDisabledAccount_UnlocksEnablesAndChangesItsPassword(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await BvRun.RunAsync(Settings(database, Password), "admin", "reset", "--user", "ops@example.com");
        string oldHash;
        await using (var db = database.CreateContext())
        {
            var user = await db.Users.SingleAsync();
            user.IsDisabled = true;
            user.LockoutEnd = DateTimeOffset.UtcNow.AddHours(1);
            oldHash = user.PasswordHash!;
            // Meanwhile someone made them a Viewer.
            db.UserRoles.RemoveRange(db.UserRoles.Where(r => r.UserId == user.Id));
            db.UserRoles.Add(new Microsoft.AspNetCore.Identity.IdentityUserRole<Guid> { UserId = user.Id, RoleId = await db.Roles.Where(r => r.Name == Roles.Viewer).Select(r => r.Id).SingleAsync() });
            await db.SaveChangesAsync();
        }

        var (exit, output, error) = await BvRun.RunAsync(Settings(database, "a completely new passphrase"), "admin", "reset", "--user", "ops@example.com");

        exit.Should().Be(0, error);
        output.Should().Contain("Reset ops@example.com");
        await using (var db = database.CreateContext())
        {
            var user = await db.Users.SingleAsync();
            user.IsDisabled.Should().BeFalse();
            user.LockoutEnd.Should().BeNull();
            user.PasswordHash.Should().NotBe(oldHash);
            (await db.AuditTrail.CountAsync(e => e.Action == AuditAction.PasswordReset)).Should().Be(1);
            var roles = await db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync();
            roles.Should().Equal([Roles.Administrator], "each person has one role");
        }
    }

    [Theory]
    [InlineData("password1234", "commonly used")]
    [InlineData("short", "at least 12")]
    public async Task Reset_WeakPassword_IsRefusedAndChangesNothing(string password, string reason)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        var (exit, _, error) = await BvRun.RunAsync(Settings(database, password), "admin", "reset", "--user", "ops@example.com");

        exit.Should().Be(1);
        error.Should().Contain(reason);
        await using var db = database.CreateContext();
        (await db.Users.CountAsync()).Should().Be(0);
        (await db.AuditTrail.CountAsync(e => e.EntityType == "User")).Should().Be(0);
    }

    [Fact]
    public async Task Reset_NoPasswordInTheEnvironment_SaysWhereToPutIt()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        var (exit, _, error) = await BvRun.RunAsync(database, "admin", "reset", "--user", "ops@example.com");

        exit.Should().Be(2);
        error.Should().Contain("BV_ADMIN_PASSWORD");
    }

    private static Dictionary<string, string?> Settings(TestDatabase database, string password) =>
        new(database.AppSettings) { ["BV_ADMIN_PASSWORD"] = password };
}
