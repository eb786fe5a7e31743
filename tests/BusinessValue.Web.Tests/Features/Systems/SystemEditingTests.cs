using BusinessValue.Domain.Systems;
using BusinessValue.Domain.Workarounds;
using BusinessValue.Infrastructure.Audit;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Testing;
using BusinessValue.Web.Features.Systems;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BusinessValue.Web.Tests.Features.Systems;

/// <summary>The inventory's system service on the demo organisation, on both providers, as its editors and others use it.</summary>
public sealed class SystemEditingTests
{
    private static SystemForm Warehouse(string currency = "USD") => new()
    {
        Name = "Warehouse Robots",
        Category = "Logistics",
        Vendor = "Acme",
        Lifecycle = Lifecycle.Planned,
        StrategicFit = StrategicFit.SupportsStrategy,
        ItOwner = "Ines IT",
        Licences = 10_000m,
        Infrastructure = 2_500.5m,
        SupportStaff = 0m,
        Other = 0m,
        IntendedUsers = 40,
        Currency = currency,
    };

    private static async Task<Guid> IdOfAsync(TestDatabase database, string name)
    {
        await using var db = database.CreateContext();
        return await db.Systems.Where(s => s.Name == name).Select(s => s.Id).SingleAsync();
    }

    private static SystemEditing EditingAs(BusinessValueAppFactory app, string role) =>
        app.Services.CreateScope().As(role).ServiceProvider.GetRequiredService<SystemEditing>();

