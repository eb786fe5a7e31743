using System.Net;
using System.Net.Http.Headers;
using BusinessValue.Infrastructure.ApiKeys;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Testing;
using BusinessValue.Web.Features.Admin;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BusinessValue.Web.Tests.Features.Api;

/// <summary>Issue 13: one key's limit holds across app nodes, because the count is in the shared database.</summary>
public sealed class SharedRateLimitTests
{
    [Theory, ClassData(typeof(BothProviders))]
    public async Task Calls_SplitOverTwoNodes_SumOverTheLimitIsRefused(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        // Both nodes' clocks in the middle of one minute: the test does not straddle a window by chance.
        var now = DateTimeOffset.UtcNow;
        var clock = new FakeTimeProvider(new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 30, TimeSpan.Zero));
        await using var nodeA = new BusinessValueAppFactory(database).WithSetting("Api:RequestsPerMinute", "10").WithServices(s => s.AddSingleton<TimeProvider>(clock));
        await using var nodeB = new BusinessValueAppFactory(database).WithSetting("Api:RequestsPerMinute", "10").WithServices(s => s.AddSingleton<TimeProvider>(clock));
        string secret;
        using (var admin = nodeA.Services.CreateScope().As(Roles.Administrator))
        {
            var (created, problems) = await admin.ServiceProvider.GetRequiredService<ApiKeyAdministration>().CreateAsync("monitoring", [ApiScopes.InventoryRead]);
            problems.Should().BeEmpty();
            secret = created!;
        }

        using var onA = KeyClient(nodeA, secret);
        using var onB = KeyClient(nodeB, secret);
        var answers = new List<HttpResponseMessage>();
        // Seven requests to each node, taking turns: 14 in all against a limit of 10 a minute.
        for (var i = 0; i < 7; i++)
        {
            answers.Add(await onA.GetAsync(new Uri("/api/v1/systems", UriKind.Relative)));
            answers.Add(await onB.GetAsync(new Uri("/api/v1/systems", UriKind.Relative)));
        }

        answers.Count(a => a.StatusCode == HttpStatusCode.OK).Should().Be(10, "each node alone would have let all 7 through");
        var refused = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        refused.Should().HaveCount(4);
        answers.Skip(10).Should().OnlyContain(a => a.StatusCode == HttpStatusCode.TooManyRequests, "the first ten were let through, wherever they went, and both nodes refuse the rest");
        refused.Should().OnlyContain(a => a.Headers.RetryAfter != null);
        refused[0].Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await refused[0].Content.ReadAsStringAsync()).Should().Contain("10 requests a minute");
        // A minute later the previous minute's ten still weigh in, sliding out: half a minute on, half of them count.
        clock.Advance(TimeSpan.FromSeconds(60));
        (await onB.GetAsync(new Uri("/api/v1/systems", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        answers.ForEach(a => a.Dispose());
    }

    private static HttpClient KeyClient(BusinessValueAppFactory app, string secret)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }
}
