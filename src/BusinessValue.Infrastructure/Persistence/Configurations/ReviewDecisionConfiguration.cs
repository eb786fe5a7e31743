using BusinessValue.Domain.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BusinessValue.Infrastructure.Persistence.Configurations;

internal sealed class ReviewDecisionConfiguration : IEntityTypeConfiguration<ReviewDecision>
{
    public void Configure(EntityTypeBuilder<ReviewDecision> builder)
    {
        builder.ToTable("review_decisions");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.HasOne<Review>().WithMany().HasForeignKey(d => d.ReviewId).OnDelete(DeleteBehavior.Cascade);
        // One decision per system per review; no foreign key to the system, which may be removed after the review.
        builder.HasIndex(d => new { d.ReviewId, d.SystemId }).IsUnique();
        builder.Ignore(d => d.FollowsSuggestion);
        builder.Property(d => d.Suggested).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.Decision).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.Reason).HasMaxLength(ReviewDecision.ReasonMaxLength);
        builder.Property(d => d.Notes).HasMaxLength(ReviewDecision.NotesMaxLength);
        builder.Property(d => d.DecidedBy).HasMaxLength(ReviewDecision.NameMaxLength).IsRequired();
    }
}
