namespace BusinessValue.Domain.Reviews;

/// <summary>Where a translation request stands: written, ready for the next review, decided there, carried out.</summary>
public enum TranslationRequestStatus
{
    Draft,
    Ready,
    Decided,
    Done,
}
