using System.Text.Json;
using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Periods;
using BusinessValue.Domain.Reviews;
using BusinessValue.Infrastructure.PortfolioDocuments;

namespace BusinessValue.Infrastructure.Tests.PortfolioDocuments;

/// <summary>
/// Reviews on a portfolio, as the app would have stored them: 2026-Q2 closed (frozen figures, a decision that
/// differs from the suggestion, one action item done and one open, a translation request decided), 2026-Q3 in
/// progress with the open item on its agenda. Whole seconds, as both databases keep them.
/// </summary>
internal static class ReviewRecordsExample
{
    public static readonly DateTime ClosedAt = new(2026, 7, 14, 16, 0, 0, DateTimeKind.Utc);

    public static ReviewRecords For(Portfolio portfolio, int seed = 1)
    {
        var random = new Random(seed);
        Guid Id() => new(Enumerable.Range(0, 16).Select(_ => (byte)random.Next(256)).ToArray());
        var systems = portfolio.Systems.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        var it = new ReviewAccount(Id(), $"it.owner{seed}@test.local", "Ines IT");
        var business = new ReviewAccount(Id(), $"business.owner{seed}@test.local", "Bo Business");
        var created = new DateTime(2026, 7, 1, 9, 0, 0, DateTimeKind.Utc);

        var request = new TranslationRequest(Id(), "Upgrade the order database", "PostgreSQL 12 is out of support", "Orders stop if the database fails unpatched",
                portfolio.Processes[0].Id, new DateOnly(2027, 3, 31), 250_000.55m, [systems[0].Id, systems[1].Id], "it.owner@test.local", created)
            .MoveTo(TranslationRequestStatus.Ready, null)
            .MoveTo(TranslationRequestStatus.Decided, "Approved for Q4, funded from the run budget");

        var q2 = new Review(Id(), Period.Quarter(2026, 2), new DateOnly(2026, 7, 14), "CIO, CFO, head of operations", "facilitator@test.local", created);
        var agenda = new List<AgendaItem>
        {
            new(Id(), q2.Id, 0, new AgendaEntry(AgendaItemKind.TranslationRequestReady, request.Title, "ready for a decision", TranslationRequestId: request.Id)),
            AgendaItem.Custom(Id(), q2.Id, 1, "Budget for next year", "Bring the draft numbers"),
        };
        q2.AgendaChanged();
        q2.AgendaChanged();
        q2.Start(created.AddDays(13));
        var decision = new ReviewDecision(Id(), q2.Id, systems[0].Id)
            .Decide(TimeDecision.Tolerate, TimeDecision.Invest, "Strategic platform", "Revisit after the upgrade", "facilitator@test.local", created.AddDays(13).AddHours(1));
        var done = new ActionItem(Id(), q2.Id, "Test the ERP restore", it.Id, business.Id, new DateOnly(2026, 9, 1), systems[0].Id, created.AddDays(13).AddHours(2));
        var open = new ActionItem(Id(), q2.Id, "Retire the fax server", it.Id, business.Id, new DateOnly(2026, 12, 1), null, created.AddDays(13).AddHours(3));
        q2.Close("facilitator@test.local", ClosedAt);
        var figures = QuarterFigures.From(new TranslationEngine().Calculate(portfolio, Period.Quarter(2026, 2)));
        var frozen = new FrozenReview(q2.Id, ClosedAt, PortfolioDocumentWriter.ToJson(portfolio, ClosedAt),
            JsonSerializer.Serialize(figures, ReviewFiguresJson.Options), JsonSerializer.Serialize(new[] { done.State(), open.State() }, ReviewFiguresJson.Options));
        done.ChangeStatus(ActionItemStatus.Done, "it.owner@test.local", new DateTime(2026, 8, 20, 10, 0, 0, DateTimeKind.Utc));

        var q3 = new Review(Id(), Period.Quarter(2026, 3), new DateOnly(2026, 10, 14), null, "facilitator@test.local", new DateTime(2026, 10, 1, 9, 0, 0, DateTimeKind.Utc));
        agenda.Add(new AgendaItem(Id(), q3.Id, 0, new AgendaEntry(AgendaItemKind.OverdueActionItem, open.Title, "due 2026-12-01, not done", ActionItemId: open.Id)));
        q3.AgendaChanged();
        q3.Start(new DateTime(2026, 10, 14, 9, 0, 0, DateTimeKind.Utc));

        return new ReviewRecords([it, business], [q2, q3], agenda, [decision], [frozen], [done, open], [request]);
    }
}
