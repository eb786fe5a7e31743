using Bunit;
using BusinessValue.Domain;
using BusinessValue.Domain.Metrics;
using BusinessValue.Domain.Periods;
using BusinessValue.Domain.Systems;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Testing;
using BusinessValue.Web.Features.Metrics;
using BusinessValue.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Web.Tests.Features.Metrics;

public sealed class MetricsPageTests() : MudComponentTest(BusinessPageServices.Add)
{
    private static readonly YearMonth August = new(2026, 8);
    private TestDatabase? _database;

    /// <summary>Two systems; ERP has July and August recorded (August without uptime), CRM nothing.</summary>
    private async Task<IRenderedComponent<MetricsPage>> RenderAsync()
    {
        _database = await BusinessPageServices.Of(Context).UseAsync(Roles.ItDirector, AccessPolicies.EditInventory);
        await using (var db = _database.CreateContext())
        {
            var erp = new ItSystem(Guid.NewGuid(), "ERP", "ERP", null, Lifecycle.Active, StrategicFit.SupportsStrategy, DateTime.UtcNow);
            db.Systems.Add(erp);
            db.Systems.Add(new ItSystem(Guid.NewGuid(), "CRM", "CRM", null, Lifecycle.Active, StrategicFit.SupportsStrategy, DateTime.UtcNow));
            var source = InputSource.Imported("july-august.xlsx", DateTime.UtcNow);
            db.Metrics.Add(new MonthlyMetrics(erp.Id, August.AddMonths(-1)) { UptimePercent = 99.1m, DowntimeMinutes = 30m }.RecordedBy(source));
            db.Metrics.Add(new MonthlyMetrics(erp.Id, August) { DowntimeMinutes = 0m }.RecordedBy(source));
            await db.SaveChangesAsync();
        }

        var page = Context.Render<MetricsPage>();
        page.WaitForAssertion(() => page.FindAll("[data-testid=metrics-row]").Should().HaveCount(2));
        return page;
    }

    private static AngleSharp.Dom.IElement Cell(IRenderedComponent<MetricsPage> page, string system, Measure measure) =>
        page.Find($"tr[data-system={system}] input[data-column={measure.Key}]");

    [Fact]
    public async Task Render_LatestMonth_ZeroShowsAsZeroAndMissingAsAnEmptyCellWithADash()
    {
        var page = await RenderAsync();

        page.Find("[data-testid=metrics-grid]").GetAttribute("data-month").Should().Be("2026-08");
        Cell(page, "ERP", Measures.Downtime).GetAttribute("value").Should().Be("0");
        var missing = Cell(page, "ERP", Measures.Uptime);
        missing.GetAttribute("value").Should().BeNullOrEmpty();
        missing.GetAttribute("placeholder").Should().Be("—");
        page.FindAll("th").Select(h => h.TextContent).Should().Contain(Measures.All.Select(m => m.Name));
    }

    [Fact]
    public async Task Change_UptimeAbove100_ShowsTheMessageAtTheCellAndSaveWritesNothing()
    {
        var page = await RenderAsync();

        Cell(page, "CRM", Measures.Uptime).Change("120");
        page.Find("button[data-testid=save-metrics]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=cell-problem]").TextContent.Should().Be("must be a percentage between 0 and 100 (it is 120)."));
        Cell(page, "CRM", Measures.Uptime).GetAttribute("aria-invalid").Should().Be("true");
        page.Find("[data-testid=metrics-problems]").TextContent.Should().Contain("Nothing was saved");
        await using var db = _database!.CreateContext();
        (await db.Metrics.CountAsync(m => m.Month == August)).Should().Be(1);
    }

    [Fact]
    public async Task CopyLastMonth_FillsOnlyEmptyCellsAndSavesNothingUntilSaved()
    {
        var page = await RenderAsync();

        page.Find("button[data-testid=copy-last-month]").Click();

        page.WaitForAssertion(() => Cell(page, "ERP", Measures.Uptime).GetAttribute("value").Should().Be("99.1"));
        Cell(page, "ERP", Measures.Downtime).GetAttribute("value").Should().Be("0", "a recorded 0 is not empty, so July's 30 does not replace it");
        page.Find("[data-testid=unsaved]").TextContent.Should().Contain("1 changed");
        await using (var db = _database!.CreateContext())
        {
            (await db.Metrics.SingleAsync(m => m.Month == August)).UptimePercent.Should().BeNull();
        }

        page.Find("button[data-testid=save-metrics]").Click();

        page.WaitForAssertion(() => page.FindAll("[data-testid=unsaved]").Should().BeEmpty());
        await using (var db = _database!.CreateContext())
        {
            (await db.Metrics.SingleAsync(m => m.Month == August)).UptimePercent.Should().Be(99.1m);
            (await db.Metrics.CountAsync(m => m.Month == August)).Should().Be(1, "CRM had nothing to copy and nothing typed");
        }
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
