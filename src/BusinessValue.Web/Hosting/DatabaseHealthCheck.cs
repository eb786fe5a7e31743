using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BusinessValue.Web.Hosting;

/// <summary>
/// Ready only while the database answers. Opens a fresh context each probe, so readiness returns by itself
/// when the database comes back. Reports the reason in one line rather than a stack trace per probe.
/// </summary>
internal sealed class DatabaseHealthCheck(IDbContextFactory<BusinessValueDbContext> contexts, DatabaseOptions options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy(options.ProviderDisplayName)
                : HealthCheckResult.Unhealthy($"{options.ProviderDisplayName} does not answer");
        }
        catch (Exception ex) when (DatabaseOptions.IsUnreachable(ex))
        {
            return HealthCheckResult.Unhealthy($"{options.ProviderDisplayName} does not answer: {ex.GetType().Name}");
        }
    }
}
