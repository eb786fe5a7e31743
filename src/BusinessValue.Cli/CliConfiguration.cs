using Microsoft.Extensions.Configuration;

namespace BusinessValue.Cli;

/// <summary>
/// The same settings as the web app (Database:Provider, ConnectionStrings:BusinessValue, DataDirectory, …),
/// from appsettings.json in the current folder and environment variables.
/// </summary>
internal static class CliConfiguration
{
    public static IConfiguration FromEnvironment() =>
        new ConfigurationBuilder()
            .SetBasePath(Directory.GetCurrentDirectory())
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
}
