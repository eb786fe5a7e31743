namespace BusinessValue.Domain.Reviews;

/// <summary>One item of a review's agenda, at its position (0 first).</summary>
public sealed class AgendaItem
{
    public const int TitleMaxLength = 300;
    public const int ReasonMaxLength = 500;
    public const int NoteMaxLength = 2000;

    private AgendaItem()
    {
        Title = string.Empty;
        Reason = string.Empty;
    }

    public AgendaItem(Guid id, Guid reviewId, int position, AgendaEntry entry, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Id = id;
        ReviewId = reviewId;
        Position = position;
        Kind = entry.Kind;
        Title = Guard.Text(entry.Title, "Title", TitleMaxLength);
        Reason = entry.Reason.Length > ReasonMaxLength ? entry.Reason[..(ReasonMaxLength - 1)] + "…" : entry.Reason;
        SystemId = entry.SystemId;
        ActionItemId = entry.ActionItemId;
        TranslationRequestId = entry.TranslationRequestId;
        Note = Guard.OptionalText(note, "Note", NoteMaxLength);
    }

    /// <summary>The facilitator's own item: a title and a note.</summary>
    public static AgendaItem Custom(Guid id, Guid reviewId, int position, string title, string? note) =>
        new(id, reviewId, position, new AgendaEntry(AgendaItemKind.Custom, Guard.Text(title, "Title", TitleMaxLength), "added by the facilitator"), note);

    public Guid Id { get; private set; }

    public Guid ReviewId { get; private set; }

    public int Position { get; private set; }

    public AgendaItemKind Kind { get; private set; }

    public string Title { get; private set; }

    /// <summary>One line in the product's words: "moved from Delivering to Green dashboard, red business".</summary>
    public string Reason { get; private set; }

    public string? Note { get; private set; }

    public Guid? SystemId { get; private set; }

    public Guid? ActionItemId { get; private set; }

    public Guid? TranslationRequestId { get; private set; }

    internal void MoveTo(int position) => Position = position;

    /// <summary>
    /// Moves <paramref name="item"/> to <paramref name="position"/> (clamped to the agenda) and numbers the whole
    /// agenda 0, 1, 2, … again, so positions never collide or leave gaps.
    /// </summary>
    public static void Reorder(IReadOnlyList<AgendaItem> agenda, AgendaItem item, int position)
    {
        ArgumentNullException.ThrowIfNull(agenda);
        var ordered = agenda.Where(i => i != item).OrderBy(i => i.Position).ToList();
        ordered.Insert(Math.Clamp(position, 0, ordered.Count), item);
        Number(ordered);
    }

    /// <summary>Numbers the items 0, 1, 2, … in their current order (after one was removed).</summary>
    public static void Renumber(IEnumerable<AgendaItem> agenda) => Number(agenda.OrderBy(i => i.Position).ToList());

    private static void Number(List<AgendaItem> ordered)
    {
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].MoveTo(i);
        }
    }
}
