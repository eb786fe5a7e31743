using System.Globalization;
using System.Text.Json;
using BusinessValue.Domain;
using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Periods;
using BusinessValue.Domain.Reviews;
using BusinessValue.Infrastructure.Identity;

namespace BusinessValue.Infrastructure.PortfolioDocuments;

/// <summary>The reviews section (docs/portfolio-format.md#reviews), checked as strictly as the rest of the document.</summary>
public static partial class PortfolioDocumentReader
{
    private sealed partial class Mapper
    {
        private readonly HashSet<Guid> _accounts = [];
        private readonly HashSet<Guid> _reviews = [];
        private readonly HashSet<Guid> _actionItems = [];
        private readonly HashSet<Guid> _requests = [];
        private readonly HashSet<Guid> _reviewParts = [];

        public ReviewRecords? Reviews { get; private set; }

        private ReviewRecords ReviewsSection(ReviewsDocument r)
        {
            const string Path = "$.reviews";
            NotNull(r.Accounts, $"{Path}.accounts");
            NotNull(r.Quarters, $"{Path}.quarters");
            NotNull(r.ActionItems, $"{Path}.actionItems");
            NotNull(r.TranslationRequests, $"{Path}.translationRequests");
            var accounts = Each(r.Accounts, $"{Path}.accounts", Account);
            UniqueNames(r.Accounts?.Select(x => x?.UserName), $"{Path}.accounts", "account", "userName");
            var requests = Each(r.TranslationRequests, $"{Path}.translationRequests", Request);

            // Reviews first (action items name the review they were raised in), then their agendas and decisions,
            // which may name action items.
            var quarters = r.Quarters ?? [];
            var reviews = new List<(ReviewDocument Document, string Path, Review Review)>();
            for (var i = 0; i < quarters.Count; i++)
            {
                if (quarters[i] is null)
                {
                    Problem($"{Path}.quarters[{i}]", "is empty.");
                }
                else if (ReviewOf(quarters[i], $"{Path}.quarters[{i}]") is { } review)
                {
                    reviews.Add((quarters[i], $"{Path}.quarters[{i}]", review));
                }
            }

            Unique(quarters, x => x.Quarter?.ToUpperInvariant(), $"{Path}.quarters", "there is one review per quarter, and another one is of this quarter");
            var actionItems = Each(r.ActionItems, $"{Path}.actionItems", ActionItemOf);
            var agenda = new List<AgendaItem>();
            var decisions = new List<ReviewDecision>();
            var frozen = new List<FrozenReview>();
            foreach (var (document, path, review) in reviews)
            {
                NotNull(document.Agenda, $"{path}.agenda");
                NotNull(document.Decisions, $"{path}.decisions");
                agenda.AddRange(Each(document.Agenda, $"{path}.agenda", (x, p) => AgendaItemOf(x, p, review.Id)));
                decisions.AddRange(Each(document.Decisions, $"{path}.decisions", (x, p) => DecisionOf(x, p, review.Id)));
                Unique(document.Decisions, x => x.SystemId, $"{path}.decisions", "the review has another decision for this system");
                if (FrozenOf(document, path, review) is { } f)
                {
                    frozen.Add(f);
                }
            }

            return new ReviewRecords(accounts, [.. reviews.Select(x => x.Review)], agenda, decisions, frozen, actionItems, requests);
        }

        private ReviewAccount? Account(ReviewAccountDocument x, string path)
        {
            Id(x.Id, path, _accounts, "account");
            if (string.IsNullOrWhiteSpace(x.UserName) || x.UserName.Length > Review.NameMaxLength)
            {
                Problem($"{path}.userName", $"must be the account's sign-in name, in 1 to {Review.NameMaxLength} characters.");
                return null;
            }

            if (x.DisplayName is { Length: > AppUser.DisplayNameMaxLength })
            {
                Problem($"{path}.displayName", $"must be at most {AppUser.DisplayNameMaxLength} characters.");
                return null;
            }

            return new ReviewAccount(x.Id, x.UserName.Trim(), x.DisplayName?.Trim() ?? string.Empty);
        }

