using System.Threading.RateLimiting;
using BusinessValue.Infrastructure.Audit;
using BusinessValue.Infrastructure.Persistence;
using BusinessValue.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Web.Features.Api;

/// <summary>
/// Every call to /api/v1 goes into the audit trail with its key, address and answer, failed ones included; a key's
/// last use is kept for the API keys page, to the minute (<see cref="ApiKeyLastUse"/>). Calls without a valid key are limited per address before anything else
/// runs, and recorded once per address and minute, so nobody can flood the append-only trail.
/// </summary>
internal static class ApiCallAudit
{
    /// <summary>
    /// Requests a minute from one address before its key is checked (<c>Api:RequestsPerAddressPerMinute</c>); the default
    /// is well above any tool's honest need. Raise it when many tools reach the app through one address (a proxy
    /// without forwarded headers) or one client sends a test corpus.
    /// </summary>
    private const int DefaultPerAddressPerMinute = 600;

    public static IApplicationBuilder UseApiCallAudit(this IApplicationBuilder app)
    {
        var configured = app.ApplicationServices.GetRequiredService<IConfiguration>()["Api:RequestsPerAddressPerMinute"];
        var uncheckedPerAddressPerMinute = int.TryParse(configured, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var limit) && limit > 0
            ? limit
            : DefaultPerAddressPerMinute;
        var perAddress = PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = uncheckedPerAddressPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        var refusalsRecorded = PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = 1, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));

        return app.UseWhen(context => context.Request.Path.StartsWithSegments("/api/v1"), api => api.Use(async (context, next) =>
        {
            using var lease = perAddress.AttemptAcquire(context);
            if (!lease.IsAcquired)
            {
                context.Response.Headers.RetryAfter = "60";
                await ApiProblems.Write(context, StatusCodes.Status429TooManyRequests, "Too many requests from this address",
                    $"At most {uncheckedPerAddressPerMinute} requests a minute come from one address. Try again in a minute.");
                return;
            }

            var failed = false;
            try
            {
                await next(context);
            }
            catch (Exception ex) when (!context.Response.HasStarted)
            {
                // An API answers with a problem document, never the HTML error page; the log has the details.
                failed = true;
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiCallAudit)).LogError(ex, "API call {Method} {Path} failed", context.Request.Method, context.Request.Path);
                context.Response.Clear();
                if (context.RequestServices.GetRequiredService<DatabaseFaults>().Recognise(ex) is { } fault)
                {
                    // The database is away, read-only or full: 503 with the reason, so a client waits and retries.
                    context.Response.Headers.RetryAfter = DatabaseFaults.RetryAfter;
                    await ApiProblems.Write(context, StatusCodes.Status503ServiceUnavailable, fault.Title, fault.Detail);
                }
                else
                {
                    await ApiProblems.Write(context, StatusCodes.Status500InternalServerError, "The request could not be completed",
                        $"Nothing was half-written. Try again; if it fails again, give your administrator this reference: {context.TraceIdentifier}.");
                }
            }
            finally
            {
                try
                {
                    await RecordAsync(context, refusalsRecorded, failed);
                }
                catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException or InvalidOperationException or TimeoutException)
                {
                    // The answer is already on its way: a database that is down must not cut it off. The log keeps the call.
                    context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiCallAudit))
                        .LogError(ex, "API call {Method} {Path} answered {Status} but could not be recorded in the audit trail", context.Request.Method, context.Request.Path, context.Response.StatusCode);
                }
            }
        }));
    }

    private static async Task RecordAsync(HttpContext context, PartitionedRateLimiter<HttpContext> refusalsRecorded, bool failed)
    {
        // The key's principal is set by authorization further in; it is read after the answer is made.
        var keyId = Guid.TryParse(context.User.FindFirst(ApiKeyAuthentication.KeyIdClaim)?.Value, out var id) ? id : (Guid?)null;
        if (keyId is null)
        {
            using var recorded = refusalsRecorded.AttemptAcquire(context);
            if (!recorded.IsAcquired)
            {
                return;
            }
        }

        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        await using var db = await context.RequestServices.GetRequiredService<IDbContextFactory<BusinessValueDbContext>>().CreateDbContextAsync(CancellationToken.None);
        if (keyId is { } key && context.RequestServices.GetRequiredService<ApiKeyLastUse>().ShouldWrite(key, now))
        {
            await db.ApiKeys.Where(k => k.Id == key).ExecuteUpdateAsync(k => k.SetProperty(x => x.LastUsedAtUtc, now), CancellationToken.None);
        }

        var call = $"{context.Request.Method} {context.Request.Path}{context.Request.QueryString} answered {context.Response.StatusCode}{(failed ? " (failed)" : string.Empty)}.";
        var actor = keyId is null ? new AuditActor($"no valid API key ({context.Connection.RemoteIpAddress})") : new AuditActor(context.User.Identity?.Name ?? "an API key", keyId);
        db.AuditTrail.Add(AuditEntry.Event(now, AuditAction.ApiCall, actor, "Api", keyId?.ToString(),
            keyId is null ? $"{call} Further calls without a valid key from this address in the next minute are not recorded." : call));
        await db.SaveChangesAsync(CancellationToken.None);
    }
}
