namespace BusinessValue.Domain.Systems;

public enum StrategicFit
{
    SupportsStrategy,
    MaintainsStatusQuo,
    Legacy,
}
