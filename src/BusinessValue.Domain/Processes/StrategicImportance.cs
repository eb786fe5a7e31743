namespace BusinessValue.Domain.Processes;

public enum StrategicImportance
{
    Low,
    Medium,
    High,
    Critical,
}
