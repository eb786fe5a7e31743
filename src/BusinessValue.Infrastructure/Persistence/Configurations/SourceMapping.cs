using BusinessValue.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BusinessValue.Infrastructure.Persistence.Configurations;

/// <summary>Where a record came from, as three columns on the record's own table.</summary>
internal static class SourceMapping
{
    public static void MapSource<T>(this EntityTypeBuilder<T> builder, System.Linq.Expressions.Expression<Func<T, InputSource?>> source)
        where T : class =>
        builder.ComplexProperty(source, s =>
        {
            s.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20).HasColumnName("source_kind");
            s.Property(x => x.Detail).HasMaxLength(InputSource.DetailMaxLength).HasColumnName("source_detail");
            s.Property(x => x.RecordedAtUtc).HasColumnName("source_recorded_at_utc");
        });
}
