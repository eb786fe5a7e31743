using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Testing;
using BusinessValue.Web.Features.Scorecard;
using BusinessValue.Web.Features.Settings;
using BusinessValue.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BusinessValue.Web.Tests.Features.Settings;

public sealed class AssumptionSettingsTests
{
    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveAsync_NewMargin_EveryScorecardUsesItAndSaysItIsTheOrganisations(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = app.Services.CreateScope().As(Roles.Administrator);
        var settings = scope.ServiceProvider.GetRequiredService<AssumptionSettings>();
        var scorecards = scope.ServiceProvider.GetRequiredService<CompanyScorecards>();
        var before = (await scorecards.ForAsync("2026-Q3", withTrend: false))!;

        var form = AssumptionsForm.From((await settings.GetAsync())!);
        form.Margin = 0.45m;
        var problem = await settings.SaveAsync(form);

        problem.Should().BeNull();
        (await settings.GetAsync())!.Margin.Should().Be(0.45m);
        var after = (await scorecards.ForAsync("2026-Q3", withTrend: false))!;
        var erpBefore = before.Current.Systems.Single(s => s.Name == "ERP");
        var erp = after.Current.Systems.Single(s => s.Name == "ERP");
        // Net value = value realised − value leaks − (revenue disrupted + revenue lost to slow peaks) × μ (docs/formulas.md).
        var lostRevenue = erp.RevenueDisrupted.Value!.Value + erp.RevenueLostToSlowPeaks.Value!.Value;
        lostRevenue.Should().BePositive("the demo ERP loses revenue in 2026-Q3, so the margin matters");
        erp.NetValue.Value.Should().Be(erp.ValueRealised.Value - erp.ValueLeaks.Value - (lostRevenue * 0.45m));
        erpBefore.NetValue.Value.Should().Be(erp.NetValue.Value + (lostRevenue * 0.15m));
        var margin = erp.NetValue.Why.Inputs.Single(i => i.Symbol == "μ");
        margin.Source.Should().Be(FigureInput.OrganisationSettingSource);
        margin.IsDefaultAssumption.Should().BeFalse();
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveAsync_NewScoreThreshold_TheGapChartDrawsItsLinesThere(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = app.Services.CreateScope().As(Roles.Administrator);
        var settings = scope.ServiceProvider.GetRequiredService<AssumptionSettings>();
        var form = AssumptionsForm.From((await settings.GetAsync())!);
        form.ScoreThreshold = 60m;

        (await settings.SaveAsync(form)).Should().BeNull();
        using var client = await app.CreateSignedInClientAsync();
        var html = await client.GetStringAsync(new Uri("/?period=2026-Q3", UriKind.Relative));

        // x = 48 + 60% of the 656-wide plot: the quadrant lines move with the quadrants.
        html.Should().Contain("x1=\"441.6\"").And.NotContain("x1=\"507.2\"");
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveAsync_MarginAboveOne_SaysWhichFieldAndChangesNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = app.Services.CreateScope().As(Roles.Administrator);
        var settings = scope.ServiceProvider.GetRequiredService<AssumptionSettings>();
        long version;
        await using (var db = database.CreateContext())
        {
            version = await PortfolioStore.VersionAsync(db);
        }

        var form = AssumptionsForm.From((await settings.GetAsync())!);
        form.LabourRatePerHour = 80m;
        form.Margin = 1.5m;
        var problem = await settings.SaveAsync(form);

        problem.Should().StartWith("Margin").And.Contain("1.5");
        var stored = (await settings.GetAsync())!;
        stored.Margin.Should().Be(0.30m);
        stored.LabourRatePerHour.Should().Be(50m, "a rejected form changes nothing, not even its valid fields");
        await using (var db = database.CreateContext())
        {
            (await PortfolioStore.VersionAsync(db)).Should().Be(version);
        }
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveAsync_AsAnExecutive_IsRefusedAndChangesNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = app.Services.CreateScope().As(Roles.Executive);
        var settings = scope.ServiceProvider.GetRequiredService<AssumptionSettings>();
        var form = AssumptionsForm.From((await settings.GetAsync())!);
        form.Margin = 0.9m;

        var problem = await settings.SaveAsync(form);

        problem.Should().Contain("Only an administrator");
        (await settings.GetAsync())!.Margin.Should().Be(0.30m);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveAsync_AsAnAdministrator_AuditsEachChangedFieldWithItsOldAndNewValue(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = app.Services.CreateScope().As(Roles.Administrator, "ada@example.com");
        var settings = scope.ServiceProvider.GetRequiredService<AssumptionSettings>();
        var form = AssumptionsForm.From((await settings.GetAsync())!);
        form.Margin = 0.35m;

        (await settings.SaveAsync(form)).Should().BeNull();

        await using var db = database.CreateContext();
        var entry = await db.AuditTrail.SingleAsync(e => e.EntityType == "OrganisationSettings" && e.Action == AuditAction.Updated);
        entry.Actor.Should().Be("ada@example.com");
        entry.Changes.Should().Contain("\"Field\":\"Assumptions.Margin\",\"Old\":\"0.3\",\"New\":\"0.35\"");
    }
}
