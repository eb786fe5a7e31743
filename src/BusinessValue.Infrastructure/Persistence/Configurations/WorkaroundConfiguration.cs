using BusinessValue.Domain.Organisation;
using BusinessValue.Domain.Systems;
using BusinessValue.Domain.Workarounds;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BusinessValue.Infrastructure.Persistence.Configurations;

internal sealed class WorkaroundConfiguration : IEntityTypeConfiguration<Workaround>
{
    public void Configure(EntityTypeBuilder<Workaround> builder)
    {
        builder.ToTable("workarounds");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Id).ValueGeneratedNever();
        builder.Property(w => w.Description).HasMaxLength(Workaround.DescriptionMaxLength).IsRequired();
        builder.Property(w => w.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(w => w.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<Department>().WithMany().HasForeignKey(w => w.DepartmentId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(w => w.Systems).WithOne().HasForeignKey("WorkaroundId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(w => w.Systems).HasField("_systems").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(w => w.SystemIds);
        builder.MapSource(w => w.Source);
    }
}

internal sealed class WorkaroundSystemConfiguration : IEntityTypeConfiguration<WorkaroundSystem>
{
    public void Configure(EntityTypeBuilder<WorkaroundSystem> builder)
    {
        builder.ToTable("workaround_systems");
        builder.Property<Guid>("WorkaroundId");
        builder.HasKey("WorkaroundId", nameof(WorkaroundSystem.SystemId));
        builder.HasOne<ItSystem>().WithMany().HasForeignKey(l => l.SystemId).OnDelete(DeleteBehavior.Cascade);
    }
}
