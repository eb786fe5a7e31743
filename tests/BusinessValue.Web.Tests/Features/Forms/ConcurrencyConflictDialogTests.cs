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

    [Theory]
    [InlineData("conflict-use-mine", "saved mine")]
    [InlineData("conflict-discard", "showed theirs")]
    [InlineData(null, "")]
    public async Task ResolveAsync_ABusinessFormsConflict_ShowsBothVersionsAndRunsOnlyTheChosenPath(string? button, string expected)
    {
        // Someone changed the headcount from 101 to 202 while this reader kept 101.
        var outcome = Web.Features.SaveOutcome.Conflicted([("Name", "Sales"), ("Headcount", "101")], [("Name", "Sales"), ("Headcount", "202")], theirVersion: 3);
        var provider = Context.Render<MudDialogProvider>();
        var dialogs = Context.Services.GetRequiredService<IDialogService>();
        var ran = string.Empty;
        var choice = provider.InvokeAsync(() => ConcurrencyConflictDialog.ResolveAsync(dialogs, "the department Sales", outcome,
            () => { ran = "showed theirs"; return Task.CompletedTask; },
            () => { ran = "saved mine"; return Task.CompletedTask; }));
        provider.WaitForElement("[data-testid=conflict-table]");
        var rows = provider.FindAll("[data-testid=conflict-row]");
        rows.Select(r => r.GetAttribute("data-differs")).Should().Equal("false", "true");
        rows[1].QuerySelector("[data-testid=conflict-stored]")!.TextContent.Trim().Should().Be("202");
        rows[1].QuerySelector("[data-testid=conflict-yours]")!.TextContent.Trim().Should().Be("101");

        provider.Find(button is null ? "button.mud-button-close" : $"[data-testid={button}]").Click();

        (await choice.WaitAsync(TimeSpan.FromSeconds(5))).Should().Be(button switch
        {
            "conflict-use-mine" => ConflictChoice.UseMine,
            "conflict-discard" => ConflictChoice.DiscardMine,
            _ => ConflictChoice.Undecided,
        });
        ran.Should().Be(expected, "closing without a choice saves nothing and keeps the form as typed");
    }
}
