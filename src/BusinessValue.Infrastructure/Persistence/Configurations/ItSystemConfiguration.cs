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
        builder.Property(s => s.ItOwner).HasMaxLength(ItSystem.OwnerMaxLength);
        builder.Property(s => s.BusinessOwner).HasMaxLength(ItSystem.OwnerMaxLength);
        // Enums as strings: readable in the database and stable when members are reordered.
        builder.Property(s => s.Lifecycle).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.StrategicFit).HasConversion<string>().HasMaxLength(30);
        builder.ComplexProperty(s => s.Costs, costs =>
        {
            costs.Property(c => c.Licences).HasColumnName("cost_licences");
            costs.Property(c => c.Infrastructure).HasColumnName("cost_infrastructure");
            costs.Property(c => c.SupportStaff).HasColumnName("cost_support_staff");
            costs.Property(c => c.Other).HasColumnName("cost_other");
        });
        builder.Ignore(s => s.TotalCostOfOwnership);
        builder.MapSource(s => s.Source);
    }
}
