using System.Net.Http.Headers;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Testing;
using BusinessValue.Web.Features.Admin;
using Microsoft.Extensions.DependencyInjection;

namespace BusinessValue.Web.Tests.HostileWrites;

/// <summary>A client that calls the API with a new key of the given scope, created by an administrator.</summary>
internal static class ApiKeyClients
{
    public static async Task<HttpClient> CreateKeyClientAsync(this BusinessValueAppFactory app, string scope)
    {
        using var admin = app.Services.CreateScope().As(Roles.Administrator);
        var (secret, problems) = await admin.ServiceProvider.GetRequiredService<ApiKeyAdministration>().CreateAsync($"{scope} {Guid.NewGuid():N}", [scope]);
        problems.Should().BeEmpty();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }
}
