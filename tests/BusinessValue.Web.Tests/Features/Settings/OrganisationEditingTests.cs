using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Testing;
using BusinessValue.Web.Features.Home;
using BusinessValue.Web.Features.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BusinessValue.Web.Tests.Features.Settings;

public sealed class OrganisationEditingTests
{
    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveAsync_NewNameAndEuros_SavedAndTheFirstRunStepIsDone(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database).WithSetting(FirstStartOptions.LoadDemoDataKey, "false");
        using var scope = app.Services.CreateScope().As(Roles.Administrator);
        var editing = scope.ServiceProvider.GetRequiredService<OrganisationEditing>();
        var steps = scope.ServiceProvider.GetRequiredService<FirstRunSteps>();
        (await steps.GetAsync()).Steps[0].Done.Should().BeFalse("nobody has named the new organisation yet");
        var form = await editing.GetAsync();

        form.Name = "Fabrikam Logistics";
        form.Currency = " eur ";
        form.FiscalYearStartMonth = 4;
        var outcome = await editing.SaveAsync(form);

        outcome.IsSaved.Should().BeTrue(outcome.Problem);
        await using (var db = database.CreateContext())
        {
            var organisation = await db.Organisation.SingleAsync();
            organisation.Name.Should().Be("Fabrikam Logistics");
            organisation.Currency.Code.Should().Be("EUR");
            organisation.FiscalYearStartMonth.Should().Be(4);
        }

        var progress = await steps.GetAsync();
        progress.Show.Should().BeTrue();
        progress.Steps.Select(s => s.Done).Should().Equal(true, false, false, false, false, false);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task SaveAsync_CurrencyThatIsNoIsoCode_SaysWhichFieldAndChangesNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = app.Services.CreateScope().As(Roles.Administrator);
        var editing = scope.ServiceProvider.GetRequiredService<OrganisationEditing>();
        var form = await editing.GetAsync();

        form.Currency = "Euro";
        var outcome = await editing.SaveAsync(form);

        outcome.Problem.Should().StartWith("Currency:").And.Contain("three-letter ISO 4217 code");
        (await editing.GetAsync()).Currency.Should().Be("USD");
    }

    [Fact]
    public async Task SaveAsync_AnItDirector_IsRefused()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = app.Services.CreateScope().As(Roles.ItDirector);
        var editing = scope.ServiceProvider.GetRequiredService<OrganisationEditing>();
        var form = await editing.GetAsync();
        var name = form.Name;

        form.Name = "Not theirs to rename";

        (await editing.SaveAsync(form)).Problem.Should().Contain("Only an administrator");
        (await editing.GetAsync()).Name.Should().Be(name);
    }
}
