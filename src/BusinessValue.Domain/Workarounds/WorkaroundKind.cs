namespace BusinessValue.Domain.Workarounds;

public enum WorkaroundKind
{
    DuplicateDataEntry,
    Spreadsheet,
    ShadowItTool,
    EmailFileShuffling,
    RushShippingOvertime,
    Other,
}
