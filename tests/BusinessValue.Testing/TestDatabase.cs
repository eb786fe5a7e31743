using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Testing;

/// <summary>A fresh database of its own for one test, on either provider; removed when disposed.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _folder;
    private readonly bool _onSharedServer;

    private TestDatabase(DatabaseOptions options, string? folder, bool onSharedServer = true)
    {
        Options = options;
        _folder = folder;
        _onSharedServer = onSharedServer;
    }

    public DatabaseOptions Options { get; }

    public DatabaseProvider Provider => Options.Provider;

    public string ConnectionString => Options.ConnectionString;

    /// <summary>The folder for SQLite files, logs and keys of an app hosted on this database.</summary>
    public string DataDirectory => Options.DataDirectory;

    /// <summary>
    /// A new database with every migration applied and no data (the app loads the demo on its first start, as on a
    /// fresh install): a copy of a template migrated once, since running every migration again for each test only
    /// proves the migrations, which <see cref="CreateEmptyAsync"/>'s tests do.
    /// </summary>
    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, bool migrateOnStartup = true)
    {
        var folder = NewFolder();
        string connectionString;
        if (provider == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(folder, "businessvalue.db");
            File.Copy(await SqliteTemplate.FileAsync(), file);
            connectionString = SqliteConnectionString(file);
        }
        else
        {
            connectionString = await PostgresServer.CreateMigratedDatabaseAsync("bv");
        }

        return new TestDatabase(
            new DatabaseOptions { Provider = provider, ConnectionString = connectionString, MigrateOnStartup = migrateOnStartup, DataDirectory = folder },
            folder);
    }

    /// <summary>A new database without a single table: for tests of migrating, or refusing an unmigrated database.</summary>
    public static async Task<TestDatabase> CreateEmptyAsync(DatabaseProvider provider, bool migrateOnStartup = true)
    {
        var folder = NewFolder();
        var connectionString = provider == DatabaseProvider.Sqlite
            ? SqliteConnectionString(Path.Combine(folder, "businessvalue.db"))
            : await PostgresServer.CreateDatabaseAsync("bv");
        return new TestDatabase(
            new DatabaseOptions { Provider = provider, ConnectionString = connectionString, MigrateOnStartup = migrateOnStartup, DataDirectory = folder },
            folder);
    }

    private static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "bv-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string SqliteConnectionString(string file) =>
        new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString();

    /// <summary>
    /// A database the test made elsewhere (a <see cref="PostgresCluster"/> of its own, a SQLite file on a mount of its
    /// own); disposing removes only the data folder, the database goes with its cluster or mount.
    /// </summary>
    public static TestDatabase At(DatabaseProvider provider, string connectionString)
    {
        var folder = Path.Combine(Path.GetTempPath(), "bv-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return new TestDatabase(
            new DatabaseOptions { Provider = provider, ConnectionString = connectionString, MigrateOnStartup = true, DataDirectory = folder },
            folder,
            onSharedServer: false);
    }

    public BusinessValueDbContext CreateContext() => Options.CreateContext();

    public async Task MigrateAsync()
    {
        await using var db = CreateContext();
        await db.Database.MigrateAsync();
    }

    /// <summary>Configuration keys that point the app at this database.</summary>
    public IReadOnlyDictionary<string, string?> AppSettings => new Dictionary<string, string?>
    {
        [DatabaseOptions.ProviderKey] = Provider.ToString(),
        [DatabaseOptions.ConnectionStringKey] = ConnectionString,
        [DatabaseOptions.MigrateOnStartupKey] = "true",
        [DatabaseOptions.DataDirectoryKey] = DataDirectory,
    };

    public async ValueTask DisposeAsync()
    {
        if (Provider == DatabaseProvider.Postgres && _onSharedServer)
        {
            await PostgresServer.DropDatabaseAsync(ConnectionString);
        }

        if (_folder is not null && Directory.Exists(_folder))
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }
    }
}
