namespace BusinessValue.Domain.Workarounds;

public enum WorkaroundStatus
{
    Open,
    BeingRemoved,
    Removed,
}