    [Theory, ClassData(typeof(BothProviders))]
    public async Task CreateAsync_ValidSystem_IsStoredAuditedAndRaisesThePortfolioVersion(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        var editing = EditingAs(app, Roles.ItDirector);
        long before;
        await using (var db = database.CreateContext())
        {
            before = await PortfolioStore.VersionAsync(db);
        }

        var outcome = await editing.CreateAsync(Warehouse());

        outcome.IsSaved.Should().BeTrue(outcome.Problems.General);
        await using var check = database.CreateContext();
        var stored = await check.Systems.SingleAsync(s => s.Id == outcome.Id);
        stored.Name.Should().Be("Warehouse Robots");
        // 10,000 + 2,500.5 + 0 + 0
        stored.TotalCostOfOwnership.Should().Be(12_500.5m);
        stored.Source!.Detail.Should().Be(BusinessValueAppFactory.UserNameFor(Roles.ItDirector));
        (await check.AuditTrail.CountAsync(e => e.EntityType == nameof(ItSystem) && e.Action == AuditAction.Created && e.SystemId == outcome.Id)).Should().Be(1);
        (await PortfolioStore.VersionAsync(check)).Should().BeGreaterThan(before);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task CreateAsync_NameOfAnExistingSystem_IsRefusedBesideTheNameAndNothingIsAdded(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        var form = Warehouse();
        form.Name = "  ERP ";

        var outcome = await EditingAs(app, Roles.ItDirector).CreateAsync(form);

        outcome.IsSaved.Should().BeFalse();
        outcome.Problems.For(nameof(SystemForm.Name)).Should().Be("Another system is already called \"ERP\"; system names are unique.");
        await using var check = database.CreateContext();
        (await check.Systems.CountAsync(s => s.Name == "ERP")).Should().Be(1);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task CreateAsync_SeveralBadFields_NamesEachBesideItsFieldAndAddsNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        var editing = EditingAs(app, Roles.ItDirector); // starts the app, which seeds the demo
        int count;
        await using (var db = database.CreateContext())
        {
            count = await db.Systems.CountAsync();
        }

        var form = Warehouse();
        form.Category = " ";
        form.Licences = -5m;
        form.Other = -1m;
        form.IntendedUsers = 20_000_000;
        form.RequiredRecoveryHours = -2m;

        var outcome = await editing.CreateAsync(form);

        outcome.IsSaved.Should().BeFalse();
        outcome.Problems.ByField.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            [nameof(SystemForm.Category)] = "Is required.",
            [nameof(SystemForm.Licences)] = "Must be zero or more (it is -5).",
            [nameof(SystemForm.Other)] = "Must be zero or more (it is -1).",
            [nameof(SystemForm.IntendedUsers)] = "Must be between 0 and 10000000 (it is 20000000).",
            [nameof(SystemForm.RequiredRecoveryHours)] = "Must be zero or more (it is -2).",
        });
        await using var check = database.CreateContext();
        (await check.Systems.CountAsync()).Should().Be(count);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveAsync_RenamedToAnotherSystemsName_IsRefusedBesideTheNameAndNothingChanges(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        var editing = EditingAs(app, Roles.Administrator);
        var erp = await IdOfAsync(database, "ERP");
        var form = (await editing.GetAsync(erp))!;
        form.Name = "CRM";
        form.Vendor = "Changed";

        var outcome = await editing.SaveAsync(erp, form);

        outcome.Problems.For(nameof(SystemForm.Name)).Should().Contain("already called \"CRM\"");
        (await editing.GetAsync(erp))!.Vendor.Should().Be("SAP");
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveAsync_TwoEditorsReadTheSameVersion_TheSecondSaveIsAConflictShowingTheFirstsValues(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        var first = EditingAs(app, Roles.ItDirector);
        var second = EditingAs(app, Roles.Administrator);
        var erp = await IdOfAsync(database, "ERP");
        var firstForm = (await first.GetAsync(erp))!;
        var secondForm = (await second.GetAsync(erp))!;
        secondForm.Version.Should().Be(firstForm.Version);

        firstForm.Licences = 250_000m;
        (await first.SaveAsync(erp, firstForm)).IsSaved.Should().BeTrue();
        secondForm.Vendor = "Oracle";
        var conflict = await second.SaveAsync(erp, secondForm);

        conflict.IsConflict.Should().BeTrue();
        conflict.IsSaved.Should().BeFalse();
        conflict.Theirs!.Licences.Should().Be(250_000m);
        conflict.Theirs.Vendor.Should().Be("SAP");
        conflict.Theirs.Version.Should().Be(secondForm.Version + 1);
        var rows = secondForm.CompareWith(conflict.Theirs, System.Globalization.CultureInfo.GetCultureInfo("en-US"));
        rows.Where(r => r.Differs).Should().BeEquivalentTo(
        [
            new Web.Features.Forms.ConflictRow("Vendor", "SAP", "Oracle"),
            new Web.Features.Forms.ConflictRow("Licences per year (USD)", "250,000", "220,000"),
        ]);
        (await first.GetAsync(erp))!.Vendor.Should().Be("SAP", "nothing of the second save was written");

        // "Use my changes": saved again on the version now stored, the second editor's values win.
        secondForm.Version = conflict.Theirs.Version;
        (await second.SaveAsync(erp, secondForm)).IsSaved.Should().BeTrue();
        var stored = (await first.GetAsync(erp))!;
        stored.Vendor.Should().Be("Oracle");
        stored.Licences.Should().Be(220_000m);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task DeleteAsync_DemoErp_RemovesItsDependentRecordsAuditsEachAndKeepsItsWorkaroundsUnlinked(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        var editing = EditingAs(app, Roles.ItDirector);
        var erp = await IdOfAsync(database, "ERP");
        List<Guid> workarounds;
        await using (var db = database.CreateContext())
        {
            workarounds = await db.Workarounds.Where(w => w.Systems.Any(l => l.SystemId == erp)).Select(w => w.Id).ToListAsync();
        }

        var dependents = (await editing.DependentsAsync(erp))!;
        dependents.Name.Should().Be("ERP");
        new[] { dependents.Dependencies, dependents.Integrations, dependents.MonthsOfMetrics, dependents.RestoreTests }.Should().AllSatisfy(n => n.Should().BePositive("the demo ERP has every kind of dependent record"));
        dependents.Workarounds.Should().Be(workarounds.Count).And.BePositive();

        (await editing.DeleteAsync(erp, dependents.Version)).Should().BeNull();

        await using var check = database.CreateContext();
        (await check.Systems.AnyAsync(s => s.Id == erp)).Should().BeFalse();
        (await check.Dependencies.AnyAsync(d => d.SystemId == erp)).Should().BeFalse();
        (await check.Integrations.AnyAsync(i => i.SourceSystemId == erp || i.TargetSystemId == erp)).Should().BeFalse();
        (await check.Metrics.AnyAsync(m => m.SystemId == erp)).Should().BeFalse();
        (await check.RestoreTests.AnyAsync(t => t.SystemId == erp)).Should().BeFalse();
        (await check.Set<WorkaroundSystem>().AnyAsync(l => l.SystemId == erp)).Should().BeFalse();
        (await check.Workarounds.CountAsync(w => workarounds.Contains(w.Id))).Should().Be(workarounds.Count, "a workaround belongs to its department, not to one system");
        var deleted = await check.AuditTrail.Where(e => e.Action == AuditAction.Deleted).Select(e => e.EntityType).ToListAsync();
        deleted.Count(t => t == "Dependency").Should().Be(dependents.Dependencies);
        deleted.Count(t => t == "Integration").Should().Be(dependents.Integrations);
        deleted.Count(t => t == "MonthlyMetrics").Should().Be(dependents.MonthsOfMetrics);
        deleted.Count(t => t == "RestoreTest").Should().Be(dependents.RestoreTests);
        deleted.Count(t => t == nameof(ItSystem)).Should().Be(1);
        // The scorecard still loads: nothing points at the removed system.
        (await PortfolioStore.LoadAsync(check))!.Systems.Should().NotContain(s => s.Id == erp);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task DeleteAsync_SystemChangedSinceItWasRead_IsRefusedAndNothingIsRemoved(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        var editing = EditingAs(app, Roles.ItDirector);
        var erp = await IdOfAsync(database, "ERP");
        var dependents = (await editing.DependentsAsync(erp))!;
        var form = (await editing.GetAsync(erp))!;
        form.Vendor = "Oracle";
        (await editing.SaveAsync(erp, form)).IsSaved.Should().BeTrue();

        var problem = await editing.DeleteAsync(erp, dependents.Version);

        problem.Should().Contain("Someone changed this system");
        await using var check = database.CreateContext();
        (await check.Systems.AnyAsync(s => s.Id == erp)).Should().BeTrue();
        (await check.RestoreTests.CountAsync(t => t.SystemId == erp)).Should().Be(dependents.RestoreTests);
    }

    [Fact]
    public async Task WritesAsBusinessOwner_AreRefusedOnTheServerAndChangeNothing()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database);
        var editing = EditingAs(app, Roles.BusinessOwner);
        var erp = await IdOfAsync(database, "ERP");
        var form = (await editing.GetAsync(erp))!;
        form.Vendor = "Oracle";

        (await editing.CreateAsync(Warehouse())).Problems.General.Should().StartWith("Only an IT director or an administrator");
        (await editing.SaveAsync(erp, form)).Problems.General.Should().StartWith("Only an IT director or an administrator");
        (await editing.DeleteAsync(erp, form.Version)).Should().StartWith("Only an IT director or an administrator");

        await using var check = database.CreateContext();
        (await check.Systems.SingleAsync(s => s.Id == erp)).Vendor.Should().Be("SAP");
        (await check.Systems.AnyAsync(s => s.Name == "Warehouse Robots")).Should().BeFalse();
    }
}
