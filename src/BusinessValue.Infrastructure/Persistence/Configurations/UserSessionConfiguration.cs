using BusinessValue.Infrastructure.Identity;
using BusinessValue.Infrastructure.RateLimits;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BusinessValue.Infrastructure.Persistence.Configurations;

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.ToTable("user_sessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.EndReason).HasConversion<string>().HasMaxLength(40);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        // Ending all of an account's sessions, and pruning old ones, without a table scan.
        builder.HasIndex(s => s.UserId);
        builder.HasIndex(s => s.LastSeenAtUtc);
    }
}

internal sealed class ApiRateWindowConfiguration : IEntityTypeConfiguration<ApiRateWindow>
{
    public void Configure(EntityTypeBuilder<ApiRateWindow> builder)
    {
        // Plain lower-case names: the rate limiter writes this table with one hand-written upsert on both providers.
        builder.ToTable(ApiRateWindow.Table);
        builder.HasKey(w => new { w.PartitionKey, w.WindowStart });
        builder.Property(w => w.PartitionKey).HasColumnName("partition_key").HasMaxLength(ApiRateWindow.PartitionKeyMaxLength);
        builder.Property(w => w.WindowStart).HasColumnName("window_start");
        builder.Property(w => w.RequestCount).HasColumnName("request_count");
    }
}
