using BusinessValue.Infrastructure.PortfolioDocuments;

namespace BusinessValue.Web.Features.Scorecard;

/// <summary>
/// Keeps the portfolio snapshot and the default company scorecard ready before anyone asks: at start, after
/// every write committed in this app, and every <c>Scorecard:RefreshSeconds</c> (30 by default) for writes
/// made elsewhere (<c>bv import</c>, another node). Pages then cost a version check, not a portfolio load.
/// At most one round a second: under a monitoring tool's stream of writes one round covers every write before it, and
/// a round per write would only compete with the writes and readers for the processor.
/// </summary>
internal sealed partial class ScorecardWarmer(IServiceScopeFactory scopes, PortfolioSnapshots snapshots, IConfiguration configuration, ILogger<ScorecardWarmer> logger)
    : BackgroundService
{
    /// <summary>The shortest time from the start of one round to the start of the next.</summary>
    private static readonly TimeSpan RoundsAtMostEvery = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Scorecard:RefreshSeconds", 30)));
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var round = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<CompanyScorecards>().ForAsync(period: null, withTrend: true, stoppingToken);
                if (failing)
                {
                    LogRecovered(logger);
                    failing = false;
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Not fatal: pages load what they need themselves. Said once per outage, not every round.
                if (!failing)
                {
                    LogFailed(logger, ex.GetType().Name);
                    failing = true;
                }
            }

            try
            {
                if (await snapshots.WaitForCommitAsync(interval, stoppingToken)
                    && RoundsAtMostEvery - System.Diagnostics.Stopwatch.GetElapsedTime(round) is { Ticks: > 0 } rest)
                {
                    await Task.Delay(rest, stoppingToken);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not prepare the scorecard in the background ({Error}); pages will load it themselves")]
    private static partial void LogFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Background scorecard preparation works again")]
    private static partial void LogRecovered(ILogger logger);
}
