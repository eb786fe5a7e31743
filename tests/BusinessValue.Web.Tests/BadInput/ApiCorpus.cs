using System.Text;

namespace BusinessValue.Web.Tests.BadInput;

/// <summary>A write to the API, what it must answer, and a text its problem must contain (the field it names, exactly).</summary>
internal sealed record ApiCase(string Name, string Method, string Path, string? ContentType, byte[]? Body, int Status, string Names);

/// <summary>
/// The bad-input corpus's API payloads (issue 14's hostile writes), made in code because most follow
/// <see cref="BusinessValue.Domain.Metrics.Measures.All"/>: a new measure brings its own cases. Sent with a
/// <c>metrics:write</c> key; each must be refused as a problem that names the field, and write nothing.
/// </summary>
internal static class ApiCorpus
{
    private const string Crm = "00000000-0000-4000-8000-000000000100";

    public static IEnumerable<ApiCase> Cases()
    {
        var month = $"/api/v1/systems/{Crm}/metrics/2026-08";
        ApiCase Put(string name, string json, string names, int status = 422) =>
            new(name, "PUT", month, "application/json", Encoding.UTF8.GetBytes(json), status, names);
        ApiCase Batch(string name, string json, string names, int status = 422) =>
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
            yield return new ApiCase($"month {address} in the address", "PUT", $"/api/v1/systems/{Crm}/metrics/{address}", "application/json", "{ \"uptimePercent\": 99 }"u8.ToArray(),
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
        yield return new ApiCase("invalid UTF-8", "PUT", month, "application/json", [0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D], 400, "$");

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
        yield return new ApiCase("text/plain", "PUT", month, "text/plain", "{ \"uptimePercent\": 99 }"u8.ToArray(), 415, "application/json");
        yield return new ApiCase("a form", "PUT", month, "application/x-www-form-urlencoded", "uptimePercent=99"u8.ToArray(), 415, "application/json");
        yield return new ApiCase("no content type", "PUT", month, null, "{ \"uptimePercent\": 99 }"u8.ToArray(), 415, "Content-Type");
        yield return new ApiCase("xml", "PUT", "/api/v1/metrics", "application/xml", "<metrics/>"u8.ToArray(), 415, "application/json");
        yield return new ApiCase("POST to a month", "POST", month, "application/json", "{}"u8.ToArray(), 405, "PUT");
        yield return new ApiCase("DELETE a month", "DELETE", month, null, null, 405, "PUT");
        yield return new ApiCase("PATCH a month", "PATCH", month, "application/json", "{}"u8.ToArray(), 405, "PUT");
        yield return new ApiCase("POST the batch", "POST", "/api/v1/metrics", "application/json", "{}"u8.ToArray(), 405, "PUT");
        yield return new ApiCase("DELETE the scorecard", "DELETE", "/api/v1/scorecard", null, null, 405, "GET");
        yield return new ApiCase("an unknown address", "PUT", "/api/v1/nothing-here", "application/json", "{}"u8.ToArray(), 404, "/api/v1/nothing-here");
        yield return new ApiCase("another version", "PUT", "/api/v2/metrics", "application/json", "{}"u8.ToArray(), 404, "/api/v2/metrics");
        yield return new ApiCase("a system that is no id", "PUT", "/api/v1/systems/CRM/metrics/2026-08", "application/json", "{}"u8.ToArray(), 404, "/api/v1/systems/CRM");
        yield return new ApiCase("a system that does not exist", "PUT", "/api/v1/systems/00000000-0000-4000-8000-00000000dead/metrics/2026-08", "application/json", "{}"u8.ToArray(), 404, "00000000-0000-4000-8000-00000000dead");
    }

    private static string Ahead(int months) => BusinessValue.Domain.Periods.YearMonth.Of(DateOnly.FromDateTime(DateTime.UtcNow)).AddMonths(months).ToString();
}
