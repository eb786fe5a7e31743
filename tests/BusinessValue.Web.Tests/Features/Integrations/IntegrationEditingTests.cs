using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Integrations;
using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Testing;
using BusinessValue.Web.Features.Integrations;
using BusinessValue.Web.Features.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BusinessValue.Web.Tests.Features.Integrations;

/// <summary>Integrations added, changed and removed through the inventory's service, on the demo organisation and both providers.</summary>
public sealed class IntegrationEditingTests
{
    private static IServiceScope ScopeAs(BusinessValueAppFactory app, string role) => app.Services.CreateScope().As(role);

    private static async Task<(SystemChoice Erp, SystemChoice Crm)> ErpAndCrmAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var systems = await db.Systems.Where(s => s.Name == "ERP" || s.Name == "CRM").ToDictionaryAsync(s => s.Name, s => new SystemChoice(s.Id, s.Name));
        return (systems["ERP"], systems["CRM"]);
    }

    [Fact]
    public void AnnualManualCost_SemiAutomated500TransfersOf3Minutes_IsTheFormulasExampleForAYear()
    {
        // docs/formulas.md: 3 months × 500 × 3/60 × 50 × 0.5 = 1,875; a year is four times that.
        var form = new IntegrationForm { Mode = IntegrationMode.SemiAutomated, TransfersPerMonth = 500m, MinutesPerTransfer = 3m, LabourRatePerHour = 50m };

        form.AnnualManualCost.Should().Be(7_500m);
        Integration.ManualCost(3, 500m, 3m, IntegrationMode.SemiAutomated, 50m).Should().Be(1_875m);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveAsync_NewManualIntegration_IsStoredAndTheEngineCountsTheCostTheFormShowed(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = ScopeAs(app, Roles.ItDirector);
        var editing = scope.ServiceProvider.GetRequiredService<IntegrationEditing>();
        var settings = scope.ServiceProvider.GetRequiredService<AssumptionSettings>();
        var (erp, crm) = await ErpAndCrmAsync(database);
        var form = await editing.NewAsync(erp.Id);
        form.Source.Should().Be(erp);
        form.LabourRatePerHour.Should().Be((await settings.GetAsync())!.LabourRatePerHour);
        form.Name = "Orders re-keyed into CRM";
        form.Target = crm;
        form.Mode = IntegrationMode.Manual;
        form.TransfersPerMonth = 1_000m;
        form.MinutesPerTransfer = 6m;
        var shown = form.AnnualManualCost;
        var engine = new TranslationEngine();
        var year = Period.Parse("FY2026");
        decimal? before;
        await using (var read = database.CreateContext())
        {
            before = engine.Calculate((await PortfolioStore.LoadAsync(read))!, year).Portfolio.ManualIntegrationCost.Value;
        }

        var outcome = await editing.SaveAsync(form);

        outcome.IsSaved.Should().BeTrue(outcome.Problems.General);
        (await editing.ForSystemAsync(crm.Id)).Should().ContainSingle(r => r.Id == outcome.Id).Which.AnnualManualCost.Should().Be(shown);
        await using var db = database.CreateContext();
        var portfolio = (await PortfolioStore.LoadAsync(db))!;
        var stored = portfolio.Integrations.Single(i => i.Id == outcome.Id);
        // 12 × 1,000 × 6/60 × R × 1.0: the portfolio's figure for the year rises by exactly what the form showed.
        shown.Should().Be(12m * 1_000m * 6m / 60m * form.LabourRatePerHour);
        (engine.Calculate(portfolio, year).Portfolio.ManualIntegrationCost.Value - before).Should().Be(shown);
        stored.FirstRecordedMode.Should().Be(IntegrationMode.Manual);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveAsync_TwoEditorsChangeTheSameIntegration_TheSecondIsAConflictAndTheFirstIsKept(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var firstScope = ScopeAs(app, Roles.ItDirector);
        using var secondScope = ScopeAs(app, Roles.Administrator);
        var first = firstScope.ServiceProvider.GetRequiredService<IntegrationEditing>();
        var second = secondScope.ServiceProvider.GetRequiredService<IntegrationEditing>();
        var id = (await first.PageAsync(null, 1)).Rows[0].Id;
        var mine = (await first.GetAsync(id))!;
        var theirs = (await second.GetAsync(id))!;

        mine.TransfersPerMonth += 10m;
        (await first.SaveAsync(mine)).IsSaved.Should().BeTrue();
        theirs.Name = "Renamed by the second editor";
        var conflict = await second.SaveAsync(theirs);

        conflict.IsConflict.Should().BeTrue();
        conflict.Theirs!.TransfersPerMonth.Should().Be(mine.TransfersPerMonth);
        (await first.GetAsync(id))!.Name.Should().Be(mine.Name);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveAsync_NoTargetAndNegativeNumbers_NamesEachFieldAndAddsNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = ScopeAs(app, Roles.ItDirector);
        var editing = scope.ServiceProvider.GetRequiredService<IntegrationEditing>();
        var (erp, _) = await ErpAndCrmAsync(database);
        var before = (await editing.PageAsync(null, 1)).Total;
        var form = await editing.NewAsync(erp.Id);
        form.Name = "";
        form.TransfersPerMonth = -1m;
        form.MinutesPerTransfer = -2m;

        var outcome = await editing.SaveAsync(form);

        outcome.Problems.ByField.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            [nameof(IntegrationForm.Target)] = "Choose the target system.",
            [nameof(IntegrationForm.Name)] = "Is required.",
            [nameof(IntegrationForm.TransfersPerMonth)] = "Must be zero or more (it is -1).",
            [nameof(IntegrationForm.MinutesPerTransfer)] = "Must be zero or more (it is -2).",
        });
        (await editing.PageAsync(null, 1)).Total.Should().Be(before);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task DeleteAsync_AsEditorAndAsExecutive_OnlyTheEditorRemovesIt(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var editorScope = ScopeAs(app, Roles.ItDirector);
        using var executiveScope = ScopeAs(app, Roles.Executive);
        var editor = editorScope.ServiceProvider.GetRequiredService<IntegrationEditing>();
        var executive = executiveScope.ServiceProvider.GetRequiredService<IntegrationEditing>();
        var (id, version) = ((await editor.PageAsync(null, 1)).Rows[0].Id, (await editor.PageAsync(null, 1)).Rows[0].Version);

        (await executive.DeleteAsync(id, version)).Should().StartWith("Only an IT director or an administrator");
        (await editor.GetAsync(id)).Should().NotBeNull();
        (await editor.DeleteAsync(id, version)).Should().BeNull();
        (await editor.GetAsync(id)).Should().BeNull();
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task DeleteAsync_IntegrationChangedSinceItWasListed_IsRefusedAndKept(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = ScopeAs(app, Roles.ItDirector);
        var editing = scope.ServiceProvider.GetRequiredService<IntegrationEditing>();
        var listed = (await editing.PageAsync(null, 1)).Rows[0];
        var form = (await editing.GetAsync(listed.Id))!;
        form.TransfersPerMonth += 10m;
        (await editing.SaveAsync(form)).IsSaved.Should().BeTrue("someone else saves the integration meanwhile");

        (await editing.DeleteAsync(listed.Id, listed.Version)).Should().Contain($"Someone changed the integration {listed.Name}");

        (await editing.GetAsync(listed.Id))!.TransfersPerMonth.Should().Be(listed.TransfersPerMonth + 10m);
    }
}
