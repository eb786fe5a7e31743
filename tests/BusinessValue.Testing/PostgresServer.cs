using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using BusinessValue.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BusinessValue.Testing;

/// <summary>
/// The PostgreSQL server tests run against. scripts/test.sh starts one cluster for the whole run and passes
/// its admin connection string in BV_TEST_POSTGRES; without it (a plain <c>dotnet test</c>) the first test
/// that needs PostgreSQL starts a throwaway cluster on 127.0.0.1 itself and stops it when the process ends.
/// </summary>
public static class PostgresServer
{
    public const string EnvironmentVariable = "BV_TEST_POSTGRES";

    private static readonly Lazy<string> AdminConnection = new(StartOrFind, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Connection string to the server's <c>postgres</c> database as a superuser.</summary>
    public static string AdminConnectionString => AdminConnection.Value;

    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)].ToLowerInvariant();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE template0", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    /// <summary>
    /// A new database with every migration already applied: a copy of a template migrated once per build of the
    /// migrations, which costs a file copy on the server instead of running every migration again for each test.
    /// </summary>
    public static async Task<string> CreateMigratedDatabaseAsync(string prefix)
    {
        var template = await MigratedTemplateAsync();
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)].ToLowerInvariant();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    private static readonly SemaphoreSlim _templateGate = new(1, 1);
    private static string? _template;

    // Any fixed number: the advisory lock that lets one test process of a run migrate the template while the others wait.
    private const long TemplateLock = 4_711_000_013;

    private static async Task<string> MigratedTemplateAsync()
    {
        if (_template is not null)
        {
            return _template;
        }

        await _templateGate.WaitAsync();
        try
        {
            if (_template is not null)
            {
                return _template;
            }

            // Named after the migrations build (deterministic builds give the same id for the same migrations), so
            // a changed migration gets a template of its own; the test assemblies of one run share one.
            var build = Assembly.Load(DatabaseOptions.PostgresMigrationsAssembly).ManifestModule.ModuleVersionId;
            var name = $"bv_template_{build:N}";
            await using var admin = new NpgsqlConnection(AdminConnectionString);
            await admin.OpenAsync();
            await using (var wait = new NpgsqlCommand($"SELECT pg_advisory_lock({TemplateLock})", admin))
            {
                await wait.ExecuteNonQueryAsync();
            }

            try
            {
                await using var exists = new NpgsqlCommand("SELECT COUNT(*) FROM pg_database WHERE datname = @name", admin);
                exists.Parameters.AddWithValue("name", name);
                if (Convert.ToInt64(await exists.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) == 0)
                {
                    // Migrated under another name and renamed when complete: a run stopped half-way leaves no half-made template.
                    var building = name[..^1] + "_";
                    await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{building}\" WITH (FORCE)");
                    await ExecuteAsync(admin, $"CREATE DATABASE \"{building}\" TEMPLATE template0");
                    // No pooling: a connection left open to a template stops every copy of it.
                    var options = new DatabaseOptions
                    {
                        Provider = DatabaseProvider.Postgres,
                        ConnectionString = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = building, Pooling = false }.ConnectionString,
                        MigrateOnStartup = true,
                        DataDirectory = Path.GetTempPath(),
                    };
                    await using (var db = options.CreateContext())
                    {
                        await db.Database.MigrateAsync();
                    }

                    await ExecuteAsync(admin, $"ALTER DATABASE \"{building}\" RENAME TO \"{name}\"");
                }
            }
            finally
            {
                await ExecuteAsync(admin, $"SELECT pg_advisory_unlock({TemplateLock})");
            }

            return _template = name;
        }
        finally
        {
            _templateGate.Release();
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>Refuses or allows new connections to one database: the database "goes down" and "comes back".</summary>
    public static async Task SetAcceptingConnectionsAsync(string connectionString, bool accepting)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var alter = new NpgsqlCommand($"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS {(accepting ? "true" : "false")}", connection);
        await alter.ExecuteNonQueryAsync();
        if (!accepting)
        {
            await using var kick = new NpgsqlCommand($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'", connection);
            await kick.ExecuteNonQueryAsync();
        }
    }

    private static string StartOrFind()
    {
        var given = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return string.IsNullOrWhiteSpace(given) ? ThrowawayCluster.Start() : given;
    }

    internal static class ThrowawayCluster
    {
        public static string Start()
        {
            var bin = FindBinaries();
            var folder = Path.Combine(Path.GetTempPath(), $"bv-test-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
            Directory.CreateDirectory(folder);
            var asRoot = Environment.UserName == "root";
            if (asRoot)
            {
                // PostgreSQL refuses to run as root: the cluster belongs to the postgres user.
                Run("chown", $"-R postgres:postgres {folder}");
            }

            var port = FreePort();
            var data = Path.Combine(folder, "data");
            RunAsPostgres(asRoot, Path.Combine(bin, "initdb"), $"-D {data} -U postgres --auth=trust -E UTF8 --no-sync");
            RunAsPostgres(asRoot, Path.Combine(bin, "pg_ctl"),
                $"-D {data} -l {Path.Combine(folder, "server.log")} -w -o \"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300\" start");
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                // Best effort at exit: a leftover folder in /tmp is harmless.
                try
                {
                    RunAsPostgres(asRoot, Path.Combine(bin, "pg_ctl"), $"-D {data} -m immediate stop");
                }
                catch (InvalidOperationException)
                {
                }

                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                }
            };
            return $"Host=127.0.0.1;Port={port};Database=postgres;Username=postgres;Pooling=true;Timeout=5";
        }

        internal static string FindBinaries()
        {
            var root = "/usr/lib/postgresql";
            var bin = Directory.Exists(root)
                ? Directory.GetDirectories(root).Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderDescending().FirstOrDefault()
                : null;
            return bin ?? throw new InvalidOperationException(
                $"PostgreSQL server binaries were not found under {root}. Run scripts/test.sh (it installs them), install postgresql-15, or set {EnvironmentVariable}.");
        }

        internal static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        internal static void RunAsPostgres(bool asRoot, string program, string arguments)
        {
            if (asRoot)
            {
                Run("runuser", $"-u postgres -- {program} {arguments}");
            }
            else
            {
                Run(program, arguments);
            }
        }

        internal static void Run(string program, string arguments)
        {
            using var process = Process.Start(new ProcessStartInfo(program, arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            }) ?? throw new InvalidOperationException($"Could not start {program}.");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{program} {arguments} failed ({process.ExitCode}): {error}{output.Result}");
            }
        }
    }
}
