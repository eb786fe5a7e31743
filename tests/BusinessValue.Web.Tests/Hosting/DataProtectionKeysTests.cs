using BusinessValue.Infrastructure.Database;
using BusinessValue.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BusinessValue.Web.Tests.Hosting;

public sealed class DataProtectionKeysTests
{
    [Theory, ClassData(typeof(BothProviders))]
    public async Task Protect_OnOneNode_AnotherNodeOnTheSameDatabaseReadsIt(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var first = new BusinessValueAppFactory(database);
        await using var second = new BusinessValueAppFactory(database);
        first.CreateClient().Dispose();
        second.CreateClient().Dispose();

        var sealedByFirst = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("cookies").Protect("signed in");
        var readBySecond = second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("cookies").Unprotect(sealedByFirst);

        readBySecond.Should().Be("signed in", "a sign-in cookie issued by one node must be valid on every node");
        await using var db = database.CreateContext();
        (await db.DataProtectionKeys.CountAsync()).Should().BeGreaterThan(0, "the key lives in the database, not beside one node");
    }
}
