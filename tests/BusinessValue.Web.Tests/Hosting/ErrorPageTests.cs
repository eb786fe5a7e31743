using System.Net;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace BusinessValue.Web.Tests.Hosting;

public sealed class ErrorPageTests
{
    private const string SecretDetail = "connection to ledger failed: internal detail 7f3a";

    [Fact]
    public async Task UnhandledError_Production_ShowsAFriendlyPageWithTheCorrelationIdAndNoStackTrace()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = FailingApp(database, "Production");
        using var client = await app.CreateSignedInClientAsync();

        using var response = await client.GetAsync(new Uri("/test/fail", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        var correlationId = response.Headers.GetValues("X-Correlation-ID").Single();

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        html.Should().Contain("Something went wrong");
        html.Should().MatchRegex($"data-testid=\"correlation-id\"[^>]*>{System.Text.RegularExpressions.Regex.Escape(correlationId)}<");
        html.Should().NotContain(SecretDetail).And.NotContain("   at ").And.NotContain("InvalidOperationException");
    }

    [Fact]
    public async Task UnhandledError_Development_ShowsTheDeveloperTheException()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = FailingApp(database, "Development");
        using var client = await app.CreateSignedInClientAsync();

        using var response = await client.GetAsync(new Uri("/test/fail", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        (await response.Content.ReadAsStringAsync()).Should().Contain("InvalidOperationException");
    }

    [Fact]
    public async Task UnknownAddress_ShowsTheNotFoundPage()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database);
        using var client = await app.CreateSignedInClientAsync();

        using var response = await client.GetAsync(new Uri("/no-such-page", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Page not found").And.Contain("Back to the company scorecard");
    }

    [Fact]
    public async Task CorrelationId_SuppliedByTheCaller_IsEchoedButUnsafeOnesAreReplaced()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database);
        using var client = app.CreateClient();

        using var safe = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        safe.Headers.Add("X-Correlation-ID", "support-ticket-4711");
        using var unsafeRequest = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        unsafeRequest.Headers.Add("X-Correlation-ID", "<script>alert(1)</script>");

        using var safeResponse = await client.SendAsync(safe);
        using var unsafeResponse = await client.SendAsync(unsafeRequest);

        safeResponse.Headers.GetValues("X-Correlation-ID").Single().Should().Be("support-ticket-4711");
        unsafeResponse.Headers.GetValues("X-Correlation-ID").Single().Should().NotContain("<").And.NotBeEmpty();
    }

    // A route that fails on purpose, added after the app's own pipeline so that its error handling applies.
    private static BusinessValueAppFactory FailingApp(TestDatabase database, string environment) =>
        new BusinessValueAppFactory(database, environment).WithServices(services =>
            services.AddSingleton<IStartupFilter>(new FailingRoute()));

    private sealed class FailingRoute : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map("/test/fail", failing => failing.Run(_ => throw new InvalidOperationException(SecretDetail)));
        };
    }
}
