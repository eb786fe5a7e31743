using System.Net;
using System.Text;
using BusinessValue.Infrastructure.ApiKeys;
using BusinessValue.Infrastructure.Audit;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Testing;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Web.Tests.HostileWrites;

/// <summary>
/// Issue 14: what a hostile but authorised client sends. The refused writes and documents are cases of the one
/// bad-input corpus (BadInput: <c>ApiCorpus</c> and corpus/manifest.tsv, run by BadInputCorpusTests); here, the
/// same decimals sent twice read back the same on both databases.
/// </summary>
public sealed class HostileWritesTests
{
    private const string Crm = "00000000-0000-4000-8000-000000000100";

    [Theory, ClassData(typeof(BothProviders))]
    public async Task PutMonth_SixDecimalsSentAgain_IsUnchangedAndAuditsNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        _ = app.Services;
        using var writer = await app.CreateKeyClientAsync(ApiScopes.MetricsWrite);
        var address = new Uri($"/api/v1/systems/{Crm}/metrics/2026-10", UriKind.Relative);
        const string Body = """{ "uptimePercent": 99.123456, "blockedWorkHours": 0.000001, "p2": { "count": 1, "totalResolutionHours": 1.234567, "averageUsersAffected": 2.5 } }""";

        using var first = await writer.PutAsync(address, new StringContent(Body, Encoding.UTF8, "application/json"));
        var afterFirst = await StoredAsync(database);
        using var again = await writer.PutAsync(address, new StringContent(Body, Encoding.UTF8, "application/json"));

        first.StatusCode.Should().Be(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        (await StoredAsync(database)).Should().Be(afterFirst, "the same six decimals read back the same on both databases");
        await using var db = database.CreateContext();
        var stored = await db.Metrics.SingleAsync(m => m.SystemId == Guid.Parse(Crm) && m.Month == new BusinessValue.Domain.Periods.YearMonth(2026, 10));
        (stored.UptimePercent, stored.BlockedWorkHours, stored.P2.TotalResolutionHours).Should().Be((99.123456m, 0.000001m, 1.234567m));
    }

    /// <summary>What a write would change: the metric rows and every audit entry but the API calls' own.</summary>
    private static async Task<string> StoredAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var months = await db.Metrics.CountAsync();
        var audited = await db.AuditTrail.CountAsync(e => e.Action != AuditAction.ApiCall);
        return $"{months} months, {audited} audit entries";
    }
}
