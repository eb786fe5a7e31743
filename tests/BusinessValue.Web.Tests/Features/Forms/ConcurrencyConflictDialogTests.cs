using Bunit;
using BusinessValue.Web.Features.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BusinessValue.Web.Tests.Features.Forms;

public sealed class ConcurrencyConflictDialogTests : MudComponentTest
{
    private static readonly ConflictRow[] Rows =
    [
        new("Vendor", "SAP", "Oracle"),
        new("Category", "Enterprise resource planning", "Enterprise resource planning"),
    ];

    private (IRenderedComponent<MudDialogProvider> Provider, Task<ConflictChoice> Choice) Show()
    {
        var provider = Context.Render<MudDialogProvider>();
        var dialogs = Context.Services.GetRequiredService<IDialogService>();
        var choice = provider.InvokeAsync(() => ConcurrencyConflictDialog.ShowAsync(dialogs, "the system ERP", Rows));
        provider.WaitForElement("[data-testid=conflict-table]");
        return (provider, choice);
    }

    [Fact]
    public void ShowAsync_TwoFields_ShowsTheirsAndYoursSideBySideAndMarksOnlyTheOneThatDiffers()
    {
        var (provider, _) = Show();

        provider.Markup.Should().Contain("Someone else changed the system ERP while you were editing");
        var rows = provider.FindAll("[data-testid=conflict-row]");
        rows.Should().HaveCount(2);
        rows[0].QuerySelector("[data-testid=conflict-stored]")!.TextContent.Trim().Should().Be("SAP");
        rows[0].QuerySelector("[data-testid=conflict-yours]")!.TextContent.Trim().Should().Be("Oracle");
        rows.Select(r => r.GetAttribute("data-differs")).Should().Equal("true", "false");
    }

    [Theory]
    [InlineData("conflict-use-mine", ConflictChoice.UseMine)]
    [InlineData("conflict-discard", ConflictChoice.DiscardMine)]
    public async Task ShowAsync_UserClicksAChoice_ReturnsIt(string button, ConflictChoice expected)
    {
        var (provider, choice) = Show();

        provider.Find($"[data-testid={button}]").Click();

        (await choice.WaitAsync(TimeSpan.FromSeconds(5))).Should().Be(expected);
        provider.FindAll("[data-testid=conflict-table]").Should().BeEmpty("the dialog closed");
    }
}
