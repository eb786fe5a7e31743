using BusinessValue.Infrastructure.Database;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Testing;

/// <summary>
/// One migrated, empty SQLite file per test process; each test database starts as a copy of it rather than
/// running every migration again. Removed when the process ends.
/// </summary>
internal static class SqliteTemplate
{
    private static readonly SemaphoreSlim _gate = new(1, 1);
    private static string? _file;

    public static async Task<string> FileAsync()
    {
        if (_file is not null)
        {
            return _file;
        }

        await _gate.WaitAsync();
        try
        {
            if (_file is not null)
            {
                return _file;
            }

            var folder = Path.Combine(Path.GetTempPath(), "bv-tests", $"template-{Environment.ProcessId}-{Guid.NewGuid():N}");
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, "businessvalue.db");
            var options = new DatabaseOptions
            {
                Provider = DatabaseProvider.Sqlite,
                // No pooling: the file is copied only once every connection to it is closed.
                ConnectionString = new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString(),
                MigrateOnStartup = true,
                DataDirectory = folder,
            };
            await using (var db = options.CreateContext())
            {
                await db.Database.MigrateAsync();
            }

            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Best effort at exit: a leftover file in /tmp is harmless.
                }
            };
            return _file = file;
        }
        finally
        {
            _gate.Release();
        }
    }
}
