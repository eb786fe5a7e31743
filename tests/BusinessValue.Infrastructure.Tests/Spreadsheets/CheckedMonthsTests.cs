using BusinessValue.Domain.Metrics;
using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.Spreadsheets;

namespace BusinessValue.Infrastructure.Tests.Spreadsheets;

public sealed class CheckedMonthsTests
{
    [Fact]
    public void Detached_BatchReusedAfterwards_KeepsTheMonthsValues()
    {
        var batch = new CheckedMonths(2);
        var system = Guid.NewGuid();
        batch.Next()[Measures.Uptime.Ordinal] = 99.5m;
        batch.Keep(system, new YearMonth(2026, 3));
        var kept = batch[0].Detached();

        batch.Clear();
        batch.Next()[Measures.Uptime.Ordinal] = 12m;
        batch.Keep(Guid.NewGuid(), new YearMonth(2026, 4));

        (kept.SystemId, kept.Month, kept[Measures.Uptime.Ordinal]).Should().Be((system, new YearMonth(2026, 3), 99.5m));
    }

    [Fact]
    public void Add_MonthCheckedTheGeneralWay_PutsMeasuresAndTicketsInTheirSlots()
    {
        var batch = new CheckedMonths(1);
        var month = new MonthlyMetrics(Guid.NewGuid(), new YearMonth(2026, 3)) { ActiveUsers = 40, P2 = new TicketStats(3, 4.5m, 2m) };

        batch.Add(month);

        var row = batch[0];
        var p2 = CheckedMonths.TicketSlot(1);
        (row.Whole(Measures.ActiveUsers.Ordinal), row[Measures.Uptime.Ordinal], row.Whole(p2), row[p2 + 1], row[p2 + 2]).Should().Be((40, null, 3, 4.5m, 2m));
    }
}
