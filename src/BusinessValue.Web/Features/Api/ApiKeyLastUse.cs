using System.Collections.Concurrent;

namespace BusinessValue.Web.Features.Api;

/// <summary>
/// When this node last wrote a key's last use. The API keys page shows it to the minute, so it is written at most once
/// a minute per key and node: a monitoring tool pushing 50 writes a second through one key would otherwise make every
/// call wait on an update of the same row (docs/performance.md#freshness-under-writes). Every call is still audited.
/// </summary>
internal sealed class ApiKeyLastUse
{
    /// <summary>The page's precision.</summary>
    public static readonly TimeSpan Precision = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<Guid, DateTime> _written = new();

    /// <summary>True when the key's last use should be written now (and counts as written from here on).</summary>
    public bool ShouldWrite(Guid keyId, DateTime nowUtc)
    {
        while (true)
        {
            if (!_written.TryGetValue(keyId, out var last))
            {
                if (_written.TryAdd(keyId, nowUtc))
                {
                    return true;
                }

                continue;
            }

            if (nowUtc - last < Precision)
            {
                return false;
            }

            // Only the caller that moves it on writes: concurrent calls at the turn of the minute write once.
            if (_written.TryUpdate(keyId, nowUtc, last))
            {
                return true;
            }
        }
    }
}
