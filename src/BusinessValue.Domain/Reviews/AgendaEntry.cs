namespace BusinessValue.Domain.Reviews;

/// <summary>One item the agenda builder proposes, with the one-line reason it is on the agenda.</summary>
public sealed record AgendaEntry(
    AgendaItemKind Kind,
    string Title,
    string Reason,
    Guid? SystemId = null,
    Guid? ActionItemId = null,
    Guid? TranslationRequestId = null);
