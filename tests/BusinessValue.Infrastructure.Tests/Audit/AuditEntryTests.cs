using BusinessValue.Infrastructure.Audit;

namespace BusinessValue.Infrastructure.Tests.Audit;

public sealed class AuditEntryTests
{
    [Fact]
    public void Event_SummaryOrActorLongerThanTheirColumns_IsCutToFitAndMarked()
    {
        var entry = AuditEntry.Event(DateTime.UtcNow, AuditAction.UserChanged, new AuditActor(new string('a', 400)), "User", null, new string('s', 2_000));

        entry.Summary.Should().HaveLength(AuditEntry.SummaryMaxLength).And.EndWith("…");
        entry.Actor.Should().HaveLength(AuditEntry.ActorMaxLength).And.EndWith("…");
    }

    [Fact]
    public void Event_ShortText_IsKeptAsItIs()
    {
        var entry = AuditEntry.Event(DateTime.UtcNow, AuditAction.SignedIn, new AuditActor("ada@example.com", Guid.Empty), "Account", null, "Signed in.");

        entry.Summary.Should().Be("Signed in.");
        entry.Actor.Should().Be("ada@example.com");
    }
}
