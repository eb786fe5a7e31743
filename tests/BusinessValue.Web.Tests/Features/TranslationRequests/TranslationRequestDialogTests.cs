using Bunit;
using BusinessValue.Domain.Reviews;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Web.Features.TranslationRequests;
using BusinessValue.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BusinessValue.Web.Tests.Features.TranslationRequests;

public sealed class TranslationRequestDialogTests() : MudComponentTest(BusinessPageServices.Add)
{
    private Testing.TestDatabase? _database;

    private async Task<(IRenderedComponent<MudDialogProvider> Provider, Task<bool> Saved, Testing.TestDatabase Database)> OpenAsync(TranslationRequestForm form)
    {
        var database = _database = await BusinessPageServices.Of(Context).UseAsync(Roles.ItDirector, AccessPolicies.ReadScorecards, AccessPolicies.EditTranslationRequests);
        var editing = Context.Services.GetRequiredService<TranslationRequestEditing>();
        var choices = await editing.ChoicesAsync();
        Context.Render<MudPopoverProvider>();
        var provider = Context.Render<MudDialogProvider>();
        var dialogs = Context.Services.GetRequiredService<IDialogService>();
        var saved = provider.InvokeAsync(() => TranslationRequestDialog.EditAsync(dialogs, form, choices));
        provider.WaitForElement("[data-testid=translation-request-dialog]");
        return (provider, saved, database);
    }

    private static string FieldText(IRenderedComponent<MudDialogProvider> provider, string control) =>
        provider.Find(control).Closest(".mud-input-control")!.TextContent;

    [Fact]
    public async Task Save_MarkedReadyWithoutBusinessTranslation_ShowsTheMessageBesideTheTranslationAndStoresNothing()
    {
        var (provider, saved, database) = await OpenAsync(new TranslationRequestForm { Status = TranslationRequestStatus.Ready });
        provider.Find("input#request-title").Change("Upgrade the database");
        provider.Find("textarea#request-technical-need").Change("Upgrade the database infrastructure");

        provider.Find("[data-testid=request-save]").Click();

        provider.WaitForAssertion(() => FieldText(provider, "textarea#request-business-translation")
            .Should().Contain("Is required before the request is ready: say what the business gains or risks, in its words."));
        FieldText(provider, "input#request-title").Should().NotContain("required");
        FieldText(provider, "textarea#request-technical-need").Should().NotContain("required");
        provider.FindAll("[data-testid=translation-request-dialog]").Should().HaveCount(1, "the dialog stays open with what was typed");
        saved.IsCompleted.Should().BeFalse();
        await using var db = database.CreateContext();
        (await db.TranslationRequests.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Save_ReadyWithItsBusinessTranslation_ClosesTheDialogAndStoresItReady()
    {
        var (provider, saved, database) = await OpenAsync(new TranslationRequestForm { Status = TranslationRequestStatus.Ready });
        provider.Find("input#request-title").Change("Upgrade the database");
        provider.Find("textarea#request-technical-need").Change("Upgrade the database infrastructure");
        provider.Find("textarea#request-business-translation").Change("Without it, peak-hour orders slow down when the new product line launches.");

        provider.Find("[data-testid=request-save]").Click();

        (await saved.WaitAsync(TimeSpan.FromSeconds(10))).Should().BeTrue();
        await using var db = database.CreateContext();
        (await db.TranslationRequests.SingleAsync()).Status.Should().Be(TranslationRequestStatus.Ready);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
