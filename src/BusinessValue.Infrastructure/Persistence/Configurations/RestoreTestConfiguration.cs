using BusinessValue.Domain.Metrics;
using BusinessValue.Domain.Systems;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BusinessValue.Infrastructure.Persistence.Configurations;

internal sealed class RestoreTestConfiguration : IEntityTypeConfiguration<RestoreTest>
{
    public void Configure(EntityTypeBuilder<RestoreTest> builder)
    {
        builder.ToTable("restore_tests");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.HasOne<ItSystem>().WithMany().HasForeignKey(t => t.SystemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => new { t.SystemId, t.TestedOn });
        builder.MapSource(t => t.Source);
    }
}
