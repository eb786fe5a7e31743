using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Testing;

namespace BusinessValue.Web.Tests.Hosting;

/// <summary>Starts the real app as its own process, as an operator would, with a wrong setting.</summary>
public sealed class StartupFailureTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("bv-startup-").FullName;

    [Fact]
    public async Task Start_UnknownProvider_StopsWithOneLineNamingTheSetting()
    {
        var run = await RunAppAsync(("Database__Provider", "Oracle"));

        run.ExitCode.Should().Be(1);
        run.FatalLines.Should().ContainSingle().Which.Should()
            .Contain("Database:Provider is 'Oracle'").And.Contain("Sqlite").And.Contain("Postgres");
        run.Output.Should().NotContain("   at ");
    }

    [Fact]
    public async Task Start_MalformedConnectionString_StopsWithOneLineNamingTheSetting()
    {
        var run = await RunAppAsync(("Database__Provider", "Postgres"), ("ConnectionStrings__BusinessValue", "Host=127.0.0.1;Flavour=mint;Password=hunter2-secret"));

        run.ExitCode.Should().Be(1);
        run.FatalLines.Should().ContainSingle().Which.Should().Contain("ConnectionStrings:BusinessValue is not a valid PostgreSQL connection string");
        run.Output.Should().NotContain("hunter2-secret").And.NotContain("   at ");
    }

    [Fact]
    public async Task Start_UnreachableDatabase_StopsWithOneLineNamingServerAndSetting()
    {
        var closedPort = ClosedLoopbackPort();

        var run = await RunAppAsync(
            ("Database__Provider", "Postgres"),
            ("Database__MigrateOnStartup", "true"),
            ("ConnectionStrings__BusinessValue", $"Host=127.0.0.1;Port={closedPort};Database=bv;Username=bv;Password=hunter2-secret;Timeout=3"));

        run.ExitCode.Should().Be(1);
        run.FatalLines.Should().ContainSingle().Which.Should()
            .Contain($"Cannot open the PostgreSQL database 'bv' on 127.0.0.1:{closedPort}").And.Contain("ConnectionStrings:BusinessValue");
        run.Output.Should().NotContain("hunter2-secret").And.NotContain("   at ");
    }

    [Fact]
    public async Task Start_PostgresNotMigratedAndMigrationOff_StopsWithOneLineSayingHowToMigrate()
    {
        await using var database = await TestDatabase.CreateEmptyAsync(DatabaseProvider.Postgres);

        var run = await RunAppAsync(("Database__Provider", "Postgres"), ("ConnectionStrings__BusinessValue", database.ConnectionString));

        run.ExitCode.Should().Be(1);
        run.FatalLines.Should().ContainSingle().Which.Should().Contain("migration(s), the first being").And.Contain("_InitialCreate").And.Contain("Database:MigrateOnStartup=true");
        run.Output.Should().NotContain(" ERR]").And.NotContain("   at ");
    }

    [Fact]
    public async Task Start_SqliteTablesDisagreeWithTheirMigrationHistory_StopsWithOneLineSayingWhatToDo()
    {
        // A database whose tables exist but whose history does not record them, as an old development build left it.
        var file = Path.Combine(_dataDirectory, "businessvalue.db");
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE departments (Id TEXT PRIMARY KEY)";
            await command.ExecuteNonQueryAsync();
        }

        var run = await RunAppAsync();

        run.ExitCode.Should().Be(1);
        run.FatalLines.Should().ContainSingle().Which.Should()
            .Contain("Could not bring the SQLite").And.Contain("already exists").And.Contain("migration history").And.Contain("bv import");
        run.Output.Should().NotContain("   at ");
    }

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    private async Task<AppRun> RunAppAsync(params (string Name, string Value)[] environment)
    {
        var app = Path.Combine(AppContext.BaseDirectory, "BusinessValue.Web.dll");
        var start = new ProcessStartInfo("dotnet", ["exec", app, "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DataDirectory"] = _dataDirectory;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The app kept running although its settings are wrong.");
        }

        var output = await stdout + await stderr;
        var fatal = output.Split('\n').Where(l => l.Contains("FTL]", StringComparison.Ordinal)).ToList();
        return new AppRun(process.ExitCode, output, fatal);
    }

    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record AppRun(int ExitCode, string Output, IReadOnlyList<string> FatalLines);
}
