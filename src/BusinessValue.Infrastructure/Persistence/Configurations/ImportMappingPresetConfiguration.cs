using BusinessValue.Infrastructure.Spreadsheets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BusinessValue.Infrastructure.Persistence.Configurations;

internal sealed class ImportMappingPresetConfiguration : IEntityTypeConfiguration<ImportMappingPreset>
{
    public void Configure(EntityTypeBuilder<ImportMappingPreset> builder)
    {
        builder.ToTable("import_mapping_presets");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Kind).HasMaxLength(ImportMappingPreset.KindMaxLength).IsRequired();
        builder.Property(p => p.Name).HasMaxLength(ImportMappingPreset.NameMaxLength).IsRequired();
        builder.Property(p => p.Columns).IsRequired();
        builder.Property(p => p.SavedBy).HasMaxLength(Audit.AuditEntry.ActorMaxLength).IsRequired();
        builder.HasIndex(p => new { p.Kind, p.Name }).IsUnique();
    }
}
