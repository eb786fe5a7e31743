using BusinessValue.Domain.Reviews;
using BusinessValue.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BusinessValue.Infrastructure.Persistence.Configurations;

internal sealed class ActionItemConfiguration : IEntityTypeConfiguration<ActionItem>
{
    public void Configure(EntityTypeBuilder<ActionItem> builder)
    {
        builder.ToTable("action_items");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.HasOne<Review>().WithMany().HasForeignKey(a => a.RaisedInReviewId).OnDelete(DeleteBehavior.Restrict);
        // Owners are user accounts; accounts are disabled, never deleted, so the joint accountability stays named.
        builder.HasOne<AppUser>().WithMany().HasForeignKey(a => a.ItOwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(a => a.BusinessOwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.ItOwnerId);
        builder.HasIndex(a => a.BusinessOwnerId);
        builder.Ignore(a => a.IsDone);
        builder.Property(a => a.Title).HasMaxLength(ActionItem.TitleMaxLength).IsRequired();
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.DoneBy).HasMaxLength(ActionItem.NameMaxLength);
    }
}
