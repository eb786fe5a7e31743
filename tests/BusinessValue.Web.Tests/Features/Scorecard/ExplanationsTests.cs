using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Testing;
using BusinessValue.Web.Features.Scorecard;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BusinessValue.Web.Tests.Features.Scorecard;

public sealed class ExplanationsTests
{
    [Theory]
    [InlineData(Roles.Viewer, false)]
    [InlineData(Roles.Executive, true)]
    [InlineData(Roles.BusinessOwner, true)]
    public async Task ShowAsync_ByRole_OpensTheExplanationOnlyForRolesThatMayReadIt(string role, bool opens)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database);
        using var scope = app.Services.CreateScope().As(role);
        // As in a circuit: the snackbar follows the page's address.
        ((IHostEnvironmentNavigationManager)scope.ServiceProvider.GetRequiredService<NavigationManager>()).Initialize("https://localhost/", "https://localhost/");
        var view = await scope.ServiceProvider.GetRequiredService<CompanyScorecards>().ForAsync("2026-Q3", withTrend: false);
        var dialogs = scope.ServiceProvider.GetRequiredService<IDialogService>();
        var opened = 0;
        dialogs.DialogInstanceAddedAsync += _ =>
        {
            opened++;
            return Task.CompletedTask;
        };

        await scope.ServiceProvider.GetRequiredService<Explanations>().ShowAsync(view!.Current.Portfolio.WasteRatio, view.Currency);

        opened.Should().Be(opens ? 1 : 0);
        scope.ServiceProvider.GetRequiredService<ISnackbar>().ShownSnackbars.Should().HaveCount(opens ? 0 : 1);
    }
}
