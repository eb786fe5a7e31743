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

    [Theory]
    [InlineData("conflict-use-mine", 7)]
    [InlineData("conflict-discard", 5)]
    public async Task Save_AMonthSomeoneSavedMeanwhile_ShowsBothVersionsSavesTheOtherRowAndAppliesTheChoice(string button, int expectedDowntime)
    {
        var page = await RenderAsync();
        var dialogs = Context.Render<MudBlazor.MudDialogProvider>();
        await SomeoneElseSavesErpAugustDowntimeAsync(5m);

        Cell(page, "ERP", Measures.Downtime).Change("7");
        Cell(page, "CRM", Measures.Uptime).Change("99");
        page.Find("button[data-testid=save-metrics]").Click();

        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=conflict-table]"));
        var downtime = dialogs.FindAll("[data-testid=conflict-row]").Single(r => r.QuerySelector("th")!.TextContent == Measures.Downtime.Name);
        downtime.QuerySelector("[data-testid=conflict-stored]")!.TextContent.Trim().Should().Be("5");
        downtime.QuerySelector("[data-testid=conflict-yours]")!.TextContent.Trim().Should().Be("7");
        await using (var db = _database!.CreateContext())
        {
            (await db.Metrics.CountAsync(m => m.Month == August)).Should().Be(2, "CRM's row did not conflict and was saved");
            (await ErpAugustAsync(db)).DowntimeMinutes.Should().Be(5m, "nothing of ERP is written before the choice");
        }

        dialogs.Find($"button[data-testid={button}]").Click();

        page.WaitForAssertion(() => Cell(page, "ERP", Measures.Downtime).GetAttribute("value").Should().Be(expectedDowntime.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        page.FindAll("[data-testid=unsaved]").Should().BeEmpty();
        await using (var db = _database!.CreateContext())
        {
            (await ErpAugustAsync(db)).DowntimeMinutes.Should().Be(expectedDowntime);
        }
    }

    [Fact]
    public async Task Save_ConflictDialogClosedWithoutChoosing_RowStaysAsTypedAndMarked()
    {
        var page = await RenderAsync();
        var dialogs = Context.Render<MudBlazor.MudDialogProvider>();
        await SomeoneElseSavesErpAugustDowntimeAsync(5m);

        Cell(page, "ERP", Measures.Downtime).Change("7");
        page.Find("button[data-testid=save-metrics]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=conflict-table]"));

        await dialogs.InvokeAsync(() => dialogs.Find("button.mud-button-close").Click());

        page.WaitForAssertion(() => page.Find("[data-testid=metrics-conflicts]").TextContent.Should().Contain("ERP"));
        page.Find("tr[data-system=ERP]").GetAttribute("data-conflict").Should().Be("true");
        Cell(page, "ERP", Measures.Downtime).GetAttribute("value").Should().Be("7");
        await using var check = _database!.CreateContext();
        (await ErpAugustAsync(check)).DowntimeMinutes.Should().Be(5m);
    }

    private async Task SomeoneElseSavesErpAugustDowntimeAsync(decimal minutes)
    {
        await using var db = _database!.CreateContext();
        db.Entry(await ErpAugustAsync(db)).Property(Measures.Downtime.Key).CurrentValue = minutes;
        await db.SaveChangesAsync();
    }

    private static async Task<MonthlyMetrics> ErpAugustAsync(BusinessValue.Infrastructure.Persistence.BusinessValueDbContext db)
    {
        var erp = await db.Systems.Where(s => s.Name == "ERP").Select(s => s.Id).SingleAsync();
        return await db.Metrics.SingleAsync(m => m.Month == August && m.SystemId == erp);
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
