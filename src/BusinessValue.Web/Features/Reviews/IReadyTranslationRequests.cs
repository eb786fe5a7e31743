using BusinessValue.Domain.Reviews;

namespace BusinessValue.Web.Features.Reviews;

/// <summary>
/// The translation requests ready for decision, for a draft's agenda. Answered by the translation-request feature
/// (<see cref="TranslationRequests.TranslationRequestEditing"/>).
/// </summary>
public interface IReadyTranslationRequests
{
    Task<IReadOnlyList<ReadyTranslationRequest>> ListAsync(CancellationToken cancellationToken = default);
}
