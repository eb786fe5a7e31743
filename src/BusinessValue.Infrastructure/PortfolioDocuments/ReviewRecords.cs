using BusinessValue.Domain.Reviews;

namespace BusinessValue.Infrastructure.PortfolioDocuments;

/// <summary>
/// The quarterly reviews and what they refer to, as the portfolio document's "reviews" section carries them:
/// read by export, written by restore with their ids and frozen figures exactly as stored.
/// </summary>
public sealed record ReviewRecords(
    IReadOnlyList<ReviewAccount> Accounts,
    IReadOnlyList<Review> Reviews,
    IReadOnlyList<AgendaItem> Agenda,
    IReadOnlyList<ReviewDecision> Decisions,
    IReadOnlyList<FrozenReview> Frozen,
    IReadOnlyList<ActionItem> ActionItems,
    IReadOnlyList<TranslationRequest> TranslationRequests)
{
    public static ReviewRecords None { get; } = new([], [], [], [], [], [], []);
}

/// <summary>A user account that owns action items, by id and name (never its password, roles or sign-ins).</summary>
public sealed record ReviewAccount(Guid Id, string UserName, string DisplayName);
