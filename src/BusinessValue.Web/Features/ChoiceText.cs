using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Integrations;
using BusinessValue.Domain.Processes;
using BusinessValue.Domain.Reviews;
using BusinessValue.Domain.Systems;
using BusinessValue.Domain.Workarounds;

namespace BusinessValue.Web.Features;

/// <summary>
/// The domain's choices in the words a reader uses, for every page, form and export: one place, so a
/// choice reads the same everywhere and no screen shows a code name such as <c>MaintainsStatusQuo</c>.
/// </summary>
/// <remarks>
/// A value without words is a programming error, not something to paper over with its code name: the
/// switches throw, and ChoiceTextTests checks that every declared value has words.
/// </remarks>
public static class ChoiceText
{
    public static string Describe(Lifecycle lifecycle) => lifecycle switch
    {
        Lifecycle.Planned => "Planned",
        Lifecycle.Active => "Active",
        Lifecycle.PhaseOut => "Being phased out",
        Lifecycle.Retired => "Retired",
        _ => throw Unknown(lifecycle),
    };

    public static string Describe(StrategicFit fit) => fit switch
    {
        StrategicFit.SupportsStrategy => "Supports the strategy",
        StrategicFit.MaintainsStatusQuo => "Maintains the status quo",
        StrategicFit.Legacy => "Legacy",
        _ => throw Unknown(fit),
    };

    public static string Describe(WorkaroundKind kind) => kind switch
    {
        WorkaroundKind.DuplicateDataEntry => "Duplicate data entry",
        WorkaroundKind.Spreadsheet => "Spreadsheet",
        WorkaroundKind.ShadowItTool => "Shadow IT tool",
        WorkaroundKind.EmailFileShuffling => "Files passed around by e-mail",
        WorkaroundKind.RushShippingOvertime => "Rush shipping and overtime",
        WorkaroundKind.Other => "Other",
        _ => throw Unknown(kind),
    };

    public static string Describe(WorkaroundStatus status) => status switch
    {
        WorkaroundStatus.Open => "Open",
        WorkaroundStatus.BeingRemoved => "Being removed",
        WorkaroundStatus.Removed => "Removed",
        _ => throw Unknown(status),
    };

    public static string Describe(IntegrationMode mode) => mode switch
    {
        IntegrationMode.Automated => "Automated",
        IntegrationMode.SemiAutomated => "Semi-automated",
        IntegrationMode.Manual => "Manual",
        _ => throw Unknown(mode),
    };

    public static string Describe(StrategicImportance importance) => importance switch
    {
        StrategicImportance.Low => "Low",
        StrategicImportance.Medium => "Medium",
        StrategicImportance.High => "High",
        StrategicImportance.Critical => "Critical",
        _ => throw Unknown(importance),
    };

    public static string Describe(RecoveryReadiness readiness) => readiness switch
    {
        RecoveryReadiness.Verified => "Verified",
        RecoveryReadiness.Unverified => "Not verified",
        RecoveryReadiness.Failing => "Failing",
        _ => throw Unknown(readiness),
    };

    public static string Describe(TranslationRequestStatus status) => status switch
    {
        TranslationRequestStatus.Draft => "Draft",
        TranslationRequestStatus.Ready => "Ready for decision",
        TranslationRequestStatus.Decided => "Decided",
        TranslationRequestStatus.Done => "Done",
        _ => throw Unknown(status),
    };

    public static string Describe(ReviewStatus status) => status switch
    {
        ReviewStatus.Draft => "Draft",
        ReviewStatus.InProgress => "Meeting in progress",
        ReviewStatus.Closed => "Closed",
        _ => throw Unknown(status),
    };

    public static string Describe(ActionItemStatus status) => status switch
    {
        ActionItemStatus.Open => "Open",
        ActionItemStatus.InProgress => "In progress",
        ActionItemStatus.Done => "Done",
        _ => throw Unknown(status),
    };

    public static string Describe(AgendaItemKind kind) => kind switch
    {
        AgendaItemKind.QuadrantChange => "Quadrant changed",
        AgendaItemKind.ValueLeakChange => "Value leak changed",
        AgendaItemKind.RecoveryAtRisk => "Recovery at risk",
        AgendaItemKind.OverdueActionItem => "Overdue action item",
        AgendaItemKind.TranslationRequestReady => "Translation request to decide",
        AgendaItemKind.Custom => "Added by the facilitator",
        _ => throw Unknown(kind),
    };

    public static string Describe(TimeDecision decision) => decision switch
    {
        TimeDecision.Tolerate => "Tolerate",
        TimeDecision.Invest => "Invest",
        TimeDecision.Migrate => "Migrate",
        TimeDecision.Eliminate => "Eliminate",
        _ => throw Unknown(decision),
    };

    private static ArgumentOutOfRangeException Unknown<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        new(nameof(value), value, $"{typeof(TEnum).Name} has no words for this value; add them to {nameof(ChoiceText)}.");
}
