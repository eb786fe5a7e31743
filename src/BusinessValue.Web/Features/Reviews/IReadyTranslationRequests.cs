using BusinessValue.Domain.Reviews;

namespace BusinessValue.Web.Features.Reviews;

/// <summary>
/// The translation requests ready for decision, for a draft's agenda. The translation-request feature registers its
/// own; until then <see cref="NoReadyTranslationRequests"/> answers none.
/// </summary>
public interface IReadyTranslationRequests
{
    Task<IReadOnlyList<ReadyTranslationRequest>> ListAsync(CancellationToken cancellationToken = default);
}

internal sealed class NoReadyTranslationRequests : IReadyTranslationRequests
{
    public Task<IReadOnlyList<ReadyTranslationRequest>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ReadyTranslationRequest>>([]);
}