        private Review? ReviewOf(ReviewDocument x, string path)
        {
            Id(x.Id, path, _reviews, "review");
            var status = Choice<ReviewStatus>(x.Status, $"{path}.status");
            Period? quarter = null;
            if (!TryQuarter(x.Quarter, out var parsed))
            {
                Problem($"{path}.quarter", $"must be a quarter written YYYY-Qn, such as 2026-Q3 (it is '{x.Quarter}').");
            }
            else
            {
                quarter = parsed;
            }

            if (x.AgendaEdits < 0)
            {
                Problem($"{path}.agendaEdits", $"must be 0 or more (it is {x.AgendaEdits}).");
            }

            if (status is not { } s || quarter is null || !Lifecycle(x, path, s) || x.AgendaEdits < 0)
            {
                return null;
            }

            // The review is brought to its status through its own lifecycle, so the domain's rules check the
            // document; the times are the document's.
            return Attempt(path, () =>
            {
                var review = new Review(x.Id, quarter, x.MeetingDate, x.Attendees, x.CreatedBy!, Utc(x.CreatedAtUtc));
                for (var i = 0; i < x.AgendaEdits; i++)
                {
                    review.AgendaChanged();
                }

                if (s == ReviewStatus.Draft)
                {
                    return review;
                }

                review.Start(Utc(x.StartedAtUtc!.Value));
                if (x.ReopenedBy is not null)
                {
                    review.Close(x.ClosedBy!, Utc(x.ClosedAtUtc!.Value));
                    review.Reopen(x.ReopenedBy, Utc(x.ReopenedAtUtc!.Value), x.ReopenReason!);
                }

                if (s == ReviewStatus.Closed)
                {
                    review.Close(x.ClosedBy!, Utc(x.ClosedAtUtc!.Value));
                }

                return review;
            });
        }

        /// <summary>Whether the times and names fit the status; each missing or surplus one is a problem.</summary>
        private bool Lifecycle(ReviewDocument x, string path, ReviewStatus status)
        {
            var count = Problems.Count;
            var reopened = x.ReopenedBy is not null || x.ReopenedAtUtc is not null || x.ReopenReason is not null;
            void Required(bool present, string field, string why)
            {
                if (!present)
                {
                    Problem($"{path}.{field}", $"is required: {why}.");
                }
            }

            void Absent(bool present, string field, string why)
            {
                if (present)
                {
                    Problem($"{path}.{field}", $"must be left out: {why}.");
                }
            }

            if (status == ReviewStatus.Draft)
            {
                Absent(x.StartedAtUtc is not null, "startedAtUtc", "a draft review has not started");
                Absent(x.ClosedBy is not null || x.ClosedAtUtc is not null, x.ClosedBy is not null ? "closedBy" : "closedAtUtc", "a draft review has not been closed");
                Absent(reopened, "reopenedBy", "a draft review has not been reopened");
                return Problems.Count == count;
            }

            Required(x.StartedAtUtc is not null, "startedAtUtc", "a review in progress or closed has started");
            if (status == ReviewStatus.Closed || reopened)
            {
                Required(!string.IsNullOrWhiteSpace(x.ClosedBy), "closedBy", "a closed or reopened review names who closed it");
                Required(x.ClosedAtUtc is not null, "closedAtUtc", "a closed or reopened review says when it was closed");
            }
            else
            {
                Absent(x.ClosedBy is not null || x.ClosedAtUtc is not null, x.ClosedBy is not null ? "closedBy" : "closedAtUtc", "a review in progress that was never reopened has not been closed");
            }

            if (reopened)
            {
                Required(!string.IsNullOrWhiteSpace(x.ReopenedBy), "reopenedBy", "a reopened review names the administrator who reopened it");
                Required(x.ReopenedAtUtc is not null, "reopenedAtUtc", "a reopened review says when it was reopened");
                Required(!string.IsNullOrWhiteSpace(x.ReopenReason), "reopenReason", "a reopened review says why it was reopened");
            }

            return Problems.Count == count;
        }

