using BusinessValue.Domain.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BusinessValue.Infrastructure.Persistence.Configurations;

internal sealed class ReviewConfiguration : IEntityTypeConfiguration<Review>
{
    public void Configure(EntityTypeBuilder<Review> builder)
    {
        builder.ToTable("reviews");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        // One review per quarter.
        builder.HasIndex(r => r.QuarterStart).IsUnique();
        builder.Ignore(r => r.Quarter);
        builder.Ignore(r => r.IsClosed);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Attendees).HasMaxLength(Review.AttendeesMaxLength);
        builder.Property(r => r.CreatedBy).HasMaxLength(Review.NameMaxLength).IsRequired();
        builder.Property(r => r.ClosedBy).HasMaxLength(Review.NameMaxLength);
        builder.Property(r => r.ReopenedBy).HasMaxLength(Review.NameMaxLength);
        builder.Property(r => r.ReopenReason).HasMaxLength(Review.ReasonMaxLength);
    }
}
