namespace BusinessValue.Domain.Reviews;

/// <summary>Why an item is on a review's agenda; the order of the values is the order the agenda builder uses.</summary>
public enum AgendaItemKind
{
    QuadrantChange,
    ValueLeakChange,
    RecoveryAtRisk,
    OverdueActionItem,
    TranslationRequestReady,

    /// <summary>Added by the facilitator: a title and a note.</summary>
    Custom,
}
