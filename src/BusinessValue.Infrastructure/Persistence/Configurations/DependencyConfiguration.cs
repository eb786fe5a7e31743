using BusinessValue.Domain.Processes;
using BusinessValue.Domain.Systems;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BusinessValue.Infrastructure.Persistence.Configurations;

internal sealed class DependencyConfiguration : IEntityTypeConfiguration<Dependency>
{
    public void Configure(EntityTypeBuilder<Dependency> builder)
    {
        builder.ToTable("dependencies");
        builder.HasKey(d => new { d.ProcessId, d.SystemId });
        builder.HasOne<BusinessProcess>().WithMany().HasForeignKey(d => d.ProcessId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ItSystem>().WithMany().HasForeignKey(d => d.SystemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => d.SystemId);
    }
}
