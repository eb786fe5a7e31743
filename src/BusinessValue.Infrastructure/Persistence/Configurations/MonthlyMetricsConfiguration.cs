using BusinessValue.Domain.Metrics;
using BusinessValue.Domain.Systems;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BusinessValue.Infrastructure.Persistence.Configurations;

internal sealed class MonthlyMetricsConfiguration : IEntityTypeConfiguration<MonthlyMetrics>
{
    public void Configure(EntityTypeBuilder<MonthlyMetrics> builder)
    {
        builder.ToTable("monthly_metrics");
        builder.HasKey(m => new { m.SystemId, m.Month });
        builder.HasOne<ItSystem>().WithMany().HasForeignKey(m => m.SystemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => m.Month);

        // One column per measure, from the one description of the measures: a new measure needs only its
        // migration. Stored through the entity's indexer under the measure's key, so the typed properties
        // (UptimePercent, …) are conveniences for code, not mapped themselves.
        foreach (var measure in Measures.All)
        {
            builder.Ignore(measure.Column);
            builder.IndexerProperty(measure.WholeNumber ? typeof(int?) : typeof(decimal?), measure.Key).HasColumnName(measure.Column);
        }

        Tickets(builder, m => m.P1, "p1");
        Tickets(builder, m => m.P2, "p2");
        Tickets(builder, m => m.P3, "p3");
        Tickets(builder, m => m.P4, "p4");
        builder.MapSource(m => m.Source);
    }

    private static void Tickets(EntityTypeBuilder<MonthlyMetrics> builder, System.Linq.Expressions.Expression<Func<MonthlyMetrics, TicketStats>> severity, string prefix) =>
        builder.ComplexProperty(severity, t =>
        {
            t.Property(x => x.Count).HasColumnName($"{prefix}_count");
            t.Property(x => x.TotalResolutionHours).HasColumnName($"{prefix}_resolution_hours");
            t.Property(x => x.AverageUsersAffected).HasColumnName($"{prefix}_users_affected");
        });
}
