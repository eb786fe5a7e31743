using BusinessValue.Domain.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BusinessValue.Infrastructure.Persistence.Configurations;

internal sealed class AgendaItemConfiguration : IEntityTypeConfiguration<AgendaItem>
{
    public void Configure(EntityTypeBuilder<AgendaItem> builder)
    {
        builder.ToTable("agenda_items");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.HasOne<Review>().WithMany().HasForeignKey(i => i.ReviewId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(i => new { i.ReviewId, i.Position });
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(i => i.Title).HasMaxLength(AgendaItem.TitleMaxLength).IsRequired();
        builder.Property(i => i.Reason).HasMaxLength(AgendaItem.ReasonMaxLength).IsRequired();
        builder.Property(i => i.Note).HasMaxLength(AgendaItem.NoteMaxLength);
        // No foreign keys to systems or translation requests: an agenda outlives a removed system (and a closed
        // review's frozen document still names it). An action item is never removed while a review lists it.
        builder.HasOne<ActionItem>().WithMany().HasForeignKey(i => i.ActionItemId).OnDelete(DeleteBehavior.SetNull);
    }
}
