using BusinessValue.Domain;
using BusinessValue.Domain.Processes;
using BusinessValue.Domain.Reviews;
using BusinessValue.Domain.Systems;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BusinessValue.Infrastructure.Persistence.Configurations;

internal sealed class TranslationRequestConfiguration : IEntityTypeConfiguration<TranslationRequest>
{
    public void Configure(EntityTypeBuilder<TranslationRequest> builder)
    {
        builder.ToTable("translation_requests");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Title).HasMaxLength(TranslationRequest.TitleMaxLength).IsRequired();
        builder.Property(r => r.TechnicalNeed).HasMaxLength(TranslationRequest.TextMaxLength).IsRequired();
        builder.Property(r => r.BusinessTranslation).HasMaxLength(TranslationRequest.TextMaxLength);
        builder.Property(r => r.DecisionNote).HasMaxLength(TranslationRequest.TextMaxLength);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(r => r.Status);
        builder.Property(r => r.CreatedBy).HasMaxLength(InputSource.DetailMaxLength).IsRequired();
        // A removed process leaves the request standing, for no process in particular.
        builder.HasOne<BusinessProcess>().WithMany().HasForeignKey(r => r.ProcessId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(r => r.Systems).WithOne().HasForeignKey("TranslationRequestId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Systems).HasField("_systems").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(r => r.SystemIds);
        builder.Ignore(r => r.IsOpen);
        builder.MapSource(r => r.Source);
    }
}

internal sealed class TranslationRequestSystemConfiguration : IEntityTypeConfiguration<TranslationRequestSystem>
{
    public void Configure(EntityTypeBuilder<TranslationRequestSystem> builder)
    {
        builder.ToTable("translation_request_systems");
        builder.Property<Guid>("TranslationRequestId");
        builder.HasKey("TranslationRequestId", nameof(TranslationRequestSystem.SystemId));
        builder.HasOne<ItSystem>().WithMany().HasForeignKey(l => l.SystemId).OnDelete(DeleteBehavior.Cascade);
    }
}
