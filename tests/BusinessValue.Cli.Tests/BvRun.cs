using BusinessValue.Testing;
using Microsoft.Extensions.Configuration;

namespace BusinessValue.Cli.Tests;

/// <summary>Runs <c>bv</c> in-process with captured output and the given settings.</summary>
internal static class BvRun
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string?>? settings, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var exitCode = await BvCommand.RunAsync(args, output, error, configuration);
        return (exitCode, output.ToString(), error.ToString());
    }

    public static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => RunAsync((IReadOnlyDictionary<string, string?>?)null, args);

    public static Task<(int ExitCode, string Output, string Error)> RunAsync(TestDatabase database, params string[] args) => RunAsync(database.AppSettings, args);
}