        private FrozenReview? FrozenOf(ReviewDocument x, string path, Review review)
        {
            if (review.Status != ReviewStatus.Closed)
            {
                if (x.Frozen is not null)
                {
                    Problem($"{path}.frozen", $"must be left out: only a closed review has frozen figures (this one is {Review.Describe(review.Status)}).");
                }

                return null;
            }

            if (x.Frozen is not { } f)
            {
                Problem($"{path}.frozen", "is required for a closed review: its frozen figures are the record of what it decided on.");
                return null;
            }

            var count = Problems.Count;
            if (string.IsNullOrWhiteSpace(f.PortfolioDocument))
            {
                Problem($"{path}.frozen.portfolioDocument", "is required: the portfolio document as it was when the review closed.");
            }
            else if (Read(f.PortfolioDocument, nowUtc) is { IsValid: false } frozenDocument)
            {
                Problem($"{path}.frozen.portfolioDocument", $"is not a readable portfolio document: {frozenDocument.Problems[0]}");
            }

            Parses<QuarterFigures>(f.Figures, $"{path}.frozen.figures", "the quarter's headline figures");
            Parses<List<ActionItemState>>(f.ActionItems, $"{path}.frozen.actionItems", "the action items as shown (a list, [] when there were none)");
            return Problems.Count == count ? new FrozenReview(review.Id, Utc(f.FrozenAtUtc), f.PortfolioDocument!, f.Figures!, f.ActionItems!) : null;
        }

        private void Parses<T>(string? json, string path, string what)
            where T : class
        {
            try
            {
                if (string.IsNullOrWhiteSpace(json) || JsonSerializer.Deserialize<T>(json, ReviewFiguresJson.Options) is null)
                {
                    Problem(path, $"is required: {what}, as text.");
                }
            }
            catch (JsonException ex)
            {
                Problem(path, $"is not {what} as the product freezes them: {PortfolioJson.Describe(ex)} (at {ex.Path ?? "$"} inside the text).");
            }
        }

        private AgendaItem? AgendaItemOf(AgendaItemDocument x, string path, Guid reviewId)
        {
            Id(x.Id, path, _reviewParts, "record");
            var kind = Choice<AgendaItemKind>(x.Kind, $"{path}.kind");
            // The agenda names an action item through a foreign key; systems and translation requests it may outlive.
            var ok = Reference(x.ActionItemId, _actionItems, $"{path}.actionItemId", "action item");
            if (x.Reason is null || x.Reason.Length > AgendaItem.ReasonMaxLength)
            {
                Problem($"{path}.reason", $"must say why the item is on the agenda, in at most {AgendaItem.ReasonMaxLength} characters.");
                ok = false;
            }

            if (x.Position < 0)
            {
                Problem($"{path}.position", $"must be 0 or more (it is {x.Position}).");
                ok = false;
            }

            return ok && kind is { } k
                ? Attempt(path, () => new AgendaItem(x.Id, reviewId, x.Position, new AgendaEntry(k, x.Title!, x.Reason!, x.SystemId, x.ActionItemId, x.TranslationRequestId), x.Note))
                : null;
        }

        private ReviewDecision? DecisionOf(ReviewDecisionDocument x, string path, Guid reviewId)
        {
            Id(x.Id, path, _reviewParts, "record");
            if (x.SystemId == Guid.Empty)
            {
                Problem($"{path}.systemId", "is required: the system the decision is about.");
            }

            var suggested = x.Suggested is null ? null : Choice<TimeDecision>(x.Suggested, $"{path}.suggested");
            var decision = Choice<TimeDecision>(x.Decision, $"{path}.decision");
            if (x.SystemId == Guid.Empty || (x.Suggested is not null && suggested is null) || decision is not { } d)
            {
                return null;
            }

            return Attempt(path, () => new ReviewDecision(x.Id, reviewId, x.SystemId).Decide(suggested, d, x.Reason, x.Notes, x.DecidedBy!, Utc(x.DecidedAtUtc)));
        }

