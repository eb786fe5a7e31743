using BusinessValue.Infrastructure.Audit;
using BusinessValue.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Web.Features.Api;

/// <summary>
/// Every call to /api/v1 goes into the audit trail with its key (or "no valid key"), address and answer, refused
/// ones included; a key's last use is kept for the API keys page.
/// </summary>
internal static class ApiCallAudit
{
    public static IApplicationBuilder UseApiCallAudit(this IApplicationBuilder app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api/v1"), api => api.Use(async (context, next) =>
        {
            await next(context);
            // The key's principal is set by authorization further in; it is read after the answer is made.
            var keyId = Guid.TryParse(context.User.FindFirst(ApiKeyAuthentication.KeyIdClaim)?.Value, out var id) ? id : (Guid?)null;
            var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            await using var db = await context.RequestServices.GetRequiredService<IDbContextFactory<BusinessValueDbContext>>().CreateDbContextAsync(CancellationToken.None);
            if (keyId is { } key)
            {
                await db.ApiKeys.Where(k => k.Id == key).ExecuteUpdateAsync(k => k.SetProperty(x => x.LastUsedAtUtc, now), CancellationToken.None);
            }

            db.AuditTrail.Add(new AuditEntry
            {
                OccurredAtUtc = now,
                Action = AuditAction.ApiCall,
                Actor = keyId is null ? $"no valid API key ({context.Connection.RemoteIpAddress})" : context.User.Identity?.Name ?? "an API key",
                ActorId = keyId,
                EntityType = "Api",
                EntityId = keyId?.ToString(),
                Summary = Truncate($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString} answered {context.Response.StatusCode}."),
            });
            await db.SaveChangesAsync(CancellationToken.None);
        }));

    private static string Truncate(string text) => text.Length <= AuditEntry.SummaryMaxLength ? text : text[..AuditEntry.SummaryMaxLength];
}
