using Bunit;
using BusinessValue.Domain.Organisation;
using BusinessValue.Domain.Reviews;
using BusinessValue.Domain.Systems;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Testing;
using BusinessValue.Web.Features.TranslationRequests;
using BusinessValue.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BusinessValue.Web.Tests.Features.TranslationRequests;

public sealed class TranslationRequestsPageTests() : MudComponentTest(BusinessPageServices.Add)
{
    private TestDatabase? _database;

    /// <summary>An organisation counting in EUR, a ready request on ERP and CRM, and an untranslated draft.</summary>
    private async Task<IRenderedComponent<TranslationRequestsPage>> RenderAsync(string role, string[] policies, string? status = null)
    {
        _database = await BusinessPageServices.Of(Context).UseAsync(role, policies);
        await using (var db = _database.CreateContext())
        {
            var organisation = new OrganisationSettings("Fabrikam", DateTime.UtcNow);
            organisation.ChangeCurrencyAndCalendar(CurrencyCode.Parse("EUR"), 1, DateTime.UtcNow);
            db.Organisation.Add(organisation);
            var erp = new ItSystem(Guid.NewGuid(), "ERP", "Finance", null, Lifecycle.Active, StrategicFit.SupportsStrategy, DateTime.UtcNow);
            var crm = new ItSystem(Guid.NewGuid(), "CRM", "Sales", null, Lifecycle.Active, StrategicFit.SupportsStrategy, DateTime.UtcNow);
            db.Systems.AddRange(erp, crm);
            db.TranslationRequests.Add(new TranslationRequest(Guid.NewGuid(), "Upgrade the database", "Upgrade the database infrastructure",
                    "The new product line needs 3× customer volume", null, new DateOnly(2027, 3, 31), 480_000m, [erp.Id, crm.Id], "it", new DateTime(2026, 11, 2, 0, 0, 0, DateTimeKind.Utc))
                .MoveTo(TranslationRequestStatus.Ready, null));
            db.TranslationRequests.Add(new TranslationRequest(Guid.NewGuid(), "Patch the CRM", "Apply the vendor's patches", null, null, null, 0m, [crm.Id], "it", new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc)));
            await db.SaveChangesAsync();
        }

        Context.Render<MudPopoverProvider>();
        var navigation = Context.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameter("status", status));
        var page = Context.Render<TranslationRequestsPage>();
        page.WaitForAssertion(() => page.FindAll("[data-testid=translation-request-row]").Should().NotBeEmpty());
        return page;
    }

    [Fact]
    public async Task Render_AsViewer_ShowsEachNeedBesideItsTranslationWithSystemsAndImpactButNoEditing()
    {
        var page = await RenderAsync(Roles.Viewer, [AccessPolicies.ReadScorecards]);

        var rows = page.FindAll("[data-testid=translation-request-row]");
        rows.Should().HaveCount(2);
        var ready = rows[0];
        ready.QuerySelector("[data-testid=request-title]")!.TextContent.Should().Be("Upgrade the database");
        ready.QuerySelector("[data-testid=request-need]")!.TextContent.Should().Be("Upgrade the database infrastructure");
        ready.QuerySelector("[data-testid=request-translation]")!.TextContent.Should().Be("The new product line needs 3× customer volume");
        ready.QuerySelector("[data-testid=request-impact]")!.TextContent.Should().Be("480,000 EUR");
        ready.QuerySelector("[data-testid=request-status]")!.TextContent.Should().Be("Ready for decision");
        ready.QuerySelectorAll("[data-testid=request-systems] .mud-chip").Select(c => c.TextContent.Trim()).Should().Equal("CRM", "ERP");
        rows[1].QuerySelector("[data-testid=request-translation-missing]").Should().NotBeNull();
        page.FindAll("[data-testid=new-translation-request]").Should().BeEmpty();
        page.FindAll("[data-testid=edit-translation-request]").Should().BeEmpty();
    }

    [Fact]
    public async Task Render_StatusDraftAsItDirector_ListsOnlyTheDraftAndOffersEditing()
    {
        var page = await RenderAsync(Roles.ItDirector, [AccessPolicies.ReadScorecards, AccessPolicies.EditTranslationRequests], status: "draft");

        page.FindAll("[data-testid=translation-request-row]").Select(r => r.QuerySelector("[data-testid=request-title]")!.TextContent).Should().Equal("Patch the CRM");
        page.FindAll("[data-testid=new-translation-request]").Should().HaveCount(1);
        page.FindAll("[data-testid=edit-translation-request]").Should().HaveCount(1);
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
