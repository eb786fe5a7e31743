using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Testing;
using BusinessValue.Web.Features.Systems;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BusinessValue.Web.Tests.Features.Systems;

/// <summary>A system's restore tests recorded, corrected and removed through the inventory's service.</summary>
public sealed class RestoreTestEditingTests
{
    private static async Task<Guid> CrmAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.Systems.Where(s => s.Name == "CRM").Select(s => s.Id).SingleAsync();
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveAsync_NewThenCorrectedThenRemoved_ListsWhatIsStoredEachTime(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = app.Services.CreateScope().As(Roles.ItDirector);
        var editing = scope.ServiceProvider.GetRequiredService<RestoreTestEditing>();
        var crm = await CrmAsync(database);
        var before = (await editing.ForSystemAsync(crm)).Count;
        var form = editing.New(crm);
        form.TestedOn = new DateTime(2026, 3, 14);
        form.Passed = false;
        form.MeasuredRecoveryHours = 12.5m;

        var added = await editing.SaveAsync(form);

        added.IsSaved.Should().BeTrue(added.Problems.General);
        var stored = (await editing.GetAsync(added.Id!.Value))!;
        stored.TestedOn.Should().Be(new DateTime(2026, 3, 14));
        stored.Passed.Should().BeFalse();
        stored.MeasuredRecoveryHours.Should().Be(12.5m);
        (await editing.ForSystemAsync(crm)).Should().HaveCount(before + 1);

        stored.Passed = true;
        stored.MeasuredRecoveryHours = null;
        (await editing.SaveAsync(stored)).IsSaved.Should().BeTrue();
        var corrected = (await editing.GetAsync(stored.Id!.Value))!;
        corrected.Passed.Should().BeTrue();
        corrected.MeasuredRecoveryHours.Should().BeNull();
        corrected.Version.Should().Be(stored.Version + 1);

        (await editing.DeleteAsync(stored.Id.Value, stored.Version)).Should().Contain("Someone changed the restore test", "the version read before the correction is stale");
        (await editing.DeleteAsync(stored.Id.Value, corrected.Version)).Should().BeNull();
        (await editing.ForSystemAsync(crm)).Should().HaveCount(before);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveAsync_DayInTheFutureAndNegativeHours_NamesBothFieldsAndAddsNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = app.Services.CreateScope().As(Roles.Administrator);
        var editing = scope.ServiceProvider.GetRequiredService<RestoreTestEditing>();
        var crm = await CrmAsync(database);
        var before = (await editing.ForSystemAsync(crm)).Count;
        var form = editing.New(crm);
        form.TestedOn = DateTime.UtcNow.Date.AddDays(2);
        form.MeasuredRecoveryHours = -3m;

        var outcome = await editing.SaveAsync(form);

        outcome.Problems.ByField.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            [nameof(RestoreTestForm.TestedOn)] = "A restore test cannot be in the future.",
            [nameof(RestoreTestForm.MeasuredRecoveryHours)] = "Must be zero or more (it is -3).",
        });
        (await editing.ForSystemAsync(crm)).Should().HaveCount(before);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveAsync_CorrectedMeanwhileBySomeoneElse_IsAConflictShowingTheirs(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = app.Services.CreateScope().As(Roles.ItDirector);
        var editing = scope.ServiceProvider.GetRequiredService<RestoreTestEditing>();
        var crm = await CrmAsync(database);
        var form = editing.New(crm);
        form.TestedOn = new DateTime(2026, 1, 5);
        var id = (await editing.SaveAsync(form)).Id!.Value;
        var mine = (await editing.GetAsync(id))!;
        var theirs = (await editing.GetAsync(id))!;

        theirs.MeasuredRecoveryHours = 4m;
        (await editing.SaveAsync(theirs)).IsSaved.Should().BeTrue();
        mine.Passed = false;
        var conflict = await editing.SaveAsync(mine);

        conflict.IsConflict.Should().BeTrue();
        conflict.Theirs!.MeasuredRecoveryHours.Should().Be(4m);
        (await editing.GetAsync(id))!.Passed.Should().BeTrue();
    }
}
