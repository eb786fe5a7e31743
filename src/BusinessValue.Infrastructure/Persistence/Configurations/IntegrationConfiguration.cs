using BusinessValue.Domain.Integrations;
using BusinessValue.Domain.Systems;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BusinessValue.Infrastructure.Persistence.Configurations;

internal sealed class IntegrationConfiguration : IEntityTypeConfiguration<Integration>
{
    public void Configure(EntityTypeBuilder<Integration> builder)
    {
        builder.ToTable("integrations");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Name).HasMaxLength(Integration.NameMaxLength).IsRequired();
        builder.Property(i => i.Mode).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.FirstRecordedMode).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<ItSystem>().WithMany().HasForeignKey(i => i.SourceSystemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ItSystem>().WithMany().HasForeignKey(i => i.TargetSystemId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(i => i.SystemIds);
        builder.MapSource(i => i.Source);
    }
}
