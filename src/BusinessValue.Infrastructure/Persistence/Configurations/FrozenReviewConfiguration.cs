using BusinessValue.Domain.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BusinessValue.Infrastructure.Persistence.Configurations;

internal sealed class FrozenReviewConfiguration : IEntityTypeConfiguration<FrozenReview>
{
    /// <summary>Marks a column the audit trail records by length and fingerprint rather than in full (a whole portfolio document).</summary>
    public const string AuditedByFingerprint = "BusinessValue:AuditedByFingerprint";

    public void Configure(EntityTypeBuilder<FrozenReview> builder)
    {
        builder.ToTable("frozen_reviews");
        builder.HasKey(f => f.ReviewId);
        builder.HasOne<Review>().WithOne().HasForeignKey<FrozenReview>(f => f.ReviewId).OnDelete(DeleteBehavior.Cascade);
        // Unbounded text: a portfolio of thousands of systems and years of metrics is megabytes.
        builder.Property(f => f.PortfolioDocument).IsRequired().HasAnnotation(AuditedByFingerprint, true);
        builder.Property(f => f.Figures).IsRequired().HasAnnotation(AuditedByFingerprint, true);
        builder.Property(f => f.ActionItems).IsRequired().HasAnnotation(AuditedByFingerprint, true);
    }
}
