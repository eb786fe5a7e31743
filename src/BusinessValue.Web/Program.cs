using BusinessValue.Web;
using BusinessValue.Web.Hosting;
using Serilog;

Log.Logger = ApplicationLogging.CreateBootstrapLogger();
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddApplicationLogging();
    builder.Services.AddBusinessValue(builder.Configuration, builder.Environment);

    var app = builder.Build();
    app.UseBusinessValue();
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (StartupFailure.IsExplained(ex))
{
    // A setting or the database is wrong: one line that says which and how to fix it, no stack trace.
    StartupFailure.Report(ex);
    return 1;
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "The app stopped unexpectedly");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>The entry point, public so that tests can host the app.</summary>
public partial class Program;
