using Bunit;
using BusinessValue.Web.Features.Systems;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BusinessValue.Web.Tests.Features.Systems;

public sealed class DeleteSystemDialogTests : MudComponentTest
{
    private (IRenderedComponent<MudDialogProvider> Provider, Task<bool> Confirmed) Show(SystemDependents dependents)
    {
        var provider = Context.Render<MudDialogProvider>();
        var dialogs = Context.Services.GetRequiredService<IDialogService>();
        var confirmed = provider.InvokeAsync(() => DeleteSystemDialog.ConfirmAsync(dialogs, dependents));
        provider.WaitForElement("[data-testid=delete-consequences]");
        return (provider, confirmed);
    }

    [Fact]
    public void ConfirmAsync_SystemWithDependents_NamesHowManyOfEachGoWithIt()
    {
        var (provider, _) = Show(new SystemDependents("ERP", 3, Dependencies: 2, Integrations: 1, Workarounds: 3, MonthsOfMetrics: 12, RestoreTests: 0));

        string Text(string id) => provider.Find($"[data-testid={id}]").TextContent.Trim();
        Text("delete-dependencies").Should().Be("2 dependencies of business processes on it");
        Text("delete-integrations").Should().Be("1 integration to or from it");
        Text("delete-metrics").Should().Be("12 months of metrics");
        Text("delete-restore-tests").Should().Be("0 restore tests");
        Text("delete-workarounds").Should().StartWith("3 workarounds are linked to it; they stay with their departments");
        provider.Markup.Should().Contain("Delete ERP?");
    }

    [Theory]
    [InlineData("delete-confirm", true)]
    [InlineData("delete-cancel", false)]
    public async Task ConfirmAsync_UserChooses_ReturnsWhetherToDelete(string button, bool expected)
    {
        var (provider, confirmed) = Show(new SystemDependents("CRM", 0, 0, 0, 0, 0, 0));

        provider.Find($"[data-testid={button}]").Click();

        (await confirmed.WaitAsync(TimeSpan.FromSeconds(5))).Should().Be(expected);
    }
}
