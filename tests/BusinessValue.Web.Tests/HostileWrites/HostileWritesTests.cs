using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using BusinessValue.Infrastructure.ApiKeys;
using BusinessValue.Infrastructure.Audit;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Testing;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Web.Tests.HostileWrites;

/// <summary>
/// Issue 14: what a hostile but authorised client sends. Every write of the corpus is refused with a problem that
/// names the field, nothing is written, and afterwards the scorecard, its export and the API answer with the same
/// figures as before. One app per provider, not one per case.
/// </summary>
public sealed class HostileWritesTests
{
    private const string Crm = "00000000-0000-4000-8000-000000000100";

    [Theory, ClassData(typeof(BothProviders))]
    public async Task Corpus_EveryHostileWrite_IsRefusedNamingTheFieldAndNothingChanges(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        _ = app.Services;
        using var writer = await app.CreateKeyClientAsync(ApiScopes.MetricsWrite);
        using var reader = await app.CreateKeyClientAsync(ApiScopes.ScorecardRead);
        using var person = await app.CreateSignedInClientAsync(Roles.Administrator);
        var figuresBefore = await reader.GetStringAsync(new Uri("/api/v1/scorecard?period=2026-Q3", UriKind.Relative));
        var storedBefore = await StoredAsync(database);

        var failures = new List<string>();
        var cases = ApiCases().ToList();
        foreach (var write in cases)
        {
            using var request = new HttpRequestMessage(new HttpMethod(write.Method), new Uri(write.Path, UriKind.Relative));
            if (write.Body is { } body)
            {
                request.Content = new ByteArrayContent(body);
                if (write.ContentType is { } type)
                {
                    request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
                }
            }

            using var response = await writer.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var stored = await StoredAsync(database);
            if ((int)response.StatusCode != write.Status
                || response.Content.Headers.ContentType?.MediaType != "application/problem+json"
                || !text.Contains(write.Names, StringComparison.Ordinal)
                || text.Contains("System.", StringComparison.Ordinal)
                || stored != storedBefore)
            {
                failures.Add($"{write.Name}: {(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType} stored {stored} (was {storedBefore}) {text}");
            }
        }

        var documents = DocumentCases().ToList();
        var demo = await File.ReadAllBytesAsync(Path.Combine(RepositoryFolder.Root, "src/BusinessValue.Infrastructure/DemoData/demo-portfolio.json"));
        PortfolioDocumentReader.Read(demo, DateTime.UtcNow).Problems.Should().BeEmpty("the unchanged demo document is the base of every document case");
        foreach (var document in documents)
        {
            var result = PortfolioDocumentReader.Read(document.Bytes(demo), DateTime.UtcNow);
            var problems = string.Join(" | ", result.Problems);
            if (result.IsValid || !problems.Contains(document.Names, StringComparison.Ordinal) || problems.Contains("System.", StringComparison.Ordinal))
            {
                failures.Add($"document {document.Name}: {(result.IsValid ? "accepted" : problems)}");
            }
        }

        string.Join(Environment.NewLine, failures).Should().BeEmpty();
        (cases.Count + documents.Count).Should().BeGreaterThanOrEqualTo(100);
        (await StoredAsync(database)).Should().Be(storedBefore);
        (await reader.GetStringAsync(new Uri("/api/v1/scorecard?period=2026-Q3", UriKind.Relative))).Should().Be(figuresBefore);
        (await person.GetAsync(new Uri("/?period=2026-Q3", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await person.GetAsync(new Uri("/scorecard/export.xlsx?period=2026-Q3", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        using var oldPeriod = await reader.GetAsync(new Uri("/api/v1/scorecard?period=1900-Q1", UriKind.Relative));
        oldPeriod.StatusCode.Should().Be(HttpStatusCode.BadRequest, "a period before 2000-01 is no period");
        (await oldPeriod.Content.ReadAsStringAsync()).Should().Contain("2000-01");
    }

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

    /// <summary>A write to the API, what it must answer, and a text its answer must contain (the field it names).</summary>
    private sealed record HostileWrite(string Name, string Method, string Path, string? ContentType, byte[]? Body, int Status, string Names);

    /// <summary>A portfolio document made from the demo one, and a text the reader's problems must contain.</summary>
    private sealed record HostileDocument(string Name, Func<byte[], byte[]> Bytes, string Names);

    private static IEnumerable<HostileWrite> ApiCases()
    {
        var month = $"/api/v1/systems/{Crm}/metrics/2026-08";
        HostileWrite Put(string name, string json, string names, int status = 422) =>
            new(name, "PUT", month, "application/json", Encoding.UTF8.GetBytes(json), status, names);
        HostileWrite Batch(string name, string json, string names, int status = 422) =>
            new(name, "PUT", "/api/v1/metrics", "application/json", Encoding.UTF8.GetBytes(json), status, names);

        // Every measure above its maximum and below its minimum, named as the product names it.
        foreach (var measure in BusinessValue.Domain.Metrics.Measures.All)
        {
            var above = measure.Maximum + 1m;
            yield return Put($"{measure.Key} above its maximum", $$"""{ "{{measure.Key}}": {{above}} }""", measure.Name);
            yield return Put($"{measure.Key} below its minimum", $$"""{ "{{measure.Key}}": {{measure.Minimum - 1m}} }""", measure.Name);
            yield return Batch($"{measure.Key} far too large in a batch", $$"""{ "metrics": [ { "systemId": "{{Crm}}", "month": "2026-07", "{{measure.Key}}": 79228162514264337593543950335 } ] }""",
                measure.WholeNumber ? "metrics[0]" : measure.Name, measure.WholeNumber ? 400 : 422);
            if (!measure.WholeNumber)
            {
                yield return Put($"{measure.Key} with seven decimals", $$"""{ "{{measure.Key}}": {{measure.Minimum}}.0000001 }""", "decimal places");
            }
            else
            {
                yield return Put($"{measure.Key} with decimals", $$"""{ "{{measure.Key}}": 1.5 }""", measure.Key, 400);
            }
        }

        yield return Put("downtime beyond the minutes of February", """{ "downtimeMinutes": 40321 }""", "minutes in 2026-02") with { Path = $"/api/v1/systems/{Crm}/metrics/2026-02" };
        yield return Put("slow peaks beyond the minutes of September", """{ "peakDegradedMinutes": 43201 }""", "minutes in 2026-09") with { Path = $"/api/v1/systems/{Crm}/metrics/2026-09" };
        yield return Put("blocked hours beyond the month's hours × active users", """{ "activeUsers": 2, "blockedWorkHours": 1489 }""", "active users");
        yield return Put("the issue's peak minutes", """{ "peakDegradedMinutes": 79228162514264337593543950335 }""", "Peak-hour minutes");
        yield return Put("a number beyond decimal", """{ "downtimeMinutes": 1e40 }""", "downtimeMinutes", 400);

        foreach (var severity in new[] { "p1", "p2", "p3", "p4" })
        {
            yield return Put($"{severity} count above its maximum", $$"""{ "{{severity}}": { "count": 1000001 } }""", "Ticket count");
            yield return Put($"{severity} negative count", $$"""{ "{{severity}}": { "count": -1 } }""", "Ticket count");
            yield return Put($"{severity} resolution hours above their maximum", $$"""{ "{{severity}}": { "count": 1, "totalResolutionHours": 1000001, "averageUsersAffected": 1 } }""", "Total resolution hours");
            yield return Put($"{severity} users affected above their maximum", $$"""{ "{{severity}}": { "count": 1, "totalResolutionHours": 1, "averageUsersAffected": 10000001 } }""", "Users affected per ticket");
        }

        yield return Put("resolution hours with seven decimals", """{ "p2": { "count": 1, "totalResolutionHours": 1.0000001, "averageUsersAffected": 1 } }""", "decimal places");

        // Months outside the window, in the address and in a batch.
        foreach (var (address, names) in new[] { ("1999-12", "Month"), ("1900-01", "Month"), ("2100-01", "Month"), (Ahead(2), "Month"), ("2026-13", "month"), ("26-08", "month"), ("2026-8", "month") })
        {
            yield return new HostileWrite($"month {address} in the address", "PUT", $"/api/v1/systems/{Crm}/metrics/{address}", "application/json", "{ \"uptimePercent\": 99 }"u8.ToArray(),
                names == "Month" ? 422 : 400, names);
            yield return Batch($"month {address} in a batch", $$"""{ "metrics": [ { "systemId": "{{Crm}}", "month": "{{address}}", "uptimePercent": 99 } ] }""", names == "Month" ? "Month" : "metrics[0].month");
        }

        yield return Put("another month in the body than in the address", """{ "month": "2026-07", "uptimePercent": 99 }""", "systemId and month");
        yield return Put("another system in the body than in the address", """{ "systemId": "00000000-0000-4000-8000-000000000101", "uptimePercent": 99 }""", "systemId and month");

        // The body as JSON and nothing else: names exactly as documented, each once, values of their type.
        yield return Put("a property named with a capital", """{ "DowntimeMinutes": 10 }""", "DowntimeMinutes", 400);
        yield return Put("a property in capitals", """{ "UPTIMEPERCENT": 99 }""", "UPTIMEPERCENT", 400);
        yield return Put("a ticket field with a capital", """{ "p1": { "Count": 1 } }""", "Count", 400);
        yield return Put("the same property twice", """{ "downtimeMinutes": 10, "downtimeMinutes": 99999999 }""", "twice", 400);
        yield return Put("the same ticket field twice", """{ "p1": { "count": 1, "count": 2 } }""", "twice", 400);
        yield return Put("an unknown property", """{ "downtime": 10 }""", "downtime", 400);
        yield return Put("a number in quotes", """{ "downtimeMinutes": "10" }""", "a number", 400);
        yield return Put("a list for a number", """{ "downtimeMinutes": [10] }""", "a number", 400);
        yield return Put("an object for a number", """{ "uptimePercent": { "value": 99 } }""", "a number", 400);
        yield return Put("a number for the month", """{ "month": 202608 }""", "text in quotes", 400);
        yield return Put("a number for the system", """{ "systemId": 100 }""", "an id", 400);
        yield return Put("a text for the tickets", """{ "p1": "many" }""", "an object", 400);
        yield return Put("NaN", """{ "downtimeMinutes": NaN }""", "$", 400);
        yield return Put("not JSON", "downtimeMinutes=10", "$", 400);
        yield return Put("cut off", """{ "downtimeMinutes": 10""", "$", 400);
        yield return Put("the literal null", "null", "must be a JSON object", 400);
        yield return Put("a list for the body", "[]", "an object", 400);
        yield return new HostileWrite("invalid UTF-8", "PUT", month, "application/json", [0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D], 400, "$");

        // A source the client claims is refused: the key is the source.
        yield return Put("a source in the body", """{ "uptimePercent": 99, "source": { "kind": "entered", "detail": "the CFO", "recordedAtUtc": "2026-08-01T00:00:00Z" } }""", "$.source");
        yield return Batch("a source in a batch row", $$"""{ "metrics": [ { "systemId": "{{Crm}}", "month": "2026-07", "uptimePercent": 99, "source": { "kind": "imported", "detail": "x" } } ] }""", "metrics[0].source");

        // Batches: all or nothing.
        yield return Batch("no metrics list", "{}", "$.metrics");
        yield return Batch("a null metrics list", """{ "metrics": null }""", "$.metrics");
        yield return Batch("an empty metrics list", """{ "metrics": [] }""", "$.metrics");
        yield return Batch("a null row", """{ "metrics": [ null ] }""", "metrics[0]");
        yield return Batch("a sound row beside an unknown system", $$"""{ "metrics": [ { "systemId": "{{Crm}}", "month": "2026-07", "uptimePercent": 99 }, { "systemId": "00000000-0000-4000-8000-00000000dead", "month": "2026-07" } ] }""", "metrics[1].systemId");
        yield return Batch("a sound row beside a bound broken", $$"""{ "metrics": [ { "systemId": "{{Crm}}", "month": "2026-07", "uptimePercent": 99 }, { "systemId": "{{Crm}}", "month": "2026-06", "satisfaction": 9 } ] }""", "User satisfaction");
        yield return Batch("the same month twice", $$"""{ "metrics": [ { "systemId": "{{Crm}}", "month": "2026-07" }, { "systemId": "{{Crm}}", "month": "2026-07" } ] }""", "metrics[1]");
        yield return Batch("metrics property with a capital", $$"""{ "Metrics": [ { "systemId": "{{Crm}}", "month": "2026-07" } ] }""", "Metrics", 400);

        // The API answers as an API: content type, method, address.
        yield return new HostileWrite("text/plain", "PUT", month, "text/plain", "{ \"uptimePercent\": 99 }"u8.ToArray(), 415, "application/json");
        yield return new HostileWrite("a form", "PUT", month, "application/x-www-form-urlencoded", "uptimePercent=99"u8.ToArray(), 415, "application/json");
        yield return new HostileWrite("no content type", "PUT", month, null, "{ \"uptimePercent\": 99 }"u8.ToArray(), 415, "Content-Type");
        yield return new HostileWrite("xml", "PUT", "/api/v1/metrics", "application/xml", "<metrics/>"u8.ToArray(), 415, "application/json");
        yield return new HostileWrite("POST to a month", "POST", month, "application/json", "{}"u8.ToArray(), 405, "PUT");
        yield return new HostileWrite("DELETE a month", "DELETE", month, null, null, 405, "PUT");
        yield return new HostileWrite("PATCH a month", "PATCH", month, "application/json", "{}"u8.ToArray(), 405, "PUT");
        yield return new HostileWrite("POST the batch", "POST", "/api/v1/metrics", "application/json", "{}"u8.ToArray(), 405, "PUT");
        yield return new HostileWrite("DELETE the scorecard", "DELETE", "/api/v1/scorecard", null, null, 405, "GET");
        yield return new HostileWrite("an unknown address", "PUT", "/api/v1/nothing-here", "application/json", "{}"u8.ToArray(), 404, "/api/v1/nothing-here");
        yield return new HostileWrite("another version", "PUT", "/api/v2/metrics", "application/json", "{}"u8.ToArray(), 404, "/api/v2/metrics");
        yield return new HostileWrite("a system that is no id", "PUT", "/api/v1/systems/CRM/metrics/2026-08", "application/json", "{}"u8.ToArray(), 404, "/api/v1/systems/CRM");
        yield return new HostileWrite("a system that does not exist", "PUT", "/api/v1/systems/00000000-0000-4000-8000-00000000dead/metrics/2026-08", "application/json", "{}"u8.ToArray(), 404, "00000000-0000-4000-8000-00000000dead");
    }

    private static IEnumerable<HostileDocument> DocumentCases()
    {
        HostileDocument Set(string name, string path, JsonNode? value, string names) => new(name, demo => Changed(demo, path, value), names);

        foreach (var list in new[] { "departments", "processes", "systems", "dependencies", "integrations", "workarounds", "metrics", "restoreTests" })
        {
            yield return Set($"{list}: null", list, null, $"$.{list}");
        }

        yield return Set("a workaround's systems: null", "workarounds[0].systemIds", null, "systemIds");
        yield return Set("annual revenue above a trillion", "processes[0].annualRevenue", 1_000_000_000_001m, "Annual revenue");
        yield return Set("annual revenue with seven decimals", "processes[0].annualRevenue", 1.0000001m, "decimal places");
        yield return Set("licences above a trillion", "systems[0].costs.licences", 79228162514264337593543950335m, "Licence cost");
        yield return Set("infrastructure cost above a trillion", "systems[0].costs.infrastructure", 1e13m, "Infrastructure cost");
        yield return Set("support staff cost above a trillion", "systems[0].costs.supportStaff", 1e13m, "Support staff cost");
        yield return Set("other cost above a trillion", "systems[0].costs.other", 1e13m, "Other cost");
        yield return Set("expected benefit above a trillion", "systems[0].expectedAnnualBenefit", 1e13m, "Expected annual benefit");
        yield return Set("required recovery beyond a year", "systems[0].requiredRecoveryHours", 9000m, "Required recovery time");
        yield return Set("a direct annual cost above a trillion", "workarounds[0].directAnnualCost", 1e13m, "Direct annual cost");
        yield return Set("a labour rate above its maximum", "organisation.assumptions.labourRatePerHour", 1e9m, "Loaded labour rate");
        yield return Set("a department's labour rate above its maximum", "departments[0].labourRatePerHour", 1e9m, "Department labour rate");
        yield return Set("transfers above their maximum", "integrations[0].transfersPerMonth", 1e12m, "Transfers per month");
        yield return Set("minutes per transfer above a month", "integrations[0].minutesPerTransfer", 50000m, "Minutes per manual transfer");
        yield return Set("measured recovery beyond a year", "restoreTests[0].measuredRecoveryHours", 9000m, "Measured recovery hours");
        yield return Set("peak minutes beyond the month", "metrics[0].peakDegradedMinutes", 79228162514264337593543950335m, "Peak-hour minutes");
        yield return Set("blocked hours above their maximum", "metrics[0].blockedWorkHours", 1e9m, "Hours of work blocked");
        yield return Set("ticket hours above their maximum", "metrics[0].p2.totalResolutionHours", 1e9m, "Total resolution hours");
        yield return Set("a month before 2000", "metrics[0].month", "1999-12", "Month");
        yield return Set("a month two months ahead", "metrics[0].month", Ahead(2), "Month");
        yield return Set("a month in 1900", "metrics[0].month", "1900-01", "Month");
        yield return new("a property with a capital", demo => Replaced(demo, "\"headcount\"", "\"Headcount\""), "Headcount");
        yield return new("a duplicated property", demo => Replaced(demo, "\"headcount\": 35", "\"headcount\": 35, \"headcount\": 99999999"), "twice");
        yield return new("invalid UTF-8", demo => [.. demo.Take(40), 0xC3, 0x28, .. demo.Skip(40)], "UTF-8");
        yield return new("a number in quotes", demo => Replaced(demo, "\"headcount\": 35", "\"headcount\": \"35\""), "a whole number");
    }

    private static string Ahead(int months) => BusinessValue.Domain.Periods.YearMonth.Of(DateOnly.FromDateTime(DateTime.UtcNow)).AddMonths(months).ToString();

    private static byte[] Changed(byte[] demo, string path, JsonNode? value)
    {
        var root = JsonNode.Parse(demo)!;
        var parts = path.Split('.');
        var node = root;
        foreach (var part in parts[..^1])
        {
            node = Step(node, part);
        }

        var last = parts[^1];
        var bracket = last.IndexOf('[', StringComparison.Ordinal);
        if (bracket >= 0)
        {
            node = node[last[..bracket]]!;
            node[int.Parse(last[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)] = value;
        }
        else
        {
            node[last] = value;
        }

        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    private static JsonNode Step(JsonNode node, string part)
    {
        var bracket = part.IndexOf('[', StringComparison.Ordinal);
        return bracket < 0
            ? node[part]!
            : node[part[..bracket]]![int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)]!;
    }

    private static byte[] Replaced(byte[] demo, string from, string to)
    {
        var text = Encoding.UTF8.GetString(demo);
        text.Should().Contain(from);
        var at = text.IndexOf(from, StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(text[..at] + to + text[(at + from.Length)..]);
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
