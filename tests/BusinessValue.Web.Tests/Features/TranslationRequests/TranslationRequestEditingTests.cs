using BusinessValue.Domain.Reviews;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Testing;
using BusinessValue.Web.Features.TranslationRequests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BusinessValue.Web.Tests.Features.TranslationRequests;

/// <summary>Translation requests written, made ready, decided and closed through their service, on the demo organisation and both providers.</summary>
public sealed class TranslationRequestEditingTests
{
    private static readonly Guid Sales = Guid.Parse("00000000-0000-4000-8000-000000000001");
    private static readonly Guid Finance = Guid.Parse("00000000-0000-4000-8000-000000000003");

    private static TranslationRequestEditing EditingAs(BusinessValueAppFactory app, string role) =>
        app.Services.CreateScope().As(role).ServiceProvider.GetRequiredService<TranslationRequestEditing>();

    private static async Task<Dictionary<string, Guid>> SystemsAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.Systems.ToDictionaryAsync(s => s.Name, s => s.Id);
    }

    private static async Task<Guid> ProcessAsync(TestDatabase database, string name)
    {
        await using var db = database.CreateContext();
        return await db.Processes.Where(p => p.Name == name).Select(p => p.Id).SingleAsync();
    }

    private static TranslationRequestForm DatabaseUpgrade(params Guid[] systems) => new()
    {
        Title = "Upgrade the order database",
        TechnicalNeed = "Upgrade the database infrastructure behind ERP and the storefront.",
        BusinessTranslation = "The new product line next quarter needs 3× the customer volume; without the upgrade, peak-hour orders slow down.",
        NeededBy = new DateTime(2027, 3, 31),
        EstimatedImpact = 480_000.50m,
        SystemIds = systems,
    };

    private static async Task<Guid> SavedAsync(TranslationRequestEditing editing, TranslationRequestForm form)
    {
        var outcome = await editing.SaveAsync(form);
        outcome.IsSaved.Should().BeTrue(outcome.Problems.General ?? string.Join("; ", outcome.Problems.ByField.Values));
        return outcome.Id!.Value;
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveAsync_NewRequestWithTwoSystems_IsListedWithItsTranslationSystemsImpactAndAuthor(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        var editing = EditingAs(app, Roles.ItDirector);
        var systems = await SystemsAsync(database);

        var id = await SavedAsync(editing, DatabaseUpgrade(systems["ERP"], systems["E-commerce Storefront"]));

        var row = (await editing.ListAsync(null, null)).Should().ContainSingle(r => r.Id == id).Subject;
        row.Status.Should().Be(TranslationRequestStatus.Draft);
        row.EstimatedImpact.Should().Be(480_000.50m);
        row.NeededBy.Should().Be(new DateOnly(2027, 3, 31));
        row.BusinessTranslation.Should().StartWith("The new product line");
        row.Systems.Select(s => s.Name).Should().Equal("E-commerce Storefront", "ERP");
        row.CreatedBy.Should().Be(BusinessValueAppFactory.UserNameFor(Roles.ItDirector));
        await using var db = database.CreateContext();
        var audited = await db.AuditTrail.Where(a => a.EntityType == nameof(TranslationRequest) || a.EntityType == nameof(TranslationRequestSystem)).ToListAsync();
        audited.Should().HaveCount(3).And.OnlyContain(a => a.Actor == BusinessValueAppFactory.UserNameFor(Roles.ItDirector));
        audited.Single(a => a.EntityType == nameof(TranslationRequest)).Changes.Should().Contain("Upgrade the order database");
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveAsync_LinkedSystemsChanged_KeepsTheNewSetAndAuditsOnlyTheLinkAddedAndRemoved(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        var editing = EditingAs(app, Roles.BusinessOwner);
        var systems = await SystemsAsync(database);
        var id = await SavedAsync(editing, DatabaseUpgrade(systems["ERP"], systems["CRM"]));
        var form = (await editing.GetAsync(id))!;

        form.SystemIds = [systems["CRM"], systems["Payroll"]];
        form.EstimatedImpact = 90_000m;
        await SavedAsync(editing, form);

        var stored = (await editing.GetAsync(id))!;
        stored.SystemIds.Should().BeEquivalentTo([systems["CRM"], systems["Payroll"]]);
        stored.EstimatedImpact.Should().Be(90_000m);
        stored.Version.Should().Be(form.Version + 1);
        await using var db = database.CreateContext();
        var links = await db.AuditTrail.Where(a => a.EntityType == nameof(TranslationRequestSystem)).ToListAsync();
        links.Should().HaveCount(4, "two links created, then one removed and one added; the CRM link stays untouched");
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveAsync_ReadyWithoutBusinessTranslation_IsRefusedBesideTheTranslationAndNothingIsStored(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        var editing = EditingAs(app, Roles.ItDirector);
        var form = DatabaseUpgrade();
        form.BusinessTranslation = "  ";
        form.Status = TranslationRequestStatus.Ready;

        var outcome = await editing.SaveAsync(form);

        outcome.IsSaved.Should().BeFalse();
        outcome.Problems.ByField.Should().ContainKey(nameof(TranslationRequestForm.BusinessTranslation))
            .WhoseValue.Should().StartWith("Is required before the request is ready");
        (await editing.ListAsync(null, null)).Should().BeEmpty();
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveAsync_EmptyTitleAndReadyWithoutTranslation_NamesBothFields(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        var editing = EditingAs(app, Roles.ReviewFacilitator);
        var form = DatabaseUpgrade();
        form.Title = "";
        form.BusinessTranslation = null;
        form.EstimatedImpact = -5m;
        form.Status = TranslationRequestStatus.Ready;

        var outcome = await editing.SaveAsync(form);

        outcome.Problems.ByField.Keys.Should().BeEquivalentTo(
            [nameof(TranslationRequestForm.Title), nameof(TranslationRequestForm.EstimatedImpact), nameof(TranslationRequestForm.BusinessTranslation)]);
        outcome.Problems.For(nameof(TranslationRequestForm.Title)).Should().Be("Is required.");
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveAsync_DecidingAReadyRequest_OnlyReviewsRunMayAndTheReadyListFollows(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        var itDirector = EditingAs(app, Roles.ItDirector);
        var facilitator = EditingAs(app, Roles.ReviewFacilitator);
        var systems = await SystemsAsync(database);
        var small = DatabaseUpgrade(systems["CRM"]);
        small.Title = "Patch the CRM";
        small.EstimatedImpact = 10_000m;
        small.Status = TranslationRequestStatus.Ready;
        var big = DatabaseUpgrade(systems["ERP"]);
        big.Status = TranslationRequestStatus.Ready;
        var smallId = await SavedAsync(itDirector, small);
        var bigId = await SavedAsync(itDirector, big);
        var agenda = await itDirector.ReadyForReviewAsync();
        agenda.Select(r => (r.Id, r.Title, r.EstimatedImpact)).Should().Equal((bigId, big.Title, big.EstimatedImpact), (smallId, small.Title, 10_000m));
        agenda.Select(r => r.SystemIds.Single()).Should().Equal(systems["ERP"], systems["CRM"]);

        var byItDirector = (await itDirector.GetAsync(bigId))!;
        byItDirector.Status = TranslationRequestStatus.Decided;
        byItDirector.DecisionNote = "Invest: upgrade before the launch.";
        var refused = await itDirector.SaveAsync(byItDirector);
        refused.IsSaved.Should().BeFalse();
        refused.Problems.General.Should().StartWith("Only a review facilitator or an administrator may decide");
        (await itDirector.GetAsync(bigId))!.Status.Should().Be(TranslationRequestStatus.Ready);

        var byFacilitator = (await facilitator.GetAsync(bigId))!;
        byFacilitator.Status = TranslationRequestStatus.Decided;
        byFacilitator.DecisionNote = "Invest: upgrade before the launch.";
        await SavedAsync(facilitator, byFacilitator);

        (await facilitator.GetAsync(bigId))!.Status.Should().Be(TranslationRequestStatus.Decided);
        (await facilitator.ReadyForReviewAsync()).Select(r => r.Id).Should().Equal(smallId);
        var decided = (await itDirector.GetAsync(bigId))!;
        decided.Title = "Changed after the decision";
        (await itDirector.SaveAsync(decided)).Problems.General.Should().StartWith("Only a review facilitator or an administrator");
        var done = (await facilitator.GetAsync(bigId))!;
        done.Status = TranslationRequestStatus.Done;
        await SavedAsync(facilitator, done);
        (await facilitator.ListAsync(TranslationRequestStatus.Done, null)).Select(r => r.Id).Should().Equal(bigId);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveAsync_AsExecutive_IsRefusedAndNothingIsStored(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        var executive = EditingAs(app, Roles.Executive);

        var outcome = await executive.SaveAsync(DatabaseUpgrade());

        outcome.Problems.General.Should().StartWith("Only an administrator, an IT director, a business owner or a review facilitator");
        (await executive.ListAsync(null, null)).Should().BeEmpty();
        (await executive.ChoicesAsync()).MayWrite.Should().BeFalse();
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveAsync_BusinessOwnerNamesAnotherDepartmentsProcess_IsRefusedButTheirOwnIsSaved(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        var salesOwner = app.Services.CreateScope().AsBusinessOwnerOf(Sales).ServiceProvider.GetRequiredService<TranslationRequestEditing>();
        var orderToCash = await ProcessAsync(database, "Order to cash");
        var payroll = await ProcessAsync(database, "Financial close and payroll");
        var form = DatabaseUpgrade();

        form.ProcessId = payroll;
        (await salesOwner.SaveAsync(form)).Problems.General.Should().Contain("\"Financial close and payroll\" is not in one of them");
        form.ProcessId = orderToCash;
        var id = await SavedAsync(salesOwner, form);

        (await salesOwner.ListAsync(null, null)).Single(r => r.Id == id).ProcessName.Should().Be("Order to cash");
        var choices = await salesOwner.ChoicesAsync();
        choices.Processes.Where(p => p.MayName).Select(p => p.DepartmentId).Should().OnlyContain(d => d == Sales);
        choices.Processes.Should().Contain(p => p.DepartmentId == Finance && !p.MayName);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveAsync_TwoEditorsChangeTheSameRequest_TheSecondIsAConflictAndTheFirstIsKept(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        var itDirector = EditingAs(app, Roles.ItDirector);
        var businessOwner = EditingAs(app, Roles.Administrator);
        var id = await SavedAsync(itDirector, DatabaseUpgrade());
        var mine = (await itDirector.GetAsync(id))!;
        var theirs = (await businessOwner.GetAsync(id))!;

        mine.TechnicalNeed = "Upgrade to the vendor's supported version.";
        await SavedAsync(itDirector, mine);
        theirs.BusinessTranslation = "Written by the business, on the version read before IT's change.";
        var conflict = await businessOwner.SaveAsync(theirs);

        conflict.IsConflict.Should().BeTrue();
        conflict.Theirs!.TechnicalNeed.Should().Be("Upgrade to the vendor's supported version.");
        (await itDirector.GetAsync(id))!.BusinessTranslation.Should().StartWith("The new product line");

        theirs.Version = conflict.Theirs.Version;
        await SavedAsync(businessOwner, theirs);
        (await itDirector.GetAsync(id))!.BusinessTranslation.Should().StartWith("Written by the business");
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task ListAsync_StatusAndSearch_FindOnlyTheMatchingRequests(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        var editing = EditingAs(app, Roles.Administrator);
        var upgrade = await SavedAsync(editing, DatabaseUpgrade());
        var patch = DatabaseUpgrade();
        patch.Title = "Patch the CRM";
        patch.TechnicalNeed = "Apply the vendor's security patches.";
        patch.BusinessTranslation = "Sales keeps quoting during the AUDIT.";
        patch.Status = TranslationRequestStatus.Ready;
        var patched = await SavedAsync(editing, patch);

        (await editing.ListAsync(TranslationRequestStatus.Ready, null)).Select(r => r.Id).Should().Equal(patched);
        (await editing.ListAsync(TranslationRequestStatus.Draft, null)).Select(r => r.Id).Should().Equal(upgrade);
        (await editing.ListAsync(null, "audit")).Select(r => r.Id).Should().Equal(patched);
        (await editing.ListAsync(null, "DATABASE")).Select(r => r.Id).Should().Equal(upgrade);
        (await editing.ListAsync(TranslationRequestStatus.Draft, "audit")).Should().BeEmpty();
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task ListAsync_AfterThePortfolioIsCleared_TheRequestStaysWithoutItsSystemsAndProcess(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        var editing = EditingAs(app, Roles.Administrator);
        var systems = await SystemsAsync(database);
        var form = DatabaseUpgrade(systems["ERP"]);
        form.ProcessId = await ProcessAsync(database, "Order to cash");
        var id = await SavedAsync(editing, form);

        // Removing the demo organisation clears the portfolio; the requests are the review's, and outlive it.
        await using (var db = database.CreateContext())
        {
            await PortfolioStore.ClearAsync(db);
        }

        var row = (await editing.ListAsync(null, null)).Should().ContainSingle().Subject;
        row.Id.Should().Be(id);
        row.Systems.Should().BeEmpty();
        row.ProcessName.Should().BeNull();
    }
}
