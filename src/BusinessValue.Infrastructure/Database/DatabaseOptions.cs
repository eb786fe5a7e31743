using System.Data.Common;
using BusinessValue.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace BusinessValue.Infrastructure.Database;

/// <summary>
/// Which database the app uses and how, read once from configuration and checked before anything connects.
/// </summary>
public sealed record DatabaseOptions
{
    public const string ProviderKey = "Database:Provider";
    public const string MigrateOnStartupKey = "Database:MigrateOnStartup";
    public const string ConnectionStringName = "BusinessValue";
    public const string ConnectionStringKey = "ConnectionStrings:" + ConnectionStringName;
    public const string DataDirectoryKey = "DataDirectory";
    public const string SqliteMigrationsAssembly = "BusinessValue.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "BusinessValue.Migrations.Postgres";

    public required DatabaseProvider Provider { get; init; }

    public required string ConnectionString { get; init; }

    /// <summary>Apply pending migrations when the app starts (default: on for SQLite, off for PostgreSQL).</summary>
    public required bool MigrateOnStartup { get; init; }

    /// <summary>Folder for the default SQLite file and the logs.</summary>
    public required string DataDirectory { get; init; }

    public string ProviderDisplayName => Provider == DatabaseProvider.Postgres ? "PostgreSQL" : "SQLite";

    /// <summary>Reads and checks the settings; every problem is reported as one readable sentence.</summary>
    public static DatabaseOptions FromConfiguration(IConfiguration configuration, string contentRootPath)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var dataDirectory = ResolveDataDirectory(configuration, contentRootPath);
        var provider = ParseProvider(configuration[ProviderKey]);
        var connectionString = configuration.GetConnectionString(ConnectionStringName)?.Trim();

        connectionString = provider switch
        {
            DatabaseProvider.Sqlite => CheckSqlite(connectionString, dataDirectory),
            _ => CheckPostgres(connectionString),
        };

        return new DatabaseOptions
        {
            Provider = provider,
            ConnectionString = connectionString,
            MigrateOnStartup = ParseBool(configuration[MigrateOnStartupKey], MigrateOnStartupKey, provider == DatabaseProvider.Sqlite),
            DataDirectory = dataDirectory,
        };
    }

    /// <summary>The data folder: <c>DataDirectory</c> if set (relative to the app's folder), else <c>data/</c> beside the app.</summary>
    public static string ResolveDataDirectory(IConfiguration configuration, string contentRootPath)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return Path.GetFullPath(configuration[DataDirectoryKey] is { Length: > 0 } configured
            ? Path.Combine(contentRootPath, configured)
            : Path.Combine(contentRootPath, "data"));
    }

    /// <summary>Points an EF Core options builder at this database and its provider's migrations.</summary>
    public DbContextOptionsBuilder Apply(DbContextOptionsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configured = Provider switch
        {
            DatabaseProvider.Sqlite => builder.UseSqlite(ConnectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly)),
            _ => builder.UseNpgsql(ConnectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly)),
        };
        // Every context, in the app, the command line and the tests, keeps the portfolio version honest.
        return configured.AddInterceptors(Persistence.RowVersion.Interceptor.Instance, Audit.AuditTrailInterceptor.Instance, PortfolioDocuments.PortfolioChangeInterceptor.Instance);
    }

    /// <summary>A context on this database, for tools and tests that have no service container.</summary>
    public BusinessValueDbContext CreateContext() =>
        new(((DbContextOptionsBuilder<BusinessValueDbContext>)Apply(new DbContextOptionsBuilder<BusinessValueDbContext>())).Options);

    /// <summary>Where the data lives, safe to log and show: never a password.</summary>
    public string Describe()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            return $"SQLite file {new SqliteConnectionStringBuilder(ConnectionString).DataSource}";
        }

        var npgsql = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL database '{npgsql.Database}' on {npgsql.Host}:{npgsql.Port}";
    }

    private static DatabaseProvider ParseProvider(string? value)
    {
        var name = value?.Trim();
        if (string.IsNullOrEmpty(name) || name.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return DatabaseProvider.Sqlite;
        }

        if (name.Equals("Postgres", StringComparison.OrdinalIgnoreCase) || name.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase))
        {
            return DatabaseProvider.Postgres;
        }

        throw new DatabaseConfigurationException(
            $"{ProviderKey} is '{name}', which is not a supported database. Set it to Sqlite (the default) or Postgres, " +
            "for example with the environment variable Database__Provider=Postgres.");
    }

    private static string CheckSqlite(string? connectionString, string dataDirectory)
    {
        if (string.IsNullOrEmpty(connectionString))
        {
            return new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "businessvalue.db") }.ToString();
        }

        try
        {
            var builder = new SqliteConnectionStringBuilder(connectionString);
            if (string.IsNullOrWhiteSpace(builder.DataSource))
            {
                throw new DatabaseConfigurationException(
                    $"{ConnectionStringKey} has no Data Source. Give the SQLite file, for example \"Data Source=data/businessvalue.db\", or leave it out to use {Path.Combine(dataDirectory, "businessvalue.db")}.");
            }

            return builder.ToString();
        }
        catch (ArgumentException ex)
        {
            throw new DatabaseConfigurationException(
                $"{ConnectionStringKey} is not a valid SQLite connection string ({ex.Message}). Use the form \"Data Source=data/businessvalue.db\", or leave it out for the default file.");
        }
    }

    private static string CheckPostgres(string? connectionString)
    {
        const string Example = "Host=127.0.0.1;Port=5432;Database=businessvalue;Username=businessvalue;Password=…";
        if (string.IsNullOrEmpty(connectionString))
        {
            throw new DatabaseConfigurationException(
                $"{ConnectionStringKey} is empty, and {ProviderKey}=Postgres needs one. Set it, for example with the environment variable ConnectionStrings__BusinessValue=\"{Example}\".");
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException)
        {
            // The parser's message names the offending keyword, never the value, so no password leaks into the log.
            throw new DatabaseConfigurationException(
                $"{ConnectionStringKey} is not a valid PostgreSQL connection string ({ex.Message}). Use the form \"{Example}\".");
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new DatabaseConfigurationException(
                $"{ConnectionStringKey} names no Host. Use the form \"{Example}\".");
        }

        return builder.ConnectionString;
    }

    private static bool ParseBool(string? value, string key, bool defaultValue)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return defaultValue;
        }

        return bool.TryParse(value.Trim(), out var parsed)
            ? parsed
            : throw new DatabaseConfigurationException($"{key} is '{value}'; set it to true or false.");
    }

    /// <summary>True when the error means the database could not be reached or opened, as opposed to a bug.</summary>
    public static bool IsUnreachable(Exception exception) =>
        exception is DbException or System.Net.Sockets.SocketException or TimeoutException or InvalidOperationException { InnerException: DbException };
}
