namespace BusinessValue.Domain.Integrations;

/// <summary>
/// Data flowing from one system to another, and how much human work each transfer takes.
/// See docs/formulas.md#manual-integration-cost.
/// </summary>
public sealed class Integration
{
    public const int NameMaxLength = 200;

    private Guid[]? _systemIds;

    private Integration()
    {
        Name = string.Empty;
    }

    public Integration(Guid id, string name, Guid sourceSystemId, Guid targetSystemId, IntegrationMode mode, IntegrationMode firstRecordedMode, decimal transfersPerMonth, decimal minutesPerTransfer)
    {
        Id = id;
        Name = Guard.Text(name, "Integration name", NameMaxLength);
        SourceSystemId = sourceSystemId;
        TargetSystemId = targetSystemId;
        Mode = mode;
        FirstRecordedMode = firstRecordedMode;
        TransfersPerMonth = Amounts.Checked(transfersPerMonth, Amounts.MaxTransfersPerMonth, "Transfers per month");
        MinutesPerTransfer = Amounts.Checked(minutesPerTransfer, Amounts.MaxMinutesPerTransfer, "Minutes per manual transfer");
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    public Guid SourceSystemId { get; private set; }

    public Guid TargetSystemId { get; private set; }

    public IntegrationMode Mode { get; private set; }

    /// <summary>The mode when the integration was first recorded: process automation measures the change since.</summary>
    public IntegrationMode FirstRecordedMode { get; private set; }

    /// <summary>m.</summary>
    public decimal TransfersPerMonth { get; private set; }

    /// <summary>t: minutes of human work per manual transfer.</summary>
    public decimal MinutesPerTransfer { get; private set; }

    public InputSource? Source { get; private set; }

    /// <summary>The one or two systems the integration links; its cost is split equally between them.</summary>
    public IReadOnlyList<Guid> SystemIds => _systemIds ??= SourceSystemId == TargetSystemId ? [SourceSystemId] : [SourceSystemId, TargetSystemId];

    /// <summary>Changes what the integration is and how much hand work it takes (the inventory's integration form).</summary>
    public Integration Change(string name, Guid sourceSystemId, Guid targetSystemId, IntegrationMode mode, decimal transfersPerMonth, decimal minutesPerTransfer)
    {
        Name = Guard.Text(name, "Integration name", NameMaxLength);
        SourceSystemId = sourceSystemId;
        TargetSystemId = targetSystemId;
        Mode = mode;
        TransfersPerMonth = Amounts.Checked(transfersPerMonth, Amounts.MaxTransfersPerMonth, "Transfers per month");
        MinutesPerTransfer = Amounts.Checked(minutesPerTransfer, Amounts.MaxMinutesPerTransfer, "Minutes per manual transfer");
        _systemIds = null;
        return this;
    }

    public Integration RecordedBy(InputSource source)
    {
        Source = source;
        return this;
    }

    /// <summary>12 × m × t/60 × R: a year of the transfers done fully by hand (docs/formulas.md#manual-integration-cost).</summary>
    public static decimal AnnualHandWorkCost(decimal transfersPerMonth, decimal minutesPerTransfer, decimal labourRatePerHour) =>
        12m * transfersPerMonth * minutesPerTransfer / 60m * labourRatePerHour;

    /// <summary>M × m × t/60 × R × k: what the manual part of the integration costs over M months; the engine's figure, and the form's live one.</summary>
    public static decimal ManualCost(int months, decimal transfersPerMonth, decimal minutesPerTransfer, IntegrationMode mode, decimal labourRatePerHour) =>
        months * AnnualHandWorkCost(transfersPerMonth, minutesPerTransfer, labourRatePerHour) / 12m * ManualFactor(mode);

    /// <summary>k: the share of the manual work a mode still needs.</summary>
    public static decimal ManualFactor(IntegrationMode mode) => mode switch
    {
        IntegrationMode.Manual => 1.0m,
        IntegrationMode.SemiAutomated => 0.5m,
        _ => 0m,
    };
}
