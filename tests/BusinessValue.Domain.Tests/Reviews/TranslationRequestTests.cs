using BusinessValue.Domain;
using BusinessValue.Domain.Reviews;

namespace BusinessValue.Domain.Tests.Reviews;

public sealed class TranslationRequestTests
{
    private static readonly Guid Erp = Guid.NewGuid();
    private static readonly Guid Crm = Guid.NewGuid();

    private static TranslationRequest Draft(string? translation = "The new product line needs 3× customer volume next quarter; without it peak orders slow down.") =>
        new(Guid.NewGuid(), "Upgrade the database", "Upgrade the database infrastructure", translation, null, new DateOnly(2026, 12, 31), 250_000m, [Erp], "it.director", new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc));

    private static TranslationRequest Decided()
    {
        var request = Draft();
        return request.MoveTo(TranslationRequestStatus.Ready, null).MoveTo(TranslationRequestStatus.Decided, "Invest: upgrade in Q1.");
    }

    [Fact]
    public void Constructor_NewRequest_IsADraftWithWhoWroteItAndWhen()
    {
        var request = Draft();

        request.Status.Should().Be(TranslationRequestStatus.Draft);
        request.CreatedBy.Should().Be("it.director");
        request.CreatedAtUtc.Should().Be(new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc));
        request.SystemIds.Should().Equal(Erp);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void MoveTo_ReadyWithoutBusinessTranslation_IsRefusedOnTheTranslationAndStaysDraft(string? translation)
    {
        var request = Draft(translation);

        var ready = () => request.MoveTo(TranslationRequestStatus.Ready, null);

        ready.Should().Throw<DomainRuleException>()
            .Where(e => e.Field == TranslationRequest.BusinessTranslationField && e.Reason.StartsWith("is required before the request is ready", StringComparison.Ordinal));
        request.Status.Should().Be(TranslationRequestStatus.Draft);
    }

    [Fact]
    public void MoveTo_ReadyWithTranslationButNoDate_IsReady()
    {
        var request = new TranslationRequest(Guid.NewGuid(), "Patch the CRM", "Apply the vendor's patches", "Sales keeps quoting during the audit", null, null, 0m, [], "it", DateTime.UtcNow);

        request.MoveTo(TranslationRequestStatus.Ready, null).Status.Should().Be(TranslationRequestStatus.Ready);
    }

    [Fact]
    public void Describe_ReadyRequestLosesItsTranslation_IsRefusedAndKeepsTheText()
    {
        var request = Draft().MoveTo(TranslationRequestStatus.Ready, null);
        var before = request.BusinessTranslation;

        var clear = () => request.Describe(request.Title, request.TechnicalNeed, " ", null, null, 1m, [Erp]);

        clear.Should().Throw<DomainRuleException>().Where(e => e.Field == TranslationRequest.BusinessTranslationField);
        request.BusinessTranslation.Should().Be(before);
        request.EstimatedImpact.Should().Be(250_000m);
    }

    [Fact]
    public void MoveTo_TheWholeWayAndBackFromReady_FollowsDraftReadyDecidedDone()
    {
        var request = Draft();

        request.MoveTo(TranslationRequestStatus.Ready, null).Status.Should().Be(TranslationRequestStatus.Ready);
        request.MoveTo(TranslationRequestStatus.Draft, null).Status.Should().Be(TranslationRequestStatus.Draft);
        request.MoveTo(TranslationRequestStatus.Ready, null).MoveTo(TranslationRequestStatus.Decided, " Invest: upgrade in Q1. ");
        request.Status.Should().Be(TranslationRequestStatus.Decided);
        request.DecisionNote.Should().Be("Invest: upgrade in Q1.");
        request.MoveTo(TranslationRequestStatus.Done, "Invest: upgrade in Q1.").Status.Should().Be(TranslationRequestStatus.Done);
    }

    [Theory]
    [InlineData(TranslationRequestStatus.Draft, TranslationRequestStatus.Decided)]
    [InlineData(TranslationRequestStatus.Draft, TranslationRequestStatus.Done)]
    [InlineData(TranslationRequestStatus.Ready, TranslationRequestStatus.Done)]
    [InlineData(TranslationRequestStatus.Decided, TranslationRequestStatus.Ready)]
    [InlineData(TranslationRequestStatus.Decided, TranslationRequestStatus.Draft)]
    [InlineData(TranslationRequestStatus.Done, TranslationRequestStatus.Decided)]
    [InlineData(TranslationRequestStatus.Done, TranslationRequestStatus.Draft)]
    public void MoveTo_SkippingOrGoingBackFromADecision_IsRefusedOnTheStatus(TranslationRequestStatus from, TranslationRequestStatus to)
    {
        var request = Draft();
        foreach (var step in new[] { TranslationRequestStatus.Ready, TranslationRequestStatus.Decided, TranslationRequestStatus.Done }.Where(s => s <= from))
        {
            request.MoveTo(step, "Decided at the Q4 review.");
        }

        var move = () => request.MoveTo(to, "Decided at the Q4 review.");

        move.Should().Throw<DomainRuleException>().Where(e => e.Field == TranslationRequest.StatusField);
        request.Status.Should().Be(from);
    }

    [Fact]
    public void MoveTo_DecidedWithoutANote_IsRefusedOnTheNote()
    {
        var request = Draft().MoveTo(TranslationRequestStatus.Ready, null);

        var decide = () => request.MoveTo(TranslationRequestStatus.Decided, "  ");

        decide.Should().Throw<DomainRuleException>().Where(e => e.Field == TranslationRequest.DecisionNoteField);
        request.Status.Should().Be(TranslationRequestStatus.Ready);
    }

    [Fact]
    public void Describe_DecidedRequestChanged_IsRefusedButTheSameValuesPass()
    {
        var request = Decided();

        var same = () => request.Describe(request.Title, request.TechnicalNeed, request.BusinessTranslation, request.ProcessId, request.NeededBy, request.EstimatedImpact, [Erp]);
        var changed = () => request.Describe(request.Title, request.TechnicalNeed, request.BusinessTranslation, request.ProcessId, request.NeededBy, request.EstimatedImpact, [Erp, Crm]);

        same.Should().NotThrow();
        changed.Should().Throw<DomainRuleException>().Where(e => e.Field == TranslationRequest.StatusField);
        request.SystemIds.Should().Equal(Erp);
    }

    [Fact]
    public void Describe_ImpactWithSevenDecimals_IsRefusedOnTheImpactLikeEveryOtherAmount()
    {
        // PostgreSQL's numeric(20,6) would round a seventh decimal and SQLite would not: refused as everywhere else.
        var request = Draft();

        var describe = () => request.Describe("Upgrade", "Upgrade the database", null, null, null, 1.2345678m, []);

        describe.Should().Throw<DomainRuleException>().Where(e => e.Field == TranslationRequest.EstimatedImpactField && e.Message.Contains("at most 6 decimal places"));
        request.EstimatedImpact.Should().Be(250_000m);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1_000_000_000_001)]
    public void Describe_ImpactBelowZeroOrAboveATrillion_IsRefusedOnTheImpact(decimal impact)
    {
        var request = Draft();

        var describe = () => request.Describe("Upgrade", "Upgrade the database", null, null, null, impact, []);

        describe.Should().Throw<DomainRuleException>().Where(e => e.Field == TranslationRequest.EstimatedImpactField);
        request.EstimatedImpact.Should().Be(250_000m);
    }

    [Fact]
    public void Describe_SystemsChanged_KeepsTheLinksThatStay()
    {
        var request = Draft();
        var kept = request.Systems[0];

        request.Describe(request.Title, request.TechnicalNeed, request.BusinessTranslation, null, null, 1m, [Crm, Erp, Crm]);

        request.SystemIds.Should().BeEquivalentTo([Erp, Crm]);
        request.Systems.Should().Contain(kept);
    }
}
