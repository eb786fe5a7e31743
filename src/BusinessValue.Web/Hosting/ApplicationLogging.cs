using BusinessValue.Infrastructure.Database;
using Serilog;
using Serilog.Extensions.Hosting;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace BusinessValue.Web.Hosting;

/// <summary>Serilog: readable console lines, a rolling file under data/logs, request logs with a correlation id.</summary>
internal static class ApplicationLogging
{
    private const string ConsoleTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}";
    private const string FileTemplate = "{Timestamp:yyyy-MM-dd'T'HH:mm:ss.fffzzz} [{Level:u3}] {SourceContext} {Message:lj} {Properties:j}{NewLine}{Exception}";

    public static ReloadableLogger CreateBootstrapLogger() =>
        new LoggerConfiguration()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .WriteTo.Console(outputTemplate: ConsoleTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .CreateBootstrapLogger();

    public static WebApplicationBuilder AddApplicationLogging(this WebApplicationBuilder builder)
    {
        // preserveStaticLogger: the static bootstrap logger stays as it is (it reports start-up failures), and
        // several hosts in one process (the tests) do not fight over freezing it.
        builder.Services.AddSerilog(
            (services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            // The host logs a start failure with its stack trace; StartupFailure already says it in one line.
            .MinimumLevel.Override("Microsoft.Extensions.Hosting.Internal.Host", LogEventLevel.Fatal)
            // EF repeats every connection failure as an error; the start-up message and health check already say it.
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore.Database.Connection", LogEventLevel.Fatal)
            // On a new PostgreSQL database EF probes its history table before creating it and logs the expected failure.
            .Filter.ByExcluding(IsMigrationHistoryProbe)
            .Enrich.FromLogContext()
            .WriteTo.Console(new MessageTemplateTextFormatter(ConsoleTemplate))
            .WriteTo.File(
                new MessageTemplateTextFormatter(FileTemplate),
                Path.Combine(LogFolder(builder), "businessvalue-.log"),
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: 14,
                fileSizeLimitBytes: 50 * 1024 * 1024,
                rollOnFileSizeLimit: true),
            preserveStaticLogger: true);
        return builder;
    }

    private static bool IsMigrationHistoryProbe(LogEvent logEvent) =>
        logEvent.Properties.TryGetValue("SourceContext", out var source)
        && source is ScalarValue { Value: "Microsoft.EntityFrameworkCore.Database.Command" }
        && logEvent.Properties.TryGetValue("commandText", out var command)
        && command is ScalarValue { Value: string text }
        && text.Contains("__EFMigrationsHistory", StringComparison.Ordinal);

    // Read when the logger is built, after tests and hosts have added their configuration.
    private static string LogFolder(WebApplicationBuilder builder) =>
        Path.Combine(DatabaseOptions.ResolveDataDirectory(builder.Configuration, builder.Environment.ContentRootPath), "logs");
}
