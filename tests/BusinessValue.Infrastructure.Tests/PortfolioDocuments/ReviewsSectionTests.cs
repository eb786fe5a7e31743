using System.Text.Json.Nodes;
using BusinessValue.Domain.Periods;
using BusinessValue.Domain.Reviews;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Testing;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Infrastructure.Tests.PortfolioDocuments;

/// <summary>The portfolio document's reviews section: written, read, checked and restored (docs/portfolio-format.md#reviews).</summary>
public sealed class ReviewsSectionTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime ExportedAt = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly Domain.Engine.Portfolio Portfolio = SyntheticPortfolio.Generate(6, 6, seed: 21, new YearMonth(2026, 9));

    [Fact]
    public void Read_DocumentWithReviews_ReadsBackToTheSameDocument()
    {
        var json = PortfolioDocumentWriter.ToJson(Portfolio, ExportedAt, ReviewRecordsExample.For(Portfolio));

        var result = PortfolioDocumentReader.Read(json, Now);

        result.Problems.Should().BeEmpty();
        result.Reviews!.Reviews.Select(r => (r.Quarter.Label, r.Status)).Should().Equal(("2026-Q2", ReviewStatus.Closed), ("2026-Q3", ReviewStatus.InProgress));
        PortfolioDocumentWriter.ToJson(result.Portfolio!, ExportedAt, result.Reviews).Should().Be(json);
    }

    [Fact]
    public void Read_DocumentWithoutReviews_HasNoReviewsSection()
    {
        var result = PortfolioDocumentReader.Read(PortfolioDocumentWriter.ToJson(Portfolio, ExportedAt), Now);

        result.IsValid.Should().BeTrue();
        result.Reviews.Should().BeNull("a document without the section leaves the database's reviews alone");
    }

    public static TheoryData<string, string, string> Malformed() => new()
    {
        { "closed without frozen figures", "$.reviews.quarters[0].frozen", "is required for a closed review" },
        { "frozen figures on an open review", "$.reviews.quarters[1].frozen", "only a closed review has frozen figures (this one is in progress)" },
        { "frozen figures not JSON", "$.reviews.quarters[0].frozen.figures", "is not the quarter's headline figures as the product freezes them" },
        { "frozen document unreadable", "$.reviews.quarters[0].frozen.portfolioDocument", "is not a readable portfolio document: $.schemaVersion" },
        { "quarter 5", "$.reviews.quarters[0].quarter", "must be a quarter written YYYY-Qn" },
        { "two reviews of one quarter", "$.reviews.quarters[1]", "there is one review per quarter" },
        { "two reviews of one quarter, one written in lower case", "$.reviews.quarters[1]", "there is one review per quarter" },
        { "unknown status", "$.reviews.quarters[1].status", "'adjourned' is not one of draft, inProgress, closed" },
        { "closed without closing time", "$.reviews.quarters[0].closedAtUtc", "is required: a closed or reopened review says when it was closed" },
        { "decision without reason", "$.reviews.quarters[0].decisions[0]", "Reason: is required when the decision (Invest) differs from the suggestion (Tolerate)" },
        { "owner not among the accounts", "$.reviews.actionItems[0].itOwnerId", "is not an account in $.reviews.accounts in this document" },
        { "action item of an unknown review", "$.reviews.actionItems[1].raisedInReviewId", "is not a review in this document" },
        { "done without when", "$.reviews.actionItems[0].doneAtUtc", "is required when the status is done" },
        { "agenda names an unknown action item", "$.reviews.quarters[1].agenda[0].actionItemId", "is not an action item in this document" },
        { "request about an unknown system", "$.reviews.translationRequests[0].systemIds[1]", "is not a system in this document" },
        { "decided request without its note", "$.reviews.translationRequests[0]", "Decision note: is required once the request is decided" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Read_MalformedReviewsSection_NamesThePlaceAndTheReasonAndGivesNothing(string mistake, string path, string reason)
    {
        var document = JsonNode.Parse(PortfolioDocumentWriter.ToJson(Portfolio, ExportedAt, ReviewRecordsExample.For(Portfolio)))!;
        var reviews = document["reviews"]!;
        var q2 = reviews["quarters"]![0]!;
        var q3 = reviews["quarters"]![1]!;
        var unknown = "00000000-0000-4000-8000-0000000000ff";
        Action change = mistake switch
        {
            "closed without frozen figures" => () => q2.AsObject().Remove("frozen"),
            "frozen figures on an open review" => () => q3["frozen"] = q2["frozen"]!.DeepClone(),
            "frozen figures not JSON" => () => q2["frozen"]!["figures"] = "{ \"quarter\": ",
            "frozen document unreadable" => () => q2["frozen"]!["portfolioDocument"] = "{ \"schemaVersion\": 7 }",
            "quarter 5" => () => q2["quarter"] = "2026-Q5",
            "two reviews of one quarter" => () => q3["quarter"] = "2026-Q2",
            "two reviews of one quarter, one written in lower case" => () => q3["quarter"] = "2026-q2",
            "unknown status" => () => q3["status"] = "adjourned",
            "closed without closing time" => () => q2.AsObject().Remove("closedAtUtc"),
            "decision without reason" => () => q2["decisions"]![0]!.AsObject().Remove("reason"),
            "owner not among the accounts" => () => reviews["actionItems"]![0]!["itOwnerId"] = unknown,
            "action item of an unknown review" => () => reviews["actionItems"]![1]!["raisedInReviewId"] = unknown,
            "done without when" => () => reviews["actionItems"]![0]!.AsObject().Remove("doneAtUtc"),
            "agenda names an unknown action item" => () => q3["agenda"]![0]!["actionItemId"] = unknown,
            "request about an unknown system" => () => reviews["translationRequests"]![0]!["systemIds"]![1] = unknown,
            "decided request without its note" => () => reviews["translationRequests"]![0]!.AsObject().Remove("decisionNote"),
            _ => throw new ArgumentOutOfRangeException(nameof(mistake), mistake, null),
        };
        change();

        var result = PortfolioDocumentReader.Read(document.ToJsonString(), Now);

        result.IsValid.Should().BeFalse();
        result.Portfolio.Should().BeNull();
        result.Reviews.Should().BeNull();
        result.Problems.Should().Contain(p => p.Path == path && p.Reason.Contains(reason, StringComparison.Ordinal),
            string.Join(Environment.NewLine, result.Problems));
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task ReplaceAsync_WithReviews_ExportsTheSameDocumentAgain(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var reviews = ReviewRecordsExample.For(Portfolio);
        var json = PortfolioDocumentWriter.ToJson(Portfolio, ExportedAt, reviews);
        var read = PortfolioDocumentReader.Read(json, Now);

        await using (var db = database.CreateContext())
        {
            await PortfolioStore.ReplaceAsync(db, read.Portfolio!, read.Reviews);
        }

        await using (var db = database.CreateContext())
        {
            PortfolioDocumentWriter.ToJson((await PortfolioStore.LoadAsync(db))!, ExportedAt, await PortfolioStore.LoadReviewsAsync(db)).Should().Be(json);
            // The owners did not exist here: they are added named, disabled, without password or role.
            var owners = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync();
            owners.Select(u => (u.UserName, u.IsDisabled, u.PasswordHash)).Should().Equal(
                ("business.owner1@test.local", true, null), ("it.owner1@test.local", true, null));
            (await db.UserRoles.CountAsync()).Should().Be(0);
        }
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task ReplaceAsync_OverADatabaseWithReviews_ReplacesThemWhenTheDocumentHasTheSectionAndKeepsThemWhenNot(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var other = SyntheticPortfolio.Generate(4, 3, seed: 22, new YearMonth(2026, 9));
        await using (var db = database.CreateContext())
        {
            await PortfolioStore.ReplaceAsync(db, Portfolio, ReviewRecordsExample.For(Portfolio, seed: 1));
        }

        // A document without the section: the portfolio is replaced, the reviews stay (as before the section existed).
        await using (var db = database.CreateContext())
        {
            await PortfolioStore.ReplaceAsync(db, other);
        }

        await using (var db = database.CreateContext())
        {
            (await db.Reviews.CountAsync()).Should().Be(2);
            (await db.FrozenReviews.CountAsync()).Should().Be(1);
        }

        // A document with the section: the reviews are the document's, and only those.
        var replacement = ReviewRecordsExample.For(other, seed: 2);
        await using (var db = database.CreateContext())
        {
            await PortfolioStore.ReplaceAsync(db, other, replacement);
        }

        await using (var db = database.CreateContext())
        {
            PortfolioDocumentWriter.ToJson((await PortfolioStore.LoadAsync(db))!, ExportedAt, await PortfolioStore.LoadReviewsAsync(db))
                .Should().Be(PortfolioDocumentWriter.ToJson(other, ExportedAt, replacement));
            (await db.Users.CountAsync()).Should().Be(4, "accounts are never deleted by a restore");
        }
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task ReplaceAsync_OwnerNameTakenByAnotherAccount_IsRefusedAndChangesNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var first = ReviewRecordsExample.For(Portfolio, seed: 1);
        await using (var db = database.CreateContext())
        {
            await PortfolioStore.ReplaceAsync(db, Portfolio, first);
            db.Users.Add(new AppUser { Id = Guid.NewGuid(), UserName = "it.owner2@test.local", NormalizedUserName = "IT.OWNER2@TEST.LOCAL", DisplayName = "Someone else", SecurityStamp = "x" });
            await db.SaveChangesAsync();
        }

        var other = SyntheticPortfolio.Generate(4, 3, seed: 22, new YearMonth(2026, 9));
        await using (var db = database.CreateContext())
        {
            var replace = () => PortfolioStore.ReplaceAsync(db, other, ReviewRecordsExample.For(other, seed: 2));
            (await replace.Should().ThrowAsync<PortfolioRestoreException>()).Which.Problems.Should().ContainSingle()
                .Which.ToString().Should().Be($"$.reviews.accounts[0].userName: 'it.owner2@test.local' is another account in this database " +
                    $"(id {await db.Users.Where(u => u.UserName == "it.owner2@test.local").Select(u => u.Id).SingleAsync()}, the document's is " +
                    $"{ReviewRecordsExample.For(other, seed: 2).Accounts[0].Id}): restore into a database without that account, or rename one of them first.");
        }

        await using (var db = database.CreateContext())
        {
            PortfolioDocumentWriter.ToJson((await PortfolioStore.LoadAsync(db))!, ExportedAt, await PortfolioStore.LoadReviewsAsync(db))
                .Should().Be(PortfolioDocumentWriter.ToJson(Portfolio, ExportedAt, first), "the portfolio and its reviews are as they were");
        }
    }
}
