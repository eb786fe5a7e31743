using System.Globalization;

namespace BusinessValue.Web.Hosting;

/// <summary>
/// The thread pool's floor (<c>Runtime:MinThreadsPerCore</c>). Below it the pool adds threads at once; above it, about
/// one or two a second. Work that blocks a pool thread for a moment (a database driver's synchronous path, a lock) in a
/// burst of API writes then queued every request behind it for seconds on a 2-core machine
/// (docs/performance.md#freshness-under-writes). Idle threads cost only their stacks' reserved memory.
/// </summary>
internal static class ThreadPoolSettings
{
    public const string Setting = "Runtime:MinThreadsPerCore";

    public const int DefaultPerCore = 16;

    /// <summary>Raises the floor of worker and I/O threads to the setting times the cores; never lowers it.</summary>
    /// <returns>The worker threads' floor now in force.</returns>
    public static int Apply(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration[Setting];
        var perCore = DefaultPerCore;
        if (!string.IsNullOrWhiteSpace(text)
            && (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out perCore) || perCore is < 1 or > 256))
        {
            throw new SettingException($"{Setting} must be a whole number from 1 to 256 (threads per processor core; {DefaultPerCore} by default), not '{text}'.");
        }

        ThreadPool.GetMinThreads(out var workers, out var io);
        var wanted = perCore * Environment.ProcessorCount;
        if (wanted > workers || wanted > io)
        {
            ThreadPool.SetMinThreads(Math.Max(workers, wanted), Math.Max(io, wanted));
        }

        ThreadPool.GetMinThreads(out workers, out _);
        return workers;
    }
}
