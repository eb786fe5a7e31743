using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Reviews;

namespace BusinessValue.Domain.Tests.Reviews;

public sealed class ReviewDecisionTests
{
    private static readonly DateTime Now = new(2026, 10, 15, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Decide_DiffersFromSuggestionWithoutReason_RefusedNamingTheReason()
    {
        var decision = new ReviewDecision(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        var act = () => decision.Decide(TimeDecision.Invest, TimeDecision.Eliminate, "  ", null, "facilitator", Now);

        act.Should().Throw<DomainRuleException>().Which.Field.Should().Be("Reason");
        act.Should().Throw<DomainRuleException>().WithMessage("Reason: is required when the decision (Eliminate) differs from the suggestion (Invest)*");
    }

    [Fact]
    public void Decide_NoSuggestionWithoutReason_Refused()
    {
        var decision = new ReviewDecision(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        var act = () => decision.Decide(null, TimeDecision.Tolerate, null, null, "facilitator", Now);

        act.Should().Throw<DomainRuleException>().Which.Reason.Should().Contain("no suggestion");
    }

    [Fact]
    public void Decide_AcceptsSuggestionWithoutReason_Recorded()
    {
        var decision = new ReviewDecision(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid())
            .Decide(TimeDecision.Migrate, TimeDecision.Migrate, null, "Move to the cloud ERP", "facilitator", Now);

        decision.FollowsSuggestion.Should().BeTrue();
        decision.Notes.Should().Be("Move to the cloud ERP");
        decision.DecidedAtUtc.Should().Be(Now);
    }
}
