using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace BusinessValue.Web.Features.Api;

/// <summary>
/// Requests per key per minute (<c>Api:RequestsPerMinute</c>, default 120), counted in the database so the limit
/// holds across app nodes (<see cref="SharedWindowLimiter"/>): a tool may burst up to the limit and then goes at
/// the limit's pace. Over it: 429 with Retry-After and a problem document.
/// </summary>
internal static class ApiRateLimits
{
    public const string Policy = "api-per-key";

    public static IServiceCollection AddApiRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = int.TryParse(configuration["Api:RequestsPerMinute"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var configured) && configured > 0 ? configured : 120;
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(Policy, context => RateLimitPartition.Get(
                context.User.FindFirst(ApiKeyAuthentication.KeyIdClaim)?.Value ?? $"address:{context.Connection.RemoteIpAddress}",
                key => new SharedWindowLimiter(key, perMinute,
                    context.RequestServices.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Infrastructure.Persistence.BusinessValueDbContext>>(),
                    context.RequestServices.GetRequiredService<TimeProvider>())));
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? (int)Math.Ceiling(wait.TotalSeconds) : 60;
                rejected.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await ApiProblems.Write(rejected.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests for this key",
                    $"This key may make {perMinute} requests a minute. Try again in {retryAfter} seconds.");
            };
        });
        return services;
    }
}
