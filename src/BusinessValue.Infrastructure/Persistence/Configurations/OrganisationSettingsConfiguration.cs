using BusinessValue.Domain.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BusinessValue.Infrastructure.Persistence.Configurations;

internal sealed class OrganisationSettingsConfiguration : IEntityTypeConfiguration<OrganisationSettings>
{
    public void Configure(EntityTypeBuilder<OrganisationSettings> builder)
    {
        builder.ToTable("organisation_settings");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.Name).HasMaxLength(OrganisationSettings.NameMaxLength).IsRequired();
        builder.Property(o => o.Currency)
            .HasConversion(c => c.Code, code => CurrencyCode.Parse(code))
            .HasMaxLength(3)
            .IsRequired();
        // One column per assumption, on the settings row: editable and visible in one place.
        builder.ComplexProperty(o => o.Assumptions);
    }
}
