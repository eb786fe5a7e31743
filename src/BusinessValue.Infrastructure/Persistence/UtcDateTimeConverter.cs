using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace BusinessValue.Infrastructure.Persistence;

/// <summary>Writes every DateTime as UTC and reads it back marked as UTC, on both providers.</summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => ToUtc(value),
    stored => DateTime.SpecifyKind(stored, DateTimeKind.Utc))
{
    private static DateTime ToUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
