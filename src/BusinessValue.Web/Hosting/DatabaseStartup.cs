using BusinessValue.Infrastructure.Database;

namespace BusinessValue.Web.Hosting;

/// <summary>
/// Prepares the database before Kestrel accepts a request (hosted services start before the server), so a
/// wrong setting or an unreachable database stops the start with one clear message.
/// </summary>
internal sealed class DatabaseStartup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        // Resolved here, not in the constructor, so settings are read and checked at start and reported by Program.
        services.GetRequiredService<DatabasePreparation>().PrepareAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