        private ActionItem? ActionItemOf(ActionItemDocument x, string path)
        {
            Id(x.Id, path, _actionItems, "action item");
            var ok = Reference(x.RaisedInReviewId, _reviews, $"{path}.raisedInReviewId", "review")
                     & Reference(x.ItOwnerId, _accounts, $"{path}.itOwnerId", "account in $.reviews.accounts")
                     & Reference(x.BusinessOwnerId, _accounts, $"{path}.businessOwnerId", "account in $.reviews.accounts");
            var status = Choice<ActionItemStatus>(x.Status, $"{path}.status");
            if (status == ActionItemStatus.Done && x.DoneAtUtc is null)
            {
                Problem($"{path}.doneAtUtc", "is required when the status is done: when was it done?");
                ok = false;
            }
            else if (status is not null and not ActionItemStatus.Done && (x.DoneAtUtc is not null || x.DoneBy is not null))
            {
                Problem($"{path}.{(x.DoneAtUtc is not null ? "doneAtUtc" : "doneBy")}", "must be left out: the item is not done.");
                ok = false;
            }

            if (!ok || status is not { } s)
            {
                return null;
            }

            return Attempt(path, () =>
            {
                var item = new ActionItem(x.Id, x.RaisedInReviewId, x.Title!, x.ItOwnerId, x.BusinessOwnerId, x.DueDate, x.SystemId, Utc(x.CreatedAtUtc));
                item.ChangeStatus(s, x.DoneBy!, x.DoneAtUtc is { } done ? Utc(done) : default);
                return item;
            });
        }

        private TranslationRequest? Request(TranslationRequestDocument x, string path)
        {
            Id(x.Id, path, _requests, "translation request");
            var ok = Reference(x.ProcessId, _processes, $"{path}.processId", "process");
            NotNull(x.SystemIds, $"{path}.systemIds");
            x.SystemIds ??= [];
            for (var i = 0; i < x.SystemIds.Count; i++)
            {
                ok &= Reference(x.SystemIds[i], _systems, $"{path}.systemIds[{i}]", "system");
            }

            var status = Choice<TranslationRequestStatus>(x.Status, $"{path}.status");
            var source = Source(x.Source, $"{path}.source");
            if (!ok || status is not { } s)
            {
                return null;
            }

            // Walked along Draft → Ready → Decided → Done, so the domain checks what each step needs.
            return Attempt(path, () =>
            {
                var request = new TranslationRequest(x.Id, x.Title!, x.TechnicalNeed!, x.BusinessTranslation, x.ProcessId, x.NeededBy, x.EstimatedImpact, x.SystemIds, x.CreatedBy!, Utc(x.CreatedAtUtc));
                foreach (var step in new[] { TranslationRequestStatus.Ready, TranslationRequestStatus.Decided, TranslationRequestStatus.Done }.Where(step => step <= s))
                {
                    request.MoveTo(step, step == TranslationRequestStatus.Ready ? null : x.DecisionNote);
                }

                return source is null ? request : request.RecordedBy(source);
            });
        }

        private static bool TryQuarter(string? text, out Period quarter)
        {
            quarter = null!;
            if (text is null || text.Length != 7 || text[4] != '-' || text[5] is not ('Q' or 'q') || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || text[6] is < '1' or > '4')
            {
                return false;
            }

            try
            {
                quarter = Period.Quarter(year, text[6] - '0');
                return true;
            }
            catch (Exception ex) when (ex is DomainRuleException or ArgumentException)
            {
                return false;
            }
        }
    }
}
