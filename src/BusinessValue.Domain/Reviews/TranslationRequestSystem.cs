namespace BusinessValue.Domain.Reviews;

/// <summary>A system a translation request is about.</summary>
public sealed class TranslationRequestSystem
{
    public TranslationRequestSystem(Guid systemId) => SystemId = systemId;

    public Guid SystemId { get; private set; }
}
