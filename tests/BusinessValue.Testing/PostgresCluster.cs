using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace BusinessValue.Testing;

/// <summary>
/// A PostgreSQL cluster of a test's own on 127.0.0.1, which the test may stop, restart or SIGKILL (fault tests):
/// never the shared cluster of <see cref="PostgresServer"/>. Removed when disposed.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _folder;
    private readonly string _data;
    private readonly int _port;
    private readonly bool _asRoot = Environment.UserName == "root";

    private PostgresCluster(string bin, string folder, int port)
    {
        _bin = bin;
        _folder = folder;
        _data = Path.Combine(folder, "data");
        _port = port;
    }

    /// <summary>Connection string to this cluster's <c>postgres</c> database, unpooled (so it never hands out a dead connection).</summary>
    public string AdminConnectionString => $"Host=127.0.0.1;Port={_port};Database=postgres;Username=postgres;Pooling=false;Timeout=5";

    /// <summary>initdb (about 1 s) and start.</summary>
    public static PostgresCluster Create()
    {
        var bin = PostgresServer.ThrowawayCluster.FindBinaries();
        var folder = Path.Combine(Path.GetTempPath(), $"bv-fault-pg-{Guid.NewGuid():N}"[..30]);
        Directory.CreateDirectory(folder);
        var cluster = new PostgresCluster(bin, folder, PostgresServer.ThrowawayCluster.FreePort());
        if (cluster._asRoot)
        {
            PostgresServer.ThrowawayCluster.Run("chown", $"-R postgres:postgres {folder}");
        }

        cluster.Pg("initdb", $"-D {cluster._data} -U postgres --auth=trust -E UTF8 --no-sync");
        cluster.Start();
        return cluster;
    }

    /// <summary>Starts the server (again): after a SIGKILL it runs crash recovery first, as in production.</summary>
    public void Start()
    {
        var log = Path.Combine(_folder, "server.log");
        try
        {
            Pg("pg_ctl", $"-D {_data} -l {log} -w -t 60 -o \"-p {_port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100\" start");
        }
        catch (InvalidOperationException ex)
        {
            var tail = File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(15)) : "(no log)";
            throw new InvalidOperationException($"{ex.Message}\nserver.log:\n{tail}", ex);
        }
    }

    /// <summary>A clean shutdown (sessions are ended): the server is away until <see cref="Start"/>.</summary>
    public void Stop() => Pg("pg_ctl", $"-D {_data} -m fast -w stop");

    /// <summary>
    /// SIGKILL to the postmaster (its pid from postmaster.pid), then to every process it had started (backends, writers),
    /// as a crashed machine or the OOM killer would leave them; returns once all are gone.
    /// </summary>
    public void Kill()
    {
        var pid = int.Parse(File.ReadLines(Path.Combine(_data, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
        var children = ChildrenOf(pid);
        foreach (var victim in children.Prepend(pid))
        {
            try
            {
                using var process = Process.GetProcessById(victim);
                process.Kill(); // SIGKILL on Linux
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                // Already gone.
            }
        }

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (children.Prepend(pid).Any(p => Directory.Exists($"/proc/{p}") && !IsZombie(p)))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException("The killed PostgreSQL processes did not go away within 15 s.");
            }

            Thread.Sleep(20);
        }

        // In a container whose first process reaps no orphans the killed postmaster stays a zombie, and PostgreSQL
        // takes its pid in postmaster.pid for a live server; after a real crash and reboot that pid is gone.
        // The same for the socket's lock file.
        File.Delete(Path.Combine(_data, "postmaster.pid"));
        File.Delete(Path.Combine(_folder, $".s.PGSQL.{_port}.lock"));
        File.Delete(Path.Combine(_folder, $".s.PGSQL.{_port}"));
    }

    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE template0", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true, Timeout = 5 }.ConnectionString;
    }

    public ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            Pg("pg_ctl", $"-D {_data} -m immediate stop");
        }
        catch (InvalidOperationException)
        {
            // Not running (a test killed it and failed before restarting it).
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }

        return ValueTask.CompletedTask;
    }

    private void Pg(string program, string arguments) =>
        PostgresServer.ThrowawayCluster.RunAsPostgres(_asRoot, Path.Combine(_bin, program), arguments);

    private static List<int> ChildrenOf(int parent) =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var p) ? p : 0)
            .Where(p => p > 0 && ParentOf(p) == parent)
            .ToList();

    private static int ParentOf(int pid)
    {
        try
        {
            // "pid (comm) state ppid …": the name may hold spaces, so read after its closing parenthesis.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return 0;
        }
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[stat.LastIndexOf(')') + 2] == 'Z';
        }
        catch (IOException)
        {
            return true;
        }
    }
}
