namespace BusinessValue.Domain.Systems;

public enum Lifecycle
{
    Planned,
    Active,
    PhaseOut,
    Retired,
}
