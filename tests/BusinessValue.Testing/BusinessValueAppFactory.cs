using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BusinessValue.Testing;

/// <summary>
/// The real app on a test database. <see cref="StartKestrel"/> serves it on a real socket on 127.0.0.1 for
/// browser tests; otherwise it runs in memory for HTTP tests.
/// </summary>
public sealed class BusinessValueAppFactory(TestDatabase database, string environment = "Production") : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = new(database.AppSettings);
    private readonly List<Action<IServiceCollection>> _services = [];

    public BusinessValueAppFactory WithSetting(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    public BusinessValueAppFactory WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    /// <summary>Starts Kestrel on a free loopback port and returns the app's address.</summary>
    public Uri StartKestrel()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        return new Uri(addresses.First());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        // Outside Development the framework maps static web assets only from published output; the tests
        // run the build output, so map them from the build's manifest as Development does.
        builder.UseStaticWebAssets();
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => _services.ForEach(configure => configure(services)));
    }
}
