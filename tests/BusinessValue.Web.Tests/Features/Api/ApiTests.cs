using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.ApiKeys;
using BusinessValue.Infrastructure.Audit;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Testing;
using BusinessValue.Web.Features.Admin;
using BusinessValue.Web.Features.Scorecard;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BusinessValue.Web.Tests.Features.Api;

public sealed class ApiTests
{
    [Theory, ClassData(typeof(BothProviders))]
    public async Task Endpoints_ByScope_AnswerOnlyKeysThatCarryTheirScope(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        var system = await SystemIdAsync(app, database, "CRM");
        var keys = new Dictionary<string, HttpClient>();
        foreach (var scope in ApiScopes.All)
        {
            keys[scope] = await KeyClientAsync(app, scope);
        }

        var calls = new (string Scope, Func<HttpClient, Task<HttpResponseMessage>> Call)[]
        {
            (ApiScopes.ScorecardRead, c => c.GetAsync(new Uri("/api/v1/scorecard?period=2026-Q3", UriKind.Relative))),
            (ApiScopes.ScorecardRead, c => c.GetAsync(new Uri($"/api/v1/systems/{system}/scorecard?period=2026-Q3", UriKind.Relative))),
            (ApiScopes.InventoryRead, c => c.GetAsync(new Uri("/api/v1/systems", UriKind.Relative))),
            (ApiScopes.MetricsWrite, c => c.PutAsync(new Uri($"/api/v1/systems/{system}/metrics/2026-10", UriKind.Relative), Json("""{ "uptimePercent": 99.9 }"""))),
            (ApiScopes.MetricsWrite, c => c.PutAsync(new Uri("/api/v1/metrics", UriKind.Relative), Json($$"""{ "metrics": [ { "systemId": "{{system}}", "month": "2026-11", "activeUsers": 40 } ] }"""))),
        };

        var mismatches = new List<string>();
        foreach (var (needed, call) in calls)
        {
            foreach (var (scope, client) in keys)
            {
                using var response = await call(client);
                var allowed = response.IsSuccessStatusCode;
                if (allowed != (scope == needed) || (!allowed && response.StatusCode != HttpStatusCode.Forbidden))
                {
                    mismatches.Add($"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri!.PathAndQuery} with {scope}: {(int)response.StatusCode}");
                }
            }
        }

        mismatches.Should().BeEmpty();
        using var anonymous = app.CreateClient();
        using var noKey = await anonymous.GetAsync(new Uri("/api/v1/systems", UriKind.Relative));
        noKey.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        noKey.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task CallsWithoutAKey_FromOneAddress_AreRecordedOnceAMinuteSoTheTrailCannotBeFlooded()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database);
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "bv_notarealkeynotarealkeynotarealkey");

        for (var i = 0; i < 5; i++)
        {
            (await client.GetAsync(new Uri("/api/v1/systems", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        await using var db = database.CreateContext();
        var recorded = await db.AuditTrail.Where(e => e.Action == AuditAction.ApiCall).ToListAsync();
        recorded.Should().ContainSingle().Which.Summary.Should().Contain("answered 401").And.Contain("not recorded");
    }

    [Fact]
    public async Task RevokedKey_IsRefusedAtOnce()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database);
        using var client = await KeyClientAsync(app, ApiScopes.InventoryRead);
        (await client.GetAsync(new Uri("/api/v1/systems", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);

        using (var scope = app.Services.CreateScope().As(Roles.Administrator))
        {
            var administration = scope.ServiceProvider.GetRequiredService<ApiKeyAdministration>();
            (await administration.RevokeAsync((await administration.ListAsync()).Single().Id)).Should().BeEmpty();
        }

        using var refused = await client.GetAsync(new Uri("/api/v1/systems", UriKind.Relative));
        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("revoked");
    }

    [Fact]
    public async Task GetScorecard_Quarter_GivesTheEnginesFiguresWithTheirExplanations()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database);
        using var client = await KeyClientAsync(app, ApiScopes.ScorecardRead);

        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/scorecard?period=2026-Q3", UriKind.Relative)));

        using var scope = app.Services.CreateScope().As(Roles.Viewer);
        var engine = (await scope.ServiceProvider.GetRequiredService<CompanyScorecards>().ForAsync("2026-Q3", withTrend: false))!.Current;
        var root = document.RootElement;
        root.GetProperty("period").GetString().Should().Be("2026-Q3");
        var figures = root.GetProperty("figures").EnumerateArray().ToDictionary(f => f.GetProperty("key").GetString()!, f => f);
        foreach (var figure in engine.Portfolio.Figures)
        {
            var value = figures[figure.Key].GetProperty("value");
            (value.ValueKind == JsonValueKind.Null ? (decimal?)null : value.GetDecimal()).Should().Be(figure.Value, figure.Key);
            figures[figure.Key].GetProperty("why").GetProperty("formula").GetString().Should().Be(figure.Why.Formula);
        }

        root.GetProperty("systems").GetArrayLength().Should().Be(engine.Systems.Count);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task PutMonth_SentTwice_WritesOnceAndAuditsEachChangedField(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        var system = await SystemIdAsync(app, database, "CRM");
        using var client = await KeyClientAsync(app, ApiScopes.MetricsWrite, "Zabbix");
        var address = new Uri($"/api/v1/systems/{system}/metrics/2026-10", UriKind.Relative);

        using var first = await client.PutAsync(address, Json("""{ "uptimePercent": 99.5, "downtimeMinutes": 30, "p1": { "count": 2, "totalResolutionHours": 5 } }"""));
        using var again = await client.PutAsync(address, Json("""{ "uptimePercent": 99.5, "downtimeMinutes": 30, "p1": { "count": 2, "totalResolutionHours": 5 } }"""));
        using var changed = await client.PutAsync(address, Json("""{ "uptimePercent": 99.9, "downtimeMinutes": 30, "p1": { "count": 2, "totalResolutionHours": 5 } }"""));

        first.StatusCode.Should().Be(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        changed.StatusCode.Should().Be(HttpStatusCode.OK);
        await using var db = database.CreateContext();
        var stored = await db.Metrics.SingleAsync(m => m.SystemId == system && m.Month == new YearMonth(2026, 10));
        stored.UptimePercent.Should().Be(99.9m);
        stored.P1.Count.Should().Be(2);
        stored.Source!.Detail.Should().Be("API key 'Zabbix'");
        var entries = await db.AuditTrail.Where(e => e.EntityType == "MonthlyMetrics").OrderBy(e => e.Id).ToListAsync();
        entries.Select(e => e.Action).Should().Equal([AuditAction.Created, AuditAction.Updated], "the identical second report changed no field");
        entries[1].Actor.Should().Be("API key 'Zabbix'");
        entries[1].Changes.Should().Contain("\"Field\":\"UptimePercent\",\"Old\":\"99.5\",\"New\":\"99.9\"");
        (await db.AuditTrail.CountAsync(e => e.Action == AuditAction.ApiCall)).Should().Be(3, "every call is audited");
        (await db.ApiKeys.SingleAsync()).LastUsedAtUtc.Should().NotBeNull();
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task ApiCall_SeveralWithinAMinute_RecordsTheKeysLastUseOnceAMinuteAndAuditsEach(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
        await using var app = new BusinessValueAppFactory(database).WithServices(s => s.AddSingleton<TimeProvider>(clock));
        using var client = await KeyClientAsync(app, ApiScopes.InventoryRead, "Monitoring");
        var started = clock.GetUtcNow().UtcDateTime;

        async Task<DateTime?> CallAsync()
        {
            using var response = await client.GetAsync(new Uri("/api/v1/systems", UriKind.Relative));
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            await using var db = database.CreateContext();
            return (await db.ApiKeys.AsNoTracking().SingleAsync()).LastUsedAtUtc;
        }

        var first = await CallAsync();
        clock.Advance(TimeSpan.FromSeconds(20));
        var twentySecondsLater = await CallAsync();
        clock.Advance(TimeSpan.FromSeconds(50));
        var seventySecondsLater = await CallAsync();

        first.Should().Be(started);
        twentySecondsLater.Should().Be(started, "within the minute the page shows, the row is not written again");
        seventySecondsLater.Should().Be(started.AddSeconds(70), "a minute on, it is");
        await using var check = database.CreateContext();
        (await check.AuditTrail.CountAsync(e => e.Action == AuditAction.ApiCall)).Should().Be(3, "every call is audited all the same");
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task PutBatch_SomeRowsInvalid_ChangesNothingAndListsEachWithItsPath(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        var system = await SystemIdAsync(app, database, "CRM");
        using var client = await KeyClientAsync(app, ApiScopes.MetricsWrite);
        var before = await MetricRowsAsync(database);

        using var response = await client.PutAsync(new Uri("/api/v1/metrics", UriKind.Relative), Json($$"""
            { "metrics": [
                { "systemId": "{{system}}", "month": "2026-10", "uptimePercent": 99.9 },
                { "systemId": "{{Guid.NewGuid()}}", "month": "2026-10", "uptimePercent": 99.9 },
                { "systemId": "{{system}}", "month": "2026-11", "uptimePercent": 120 },
                { "systemId": "{{system}}", "month": "October", "uptimePercent": 99 }
            ] }
            """));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => $"{e.GetProperty("path").GetString()}: {e.GetProperty("reason").GetString()}").ToList();
        errors.Should().HaveCount(3);
        errors[0].Should().StartWith("$.metrics[1].systemId: is not a system");
        errors[1].Should().StartWith("$.metrics[2]: Uptime %");
        errors[2].Should().StartWith("$.metrics[3].month: must be a month");
        (await MetricRowsAsync(database)).Should().Be(before, "the valid first row is not written either");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, """{ "uptimePercent": "high" }""", "$.uptimePercent")]
    [InlineData(DatabaseProvider.Postgres, """{ "uptimePercent": "high" }""", "$.uptimePercent")]
    [InlineData(DatabaseProvider.Sqlite, """{ "uptimePercent": 99.9, """, "$")]
    [InlineData(DatabaseProvider.Postgres, """{ "uptimePercent": 99.9, "colour": "blue" }""", "$")]
    public async Task PutMonth_BodyOfTheWrongShape_Returns400NamingWhereAndChangesNothing(DatabaseProvider provider, string body, string path)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        var system = await SystemIdAsync(app, database, "CRM");
        using var client = await KeyClientAsync(app, ApiScopes.MetricsWrite);
        var before = await MetricRowsAsync(database);

        using var response = await client.PutAsync(new Uri($"/api/v1/systems/{system}/metrics/2026-10", UriKind.Relative), Json(body));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")[0];
        error.GetProperty("path").GetString().Should().StartWith(path);
        (await MetricRowsAsync(database)).Should().Be(before);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task PutMonth_UnknownSystemOrOversizedBody_IsRefusedAndChangesNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        var system = await SystemIdAsync(app, database, "CRM");
        using var client = await KeyClientAsync(app, ApiScopes.MetricsWrite);
        var before = await MetricRowsAsync(database);

        using var unknown = await client.PutAsync(new Uri($"/api/v1/systems/{Guid.NewGuid()}/metrics/2026-10", UriKind.Relative), Json("""{ "uptimePercent": 99 }"""));
        using var huge = await client.PutAsync(new Uri($"/api/v1/systems/{system}/metrics/2026-10", UriKind.Relative),
            Json("{ \"uptimePercent\": 99" + new string(' ', 3 * 1024 * 1024) + "}"));

        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        huge.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await MetricRowsAsync(database)).Should().Be(before);
    }

    [Fact]
    public async Task Calls_OverTheKeysLimit_Get429WithRetryAfter()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database).WithSetting("Api:RequestsPerMinute", "3");
        using var client = await KeyClientAsync(app, ApiScopes.InventoryRead);

        for (var i = 0; i < 3; i++)
        {
            (await client.GetAsync(new Uri("/api/v1/systems", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using var limited = await client.GetAsync(new Uri("/api/v1/systems", UriKind.Relative));

        limited.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter.Should().NotBeNull();
        limited.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await limited.Content.ReadAsStringAsync()).Should().Contain("3 requests a minute");
        using var other = await KeyClientAsync(app, ApiScopes.InventoryRead);
        (await other.GetAsync(new Uri("/api/v1/systems", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK, "each key has its own limit");
    }

    [Fact]
    public async Task Calls_OverTheAddressLimit_Get429BeforeAnyKeyIsChecked()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database).WithSetting("Api:RequestsPerAddressPerMinute", "4");
        using var client = await KeyClientAsync(app, ApiScopes.InventoryRead);
        using var withoutKey = app.CreateClient();

        for (var i = 0; i < 2; i++)
        {
            (await client.GetAsync(new Uri("/api/v1/systems", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
            (await withoutKey.GetAsync(new Uri("/api/v1/systems", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        using var limited = await client.GetAsync(new Uri("/api/v1/systems", UriKind.Relative));

        limited.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "keyed and unkeyed calls from one address count together");
        limited.Headers.RetryAfter.Should().NotBeNull();
        limited.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await limited.Content.ReadAsStringAsync()).Should().Contain("At most 4 requests a minute come from one address");
    }

    [Fact]
    public async Task Documentation_OpenApiAndReferencePage_DescribeTheApiUnderTheContentSecurityPolicy()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database);
        using var client = app.CreateClient();

        var openApi = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/openapi.json", UriKind.Relative))).RootElement;
        using var page = await client.GetAsync(new Uri("/api/docs/", UriKind.Relative));

        openApi.GetProperty("paths").EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(
            "/api/v1/scorecard", "/api/v1/systems/{id}/scorecard", "/api/v1/systems", "/api/v1/systems/{id}/metrics/{month}", "/api/v1/metrics",
            "/api/v1/imports/{kind}", "/api/v1/imports/{kind}/export");
        openApi.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("ApiKey", out _).Should().BeTrue();
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        var nonce = System.Text.RegularExpressions.Regex.Match(html, "nonce=\"([^\"]+)\"").Groups[1].Value;
        nonce.Should().NotBeEmpty();
        html.Should().NotContain("cdn.jsdelivr", "the script is served by the app itself");
        string.Join(' ', page.Headers.GetValues("Content-Security-Policy")).Should().Contain($"script-src 'self' 'nonce-{nonce}';").And.NotContain("unsafe-inline' 'nonce").And.NotContain("unsafe-eval");
    }

    private static async Task<HttpClient> KeyClientAsync(BusinessValueAppFactory app, string scope, string? name = null)
    {
        using var admin = app.Services.CreateScope().As(Roles.Administrator);
        var (secret, problems) = await admin.ServiceProvider.GetRequiredService<ApiKeyAdministration>().CreateAsync(name ?? $"{scope} {Guid.NewGuid():N}", [scope]);
        problems.Should().BeEmpty();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<Guid> SystemIdAsync(BusinessValueAppFactory app, TestDatabase database, string name)
    {
        // Starting the app migrates the database and loads the demo organisation.
        _ = app.Services;
        await using var db = database.CreateContext();
        return await db.Systems.Where(s => s.Name == name).Select(s => s.Id).SingleAsync();
    }

    private static async Task<int> MetricRowsAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.Metrics.CountAsync();
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task PutMonth_ValuesBeyondTheirMeasuresBounds_Returns422NamingTheMeasureAndTheScorecardStillAnswers(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        var system = await SystemIdAsync(app, database, "CRM");
        using var writer = await KeyClientAsync(app, ApiScopes.MetricsWrite);
        using var reader = await KeyClientAsync(app, ApiScopes.ScorecardRead);
        var before = await MetricRowsAsync(database);

        // The largest decimal there is: it once overflowed every scorecard whose trend included the month.
        using var peak = await writer.PutAsync(new Uri($"/api/v1/systems/{system}/metrics/2026-08", UriKind.Relative),
            Json("""{ "peakDegradedMinutes": 79228162514264337593543950335 }"""));
        using var blocked = await writer.PutAsync(new Uri($"/api/v1/systems/{system}/metrics/2026-08", UriKind.Relative),
            Json("""{ "blockedWorkHours": 1000000000 }"""));

        peak.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await peak.Content.ReadAsStringAsync()).Should().Contain("Peak-hour minutes above the response-time target").And.Contain("between 0 and 44,640");
        blocked.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await blocked.Content.ReadAsStringAsync()).Should().Contain("Hours of work blocked by security policy");
        (await MetricRowsAsync(database)).Should().Be(before);
        (await reader.GetAsync(new Uri("/api/v1/scorecard?period=2026-Q3", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
