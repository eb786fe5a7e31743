using System.Net;
using System.Reflection;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Testing;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BusinessValue.Web.Tests.Security;

/// <summary>
/// The access matrix of docs/security.md against the running app: every routable page and endpoint, as every
/// role and as a visitor who is not signed in. A new page or endpoint fails here until the table lists it.
/// </summary>
public sealed class AccessMatrixTests
{
    private const string Anonymous = "anonymous";

    [Fact]
    public async Task Matrix_ListsEveryPageAndEndpointOfTheApp_AndNothingElse()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new BusinessValueAppFactory(database);

        var routes = RoutesOf(app);
        var documented = Matrix().Select(row => $"{row.Method} {row.Address}").ToList();

        routes.Should().BeSubsetOf(documented, "every page and endpoint needs its row in docs/security.md");
        documented.Should().BeSubsetOf(routes, "docs/security.md should list only addresses the app has");
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task EveryAddress_AsEveryRole_AnswersAsTheMatrixSays(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        var clients = new Dictionary<string, HttpClient>
        {
            [Anonymous] = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost/"), AllowAutoRedirect = false }),
        };
        foreach (var role in Roles.All)
        {
            clients[role] = await app.CreateSignedInClientAsync(role);
        }

        Guid systemId;
        await using (var db = database.CreateContext())
        {
            systemId = await db.Systems.Select(s => s.Id).FirstAsync();
        }

        var mismatches = new List<string>();
        foreach (var row in Matrix())
        {
            var address = row.Address
                .Replace("{Id:guid}", systemId.ToString(), StringComparison.Ordinal)
                .Replace("{id:guid}", systemId.ToString(), StringComparison.Ordinal)
                .Replace("{month}", "2026-07", StringComparison.Ordinal)
                .Replace("{kind}", "systems", StringComparison.Ordinal)
                .Replace("{format}", "csv", StringComparison.Ordinal)
                .Replace("{Anchor}", "revenue-per-hour", StringComparison.Ordinal)
                .Replace("{documentName?}", "v1", StringComparison.Ordinal)
                .Replace("{documentName}", "v1", StringComparison.Ordinal);
            foreach (var (who, expected) in row.Expected)
            {
                using var request = new HttpRequestMessage(new HttpMethod(row.Method), new Uri(address, UriKind.Relative));
                using var response = await clients[who].SendAsync(request);
                var actual = Describe(response);
                if (actual != expected)
                {
                    mismatches.Add($"{row.Method} {address} as {who}: expected {expected}, got {actual} ({(int)response.StatusCode})");
                }
            }
        }

        foreach (var client in clients.Values)
        {
            client.Dispose();
        }

        mismatches.Should().BeEmpty();
    }

    private static string Describe(HttpResponseMessage response) => response.StatusCode switch
    {
        HttpStatusCode.OK => "✓",
        HttpStatusCode.NotFound => "404",
        HttpStatusCode.BadRequest => "token",
        HttpStatusCode.InternalServerError => "500",
        HttpStatusCode.Unauthorized => "401",
        HttpStatusCode.Redirect when response.Headers.Location?.OriginalString.Contains("/account/login", StringComparison.Ordinal) == true => "sign-in",
        HttpStatusCode.Redirect when response.Headers.Location?.OriginalString.Contains("/account/access-denied", StringComparison.Ordinal) == true => "✗",
        HttpStatusCode.Redirect => "302",
        _ => $"HTTP {(int)response.StatusCode} {response.Headers.Location}",
    };

    /// <summary>"GET /path" for every page (route attributes) and every endpoint the app maps itself.</summary>
    private static List<string> RoutesOf(BusinessValueAppFactory app)
    {
        var pages = typeof(Program).Assembly.GetTypes()
            .SelectMany(type => type.GetCustomAttributes<RouteAttribute>())
            .Select(route => $"GET {route.Template}");
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is null)
            // Files (styles, scripts) and the framework's own circuit endpoints are not pages.
            .Where(e => !e.Metadata.Any(m => m.GetType().Name.Contains("StaticAsset", StringComparison.Ordinal)))
            .Where(e => e.RoutePattern.RawText is { } raw && !raw.TrimStart('/').StartsWith('_') && !raw.Contains(":file}", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method => $"{method} /{e.RoutePattern.RawText!.TrimStart('/')}"));
        return [.. pages.Concat(endpoints).Distinct().Order()];
    }

    private sealed record Row(string Address, string Method, IReadOnlyDictionary<string, string> Expected);

    private static List<Row> Matrix()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryFolder.Root, "docs", "security.md"));
        var table = text[text.IndexOf("<!-- access-matrix:start -->", StringComparison.Ordinal)..text.IndexOf("<!-- access-matrix:end -->", StringComparison.Ordinal)];
        var lines = table.Split('\n').Where(l => l.StartsWith('|')).ToList();
        var headers = Cells(lines[0]);
        return [.. lines.Skip(2).Select(line =>
        {
            var cells = Cells(line);
            var expected = new Dictionary<string, string>();
            for (var i = 2; i < headers.Count; i++)
            {
                expected[headers[i]] = cells[i];
            }

            return new Row(cells[0].Trim('`'), cells[1], expected);
        })];
    }

    private static List<string> Cells(string line) => [.. line.Trim().Trim('|').Split('|').Select(c => c.Trim())];
}
