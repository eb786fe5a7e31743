using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Infrastructure.Spreadsheets;
using BusinessValue.Testing;
using BusinessValue.Web.Features.Import;
using Microsoft.Extensions.DependencyInjection;

namespace BusinessValue.Web.Tests.Features.Import;

/// <summary>Who may import which table: the inventory is the IT director's, the business's own tables an administrator's.</summary>
public sealed class SpreadsheetImportingTests
{
    [Theory]
    [InlineData(Roles.ItDirector, ImportKind.Metrics, true)]
    [InlineData(Roles.ItDirector, ImportKind.Systems, true)]
    [InlineData(Roles.ItDirector, ImportKind.Workarounds, false)]
    [InlineData(Roles.ItDirector, ImportKind.Departments, false)]
    [InlineData(Roles.BusinessOwner, ImportKind.Processes, false)]
    [InlineData(Roles.BusinessOwner, ImportKind.Systems, false)]
    [InlineData(Roles.Administrator, ImportKind.Dependencies, true)]
    [InlineData(Roles.Administrator, ImportKind.Integrations, true)]
    public async Task RefusalAsync_RoleAndTable_AllowsOnlyWhatTheRoleMayChangeOnScreen(string role, ImportKind kind, bool allowed)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = app.Services.CreateScope().As(role);

        var refusal = await scope.ServiceProvider.GetRequiredService<SpreadsheetImporting>().RefusalAsync(kind);

        if (allowed)
        {
            refusal.Should().BeNull();
        }
        else
        {
            refusal.Should().EndWith("Nothing was changed.");
        }
    }

    [Fact]
    public async Task PlanAsync_ItDirectorChecksAWorkaroundsFile_IsRefusedOnTheServer()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = app.Services.CreateScope().As(Roles.ItDirector);
        var importing = scope.ServiceProvider.GetRequiredService<SpreadsheetImporting>();
        var content = "Description,Department,People,Hours per person per week\nRetyping orders,Sales,3,2\n"u8.ToArray();
        using var stream = new MemoryStream(content);
        var file = await scope.ServiceProvider.GetRequiredService<SpreadsheetImports>().ReadAsync(stream, "workarounds.csv", ImportKind.Workarounds);
        var upload = new UploadedSpreadsheet("workarounds.csv", content, file);

        var check = () => importing.PlanAsync(upload, SpreadsheetImports.Guess(file, ImportKind.Workarounds));

        (await check.Should().ThrowAsync<ImportNotAllowedException>()).Which.Message.Should().Contain("business data");
    }
}
