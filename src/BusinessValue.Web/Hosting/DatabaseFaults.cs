using BusinessValue.Infrastructure.Database;
using BusinessValue.Web.Features.Api;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace BusinessValue.Web.Hosting;

/// <summary>A database fault a person can understand and wait out: the server is away, the file is read-only, the disk is full.</summary>
internal sealed record DatabaseFault(string Title, string Detail);

/// <summary>
/// Turns database faults that are not the request's fault into 503 (Service Unavailable) with a plain reason: a
/// problem document under /api, the error page for people; never a 500 or a stack trace. Other exceptions are
/// left to the error page as before. On PostgreSQL the connection pools are cleared, so connections opened to a
/// server that has since died or restarted are not handed out again (docs/operations.md#fault-campaign).
/// </summary>
internal sealed class DatabaseFaults(DatabaseOptions options, ILogger<DatabaseFaults> logger) : IExceptionHandler
{
    public const string RetryAfter = "5";

    // SQLite's primary result codes (https://sqlite.org/rescode.html).
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteReadOnly = 8;
    private const int SqliteIoError = 10;
    private const int SqliteFull = 13;
    private const int SqliteCannotOpen = 14;

    // Below this much free space the disk counts as full: SQLite in WAL mode reports a full disk as a plain I/O error.
    private const long LowSpaceBytes = 256 * 1024;

    private static readonly DatabaseFault Unreachable = new("The database does not answer",
        "The database did not answer (it may be restarting). Nothing was changed. Try again in a moment.");

    private static readonly DatabaseFault DiskFull = new("The database's disk is full",
        "The change could not be stored because the disk that holds the database is full. Nothing was changed. An administrator must free space; then try again.");

    private static readonly DatabaseFault ReadOnly = new("The database is read-only",
        "The change could not be stored because the database file cannot be written at the moment. Nothing was changed. An administrator must make it writable again; then try again.");

    private static readonly DatabaseFault Busy = new("The database is busy",
        "The database was busy with other changes for too long. Nothing was changed. Try again in a moment.");

    private static readonly DatabaseFault FileTrouble = new("The database cannot be reached",
        "The database file could not be read or written. Nothing was changed. Try again in a moment; an administrator can find the cause in the log.");

    /// <summary>503 for a database fault, else 500: the status of the error page.</summary>
    public static int StatusCodeOf(Exception exception) =>
        Of(exception, null) is null ? StatusCodes.Status500InternalServerError : StatusCodes.Status503ServiceUnavailable;

    /// <summary>The fault this exception (or one it wraps) stands for, without side effects; null when it is none.</summary>
    public DatabaseFault? Describe(Exception? exception) => Of(exception, options);

    /// <summary>As <see cref="Describe"/>, and a fault is logged in one line and the PostgreSQL pools are cleared.</summary>
    public DatabaseFault? Recognise(Exception exception)
    {
        if (Of(exception, options) is not { } fault)
        {
            return null;
        }

        logger.LogWarning("{Title}: {Reason} ({Exception})", fault.Title, exception.GetBaseException().Message, exception.GetType().Name);
        if (options.Provider == DatabaseProvider.Postgres)
        {
            // A broken connection is discarded by Npgsql, but idle ones to the old server would fail once each.
            NpgsqlConnection.ClearAllPools();
        }

        return fault;
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (Recognise(exception) is not { } fault)
        {
            return false;
        }

        httpContext.Response.Headers.RetryAfter = RetryAfter;
        if (!httpContext.Request.Path.StartsWithSegments("/api"))
        {
            // People get the error page (503 from StatusCodeOf), which names the fault.
            return false;
        }

        await ApiProblems.Write(httpContext, StatusCodes.Status503ServiceUnavailable, fault.Title, fault.Detail);
        return true;
    }

    private static DatabaseFault? Of(Exception? exception, DatabaseOptions? options)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            var fault = e switch
            {
                SqliteException { SqliteErrorCode: SqliteFull } => DiskFull,
                SqliteException { SqliteErrorCode: SqliteReadOnly or SqliteIoError or SqliteCannotOpen } sqlite =>
                    // The file's own state says which: SQLite reports a full disk or a read-only mount in WAL mode as I/O errors.
                    IsDiskFull(options) ? DiskFull
                    : sqlite.SqliteErrorCode == SqliteReadOnly || IsReadOnly(options) ? ReadOnly
                    : FileTrouble,
                SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked } => Busy,
                NpgsqlException { IsTransient: true } or System.Net.Sockets.SocketException or TimeoutException => Unreachable,
                _ => null,
            };
            if (fault is not null)
            {
                return fault;
            }
        }

        return null;
    }

    private static string? SqliteFile(DatabaseOptions? options) =>
        options is { Provider: DatabaseProvider.Sqlite } ? Path.GetFullPath(new SqliteConnectionStringBuilder(options.ConnectionString).DataSource) : null;

    private static bool IsDiskFull(DatabaseOptions? options)
    {
        try
        {
            return Path.GetDirectoryName(SqliteFile(options)) is { } folder && new DriveInfo(folder).AvailableFreeSpace < LowSpaceBytes;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool IsReadOnly(DatabaseOptions? options)
    {
        if (SqliteFile(options) is not { } file || !File.Exists(file))
        {
            return false;
        }

        try
        {
            // Opening for writing (nothing is written) fails on a read-only mount or file, for root too on a mount.
            using var probe = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            return false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }
}

internal static class DatabaseFaultsRegistration
{
    public static IServiceCollection AddDatabaseFaults(this IServiceCollection services)
    {
        services.AddSingleton<DatabaseFaults>();
        services.AddSingleton<IExceptionHandler>(sp => sp.GetRequiredService<DatabaseFaults>());
        return services;
    }
}
