namespace BusinessValue.Infrastructure.RateLimits;

/// <summary>
/// Requests counted for one API key (or address) in one minute, shared by every app node through the database
/// (docs/security.md#api-rate-limits). Written with raw SQL by the rate limiter; mapped so migrations create it.
/// </summary>
public sealed class ApiRateWindow
{
    public const string Table = "api_rate_windows";
    public const int PartitionKeyMaxLength = 100;

    public string PartitionKey { get; set; } = string.Empty;

    /// <summary>The window's start in whole minutes since 1970-01-01 UTC.</summary>
    public long WindowStart { get; set; }

    public int RequestCount { get; set; }
}
