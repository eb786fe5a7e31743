using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Testing;
using BusinessValue.Web.Features.Reviews;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BusinessValue.Web.Tests.Features.Reviews;

/// <summary>
/// A synthetic portfolio of six systems with a year of metrics to September 2026, three user accounts (an IT owner and
/// two business owners), the app on it, and a clock the test moves: 15 October 2026, after Q3.
/// </summary>
internal sealed class ReviewScenario : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 10, 15, 9, 0, 0, TimeSpan.Zero);

    private ReviewScenario(TestDatabase database, BusinessValueAppFactory app, FakeTimeProvider clock)
    {
        Database = database;
        App = app;
        Clock = clock;
    }

    public TestDatabase Database { get; }

    public BusinessValueAppFactory App { get; }

    public FakeTimeProvider Clock { get; }

    public Guid ItOwner { get; private set; }

    public Guid BusinessOwner { get; private set; }

    public Guid OtherBusinessOwner { get; private set; }

    public DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    /// <param name="configure">Settings or services of the app beyond the scenario's clock, e.g. a command counter.</param>
    /// <param name="portfolio">Another portfolio than the six systems (e.g. the restore drill's larger one).</param>
    public static async Task<ReviewScenario> CreateAsync(Infrastructure.Database.DatabaseProvider provider, Func<BusinessValueAppFactory, BusinessValueAppFactory>? configure = null, Domain.Engine.Portfolio? portfolio = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(Start);
        var app = new BusinessValueAppFactory(database).WithServices(s => s.AddSingleton<TimeProvider>(clock));
        app = configure?.Invoke(app) ?? app;
        var scenario = new ReviewScenario(database, app, clock);
        _ = app.Services;
        await using (var db = database.CreateContext())
        {
            await PortfolioStore.ReplaceAsync(db, portfolio ?? SyntheticPortfolio.Generate(6, 12, 12, new YearMonth(2026, 9)));
        }

        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        async Task<Guid> AddAsync(string name, string role)
        {
            var user = new AppUser { UserName = name, Email = name, DisplayName = name, CreatedAtUtc = Start.UtcDateTime };
            (await users.CreateAsync(user)).Succeeded.Should().BeTrue();
            (await users.AddToRoleAsync(user, role)).Succeeded.Should().BeTrue();
            return user.Id;
        }

        scenario.ItOwner = await AddAsync("it.owner@test.local", Roles.ItDirector);
        scenario.BusinessOwner = await AddAsync("business.owner@test.local", Roles.BusinessOwner);
        scenario.OtherBusinessOwner = await AddAsync("other.owner@test.local", Roles.BusinessOwner);
        return scenario;
    }

    public IServiceScope As(string role) => App.Services.CreateScope().As(role);

    public IServiceScope AsUser(Guid userId, string role) => App.Services.CreateScope().AsUser(userId, role);

    /// <summary>A draft for <paramref name="quarter"/>, made by a review facilitator; fails the test if refused.</summary>
    public async Task<Guid> DraftAsync(string quarter)
    {
        using var scope = As(Roles.ReviewFacilitator);
        var outcome = await scope.ServiceProvider.GetRequiredService<ReviewPlanning>()
            .CreateDraftAsync(new ReviewForm { Quarter = quarter, MeetingDate = Today.AddDays(7), Attendees = "CIO, CFO, head of operations" });
        outcome.IsSaved.Should().BeTrue(string.Join("; ", outcome.Problems.ByField.Values.Append(outcome.Problems.General ?? string.Empty)));
        return outcome.Id!.Value;
    }

    public async Task StartAsync(Guid reviewId)
    {
        using var scope = As(Roles.ReviewFacilitator);
        var planning = scope.ServiceProvider.GetRequiredService<ReviewPlanning>();
        var outcome = await planning.StartAsync(reviewId, (await planning.GetAsync(reviewId))!.Review.Version);
        outcome.IsSaved.Should().BeTrue(outcome.Problem);
    }

    public async Task CloseAsync(Guid reviewId)
    {
        using var scope = As(Roles.ReviewFacilitator);
        var planning = scope.ServiceProvider.GetRequiredService<ReviewPlanning>();
        var outcome = await planning.CloseAsync(reviewId, (await planning.GetAsync(reviewId))!.Review.Version);
        outcome.IsSaved.Should().BeTrue(outcome.Problem);
    }

    /// <summary>The review's TIME decision for a system, taken by a review facilitator; fails the test if refused.</summary>
    public async Task DecideAsync(Guid reviewId, Guid systemId, Domain.Engine.TimeDecision decision, string reason)
    {
        using var scope = As(Roles.ReviewFacilitator);
        var outcome = await scope.ServiceProvider.GetRequiredService<ReviewDecisions>().SaveAsync(reviewId, new DecisionForm { SystemId = systemId, Decision = decision, Reason = reason });
        outcome.IsSaved.Should().BeTrue(string.Join("; ", outcome.Problems.ByField.Values.Append(outcome.Problems.General ?? string.Empty)));
    }

    /// <summary>An action item raised in the review, owned by the scenario's IT owner and business owner.</summary>
    public async Task<Guid> RaiseAsync(Guid reviewId, string title, DateOnly due, Guid? businessOwner = null)
    {
        using var scope = As(Roles.ReviewFacilitator);
        var outcome = await scope.ServiceProvider.GetRequiredService<ActionItems>().CreateAsync(reviewId,
            new ActionItemForm { Title = title, ItOwnerId = ItOwner, BusinessOwnerId = businessOwner ?? BusinessOwner, DueDate = due });
        outcome.IsSaved.Should().BeTrue(string.Join("; ", outcome.Problems.ByField.Values.Append(outcome.Problems.General ?? string.Empty)));
        return outcome.Id!.Value;
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}
