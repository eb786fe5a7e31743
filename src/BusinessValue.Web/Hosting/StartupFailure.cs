using BusinessValue.Domain;
using BusinessValue.Infrastructure.Database;
using Serilog;

namespace BusinessValue.Web.Hosting;

/// <summary>Failures at start that an operator can fix from the message alone.</summary>
internal static class StartupFailure
{
    public static bool IsExplained(Exception exception) =>
        exception is DatabaseConfigurationException or DatabaseUnavailableException or DomainRuleException or SettingException;

    public static void Report(Exception exception)
    {
        Log.Fatal("Cannot start: {Reason}", exception.Message);
    }
}
