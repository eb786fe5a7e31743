using BusinessValue.Domain.Systems;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BusinessValue.Infrastructure.Persistence.Configurations;

internal sealed class ItSystemConfiguration : IEntityTypeConfiguration<ItSystem>
{
    public void Configure(EntityTypeBuilder<ItSystem> builder)
    {
        builder.ToTable("systems");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Name).HasMaxLength(ItSystem.NameMaxLength).IsRequired();
        builder.HasIndex(s => s.Name).IsUnique();
        builder.Property(s => s.Category).HasMaxLength(ItSystem.CategoryMaxLength).IsRequired();
        builder.Property(s => s.Vendor).HasMaxLength(ItSystem.VendorMaxLength);
        // Enums as strings: readable in the database and stable when members are reordered.
        builder.Property(s => s.Lifecycle).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.StrategicFit).HasConversion<string>().HasMaxLength(30);
    }
}
