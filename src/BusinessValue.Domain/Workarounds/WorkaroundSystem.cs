namespace BusinessValue.Domain.Workarounds;

/// <summary>A system a workaround works around; the workaround's cost is split equally among them.</summary>
public sealed class WorkaroundSystem
{
    public WorkaroundSystem(Guid systemId) => SystemId = systemId;

    public Guid SystemId { get; private set; }
}
