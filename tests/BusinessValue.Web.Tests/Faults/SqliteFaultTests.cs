using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using BusinessValue.Domain.Metrics;
using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.ApiKeys;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Infrastructure.PortfolioDocuments;
using BusinessValue.Testing;
using BusinessValue.Web.Features.Admin;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace BusinessValue.Web.Tests.Faults;

/// <summary>
/// The fault campaign on SQLite (issue 13): the app's real database file on a small tmpfs of the test's own, which is
/// filled up (a real ENOSPC). Read-only: root ignores file modes, and remounting the tmpfs read-only is refused while
/// the app holds the file open (EBUSY), so the file, its WAL files and the folder are made immutable (chattr +i),
/// which root obeys too. Needs root and mount rights, as the CI machine has; without them the test fails and says so.
/// </summary>
public sealed class SqliteFaultTests(ITestOutputHelper output)
{
    private static readonly YearMonth Stored = new(2026, 9);

    [Fact]
    public async Task PutMonth_SqliteDiskFullThenReadOnly_503WithTheReasonNothingCorruptAndWritesResumeWithoutARestart()
    {
        await using var mount = await TmpfsMount.CreateAsync(sizeMegabytes: 8);
        var file = Path.Combine(mount.Folder, "businessvalue.db");
        await using var database = TestDatabase.At(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        await using (var db = database.CreateContext())
        {
            await db.Database.MigrateAsync();
            await PortfolioStore.ReplaceAsync(db, SyntheticPortfolio.Generate(5, 1, seed: 13, Stored));
        }

        await using var app = new BusinessValueAppFactory(database);
        using var client = await KeyClientAsync(app);
        Guid system;
        await using (var db = database.CreateContext())
        {
            system = await db.Systems.OrderBy(s => s.Name).Select(s => s.Id).FirstAsync();
        }

        (await PutAsync(client, system, "2026-10", 99.1m)).Status.Should().Be(HttpStatusCode.Created);

        // Disk full: a filler file takes every free block of the mount.
        mount.Fill();
        var full = await PutAsync(client, system, "2026-11", 98.2m);
        var fullChange = await PutAsync(client, system, "2026-10", 11.1m);
        mount.Unfill();
        var afterSpaceFreed = await PutAsync(client, system, "2026-11", 98.2m);

        // Read-only under the running app.
        mount.MakeReadOnly(readOnly: true);
        var readOnly = await PutAsync(client, system, "2026-12", 97.3m);
        var readWhileReadOnly = await client.GetAsync(new Uri("/api/v1/systems", UriKind.Relative));
        mount.MakeReadOnly(readOnly: false);
        var afterWritable = await PutAsync(client, system, "2026-12", 97.3m);

        output.WriteLine($"disk full: {(int)full.Status} {full.Body}");
        output.WriteLine($"read-only: {(int)readOnly.Status} {readOnly.Body}; a read meanwhile: {(int)readWhileReadOnly.StatusCode}");
        foreach (var (status, body) in new[] { full, fullChange })
        {
            status.Should().Be(HttpStatusCode.ServiceUnavailable, body);
            body.Should().Contain("The database's disk is full").And.Contain("Nothing was changed").And.NotContain("   at ").And.NotContain("Exception");
        }

        readOnly.Status.Should().Be(HttpStatusCode.ServiceUnavailable, readOnly.Body);
        readOnly.Body.Should().Contain("The database is read-only").And.Contain("Nothing was changed").And.NotContain("   at ").And.NotContain("Exception");
        readWhileReadOnly.StatusCode.Should().BeOneOf(HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable);
        afterSpaceFreed.Status.Should().Be(HttpStatusCode.Created, afterSpaceFreed.Body);
        afterWritable.Status.Should().Be(HttpStatusCode.Created, afterWritable.Body);
        await using var check = database.CreateContext();
        (await check.Database.SqlQueryRaw<string>("PRAGMA integrity_check").ToListAsync()).Should().Equal("ok");
        var months = await check.Metrics.Where(m => m.SystemId == system).OrderBy(m => m.Month).ToListAsync();
        months.Select(m => (m.Month.ToString(), m.ValueOf(Measures.Uptime))).Should().Equal(
            ("2026-09", months[0].ValueOf(Measures.Uptime)), ("2026-10", 99.1m), ("2026-11", 98.2m), ("2026-12", 97.3m));
    }

    private static async Task<(HttpStatusCode Status, string Body)> PutAsync(HttpClient client, Guid system, string month, decimal uptime)
    {
        using var response = await client.PutAsync(new Uri($"/api/v1/systems/{system}/metrics/{month}", UriKind.Relative),
            new StringContent(string.Create(System.Globalization.CultureInfo.InvariantCulture, $$"""{ "uptimePercent": {{uptime}} }"""), Encoding.UTF8, "application/json"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<HttpClient> KeyClientAsync(BusinessValueAppFactory app)
    {
        using var admin = app.Services.CreateScope().As(Roles.Administrator);
        var (secret, problems) = await admin.ServiceProvider.GetRequiredService<ApiKeyAdministration>().CreateAsync("fault test", [ApiScopes.MetricsWrite, ApiScopes.InventoryRead]);
        problems.Should().BeEmpty();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    /// <summary>A tmpfs of its own: real ENOSPC when full, real EROFS when remounted read-only.</summary>
    private sealed class TmpfsMount : IAsyncDisposable
    {
        private TmpfsMount(string folder) => Folder = folder;

        public string Folder { get; }

        private string Filler => Path.Combine(Folder, "filler");

        public static Task<TmpfsMount> CreateAsync(int sizeMegabytes)
        {
            var folder = Path.Combine(Path.GetTempPath(), $"bv-sqlite-fault-{Guid.NewGuid():N}"[..32]);
            Directory.CreateDirectory(folder);
            var (code, error) = Run("mount", $"-t tmpfs -o size={sizeMegabytes}m tmpfs {folder}");
            if (code != 0)
            {
                Directory.Delete(folder);
                throw new InvalidOperationException(
                    $"This fault test needs root with mount rights (it mounts a small tmpfs to fill it and remount it read-only); 'mount' answered {code}: {error}. " +
                    $"Run the tests as root in a container with CAP_SYS_ADMIN, as CI does (user now: {Environment.UserName}).");
            }

            return Task.FromResult(new TmpfsMount(folder));
        }

        public void Fill()
        {
            using var filler = new FileStream(Filler, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough);
            var block = new byte[4096];
            try
            {
                while (true)
                {
                    filler.Write(block);
                }
            }
            catch (IOException)
            {
                // ENOSPC: the disk is full.
            }
        }

        public void Unfill() => File.Delete(Filler);

        /// <summary>chattr ±i on the folder and every file in it (the database, its -wal and -shm).</summary>
        public void MakeReadOnly(bool readOnly)
        {
            // SQLite may delete its -wal and -shm files (the last connection closing) between listing and chattr:
            // then list again.
            var (code, error) = (0, "");
            for (var attempt = 0; attempt < 5; attempt++)
            {
                var targets = string.Join(' ', Directory.GetFiles(Folder).Append(Folder));
                (code, error) = Run("chattr", $"{(readOnly ? "+i" : "-i")} {targets}");
                if (code == 0 || !error.Contains("No such file", StringComparison.Ordinal))
                {
                    break;
                }
            }

            if (code != 0)
            {
                throw new InvalidOperationException($"chattr {(readOnly ? "+i" : "-i")} failed on {Folder} (needs root and a filesystem with immutable files): {error}");
            }
        }

        public ValueTask DisposeAsync()
        {
            SqliteConnection.ClearAllPools();
            Run("chattr", $"-i -R {Folder}");
            Run("umount", $"-l {Folder}");
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
            }

            return ValueTask.CompletedTask;
        }

        private static (int Code, string Error) Run(string program, string arguments)
        {
            using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false })!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, error);
        }
    }
}
