using System.Data.Common;
using System.Threading.RateLimiting;
using BusinessValue.Infrastructure.Persistence;
using BusinessValue.Infrastructure.RateLimits;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Web.Features.Api;

/// <summary>
/// One key's requests per minute, counted in the database so that every app node enforces one limit
/// (table <c>api_rate_windows</c>). A sliding window over two fixed one-minute counters: the estimate is the
/// current minute's count plus the previous minute's, weighted by how much of it still lies within the last
/// 60 seconds. So a tool may burst up to the limit, then goes at the limit's pace, never twice it. One upsert
/// per request (one round trip); a refused request gives its count back (a second one), so refusals do not
/// prolong the wait (docs/security.md#api-rate-limits).
/// </summary>
internal sealed class SharedWindowLimiter(string partitionKey, int perMinute, IDbContextFactory<BusinessValueDbContext> contexts, TimeProvider clock) : RateLimiter
{
    // The same text on PostgreSQL (9.5+) and SQLite (3.35+: UPSERT and RETURNING).
    private const string CountSql = $"""
        INSERT INTO {ApiRateWindow.Table} (partition_key, window_start, request_count) VALUES (@key, @window, 1)
        ON CONFLICT (partition_key, window_start) DO UPDATE SET request_count = {ApiRateWindow.Table}.request_count + 1
        RETURNING request_count,
            (SELECT p.request_count FROM {ApiRateWindow.Table} p WHERE p.partition_key = @key AND p.window_start = @window - 1)
        """;

    private const string GiveBackSql = $"UPDATE {ApiRateWindow.Table} SET request_count = request_count - 1 WHERE partition_key = @key AND window_start = @window";

    // A new minute's first request removes this key's windows older than the previous minute: the table stays at two rows per key.
    private const string PruneSql = $"DELETE FROM {ApiRateWindow.Table} WHERE partition_key = @key AND window_start < @window - 1";

    private static readonly RateLimitLease Granted = new Lease(true, null);
    private static readonly RateLimitLease NotHere = new Lease(false, null);

    private long _lastUsedTicks = DateTime.UtcNow.Ticks;

    public override TimeSpan? IdleDuration => TimeSpan.FromTicks(DateTime.UtcNow.Ticks - Interlocked.Read(ref _lastUsedTicks));

    public override RateLimiterStatistics? GetStatistics() => null;

    // The count lives in the database, so it cannot be taken synchronously: the middleware then asks AcquireAsync.
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => permitCount == 0 ? Granted : NotHere;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastUsedTicks, DateTime.UtcNow.Ticks);
        if (permitCount == 0)
        {
            return Granted;
        }

        var now = clock.GetUtcNow();
        var window = now.ToUnixTimeSeconds() / 60;
        var elapsed = (now.ToUnixTimeMilliseconds() - window * 60_000) / 60_000d;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        long current;
        long previous;
        await using (var count = Command(connection, CountSql, window))
        await using (var reader = await count.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            current = reader.GetInt64(0);
            previous = reader.IsDBNull(1) ? 0 : reader.GetInt64(1);
        }

        if (current == 1)
        {
            await using var prune = Command(connection, PruneSql, window);
            await prune.ExecuteNonQueryAsync(cancellationToken);
        }

        if (previous * (1 - elapsed) + current <= perMinute)
        {
            return Granted;
        }

        await using (var giveBack = Command(connection, GiveBackSql, window))
        {
            await giveBack.ExecuteNonQueryAsync(cancellationToken);
        }

        return new Lease(false, RetryAfter(current - 1, previous, elapsed));
    }

    /// <summary>When one more request fits: once enough of the previous minute has slid out, or at the next minute.</summary>
    private TimeSpan RetryAfter(long current, long previous, double elapsed)
    {
        var room = perMinute - current - 1;
        var at = current < perMinute && previous > 0 ? Math.Max(elapsed, 1 - (double)room / previous) : 1;
        return TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling((at - elapsed) * 60)));
    }

    private DbCommand Command(DbConnection connection, string sql, long window)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        Add(command, "@key", partitionKey);
        Add(command, "@window", window);
        return command;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
