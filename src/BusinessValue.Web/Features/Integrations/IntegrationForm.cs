using System.Globalization;
using BusinessValue.Domain.Integrations;
using BusinessValue.Web.Features.Forms;

namespace BusinessValue.Web.Features.Integrations;

/// <summary>The form for one integration; a new one has no <see cref="Id"/>.</summary>
public sealed class IntegrationForm
{
    public Guid? Id { get; init; }

    public string Name { get; set; } = string.Empty;

    public SystemChoice? Source { get; set; }

    public SystemChoice? Target { get; set; }

    public IntegrationMode Mode { get; set; } = IntegrationMode.Manual;

    public decimal TransfersPerMonth { get; set; }

    public decimal MinutesPerTransfer { get; set; }

    public int Version { get; set; }

    /// <summary>R, the organisation's loaded labour rate the engine uses; shown, never saved from here.</summary>
    public decimal LabourRatePerHour { get; init; }

    public string Currency { get; init; } = "USD";

    /// <summary>12 × m × t/60 × R × k: the engine's figure for a year, worked out by the same code as it types.</summary>
    public decimal AnnualManualCost => Integration.ManualCost(12, Math.Max(0m, TransfersPerMonth), Math.Max(0m, MinutesPerTransfer), Mode, LabourRatePerHour);

    /// <summary>Which form field each of the domain's field names is.</summary>
    public static IReadOnlyDictionary<string, string> DomainFields { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Integration name"] = nameof(Name),
        ["Transfers per month"] = nameof(TransfersPerMonth),
        ["Minutes per manual transfer"] = nameof(MinutesPerTransfer),
    };

    public IReadOnlyList<ConflictRow> CompareWith(IntegrationForm stored, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(stored);
        string Number(decimal value) => value.ToString("#,0.######", culture);
        return
        [
            new("Name", stored.Name, Name),
            new("Source system", stored.Source?.Name ?? "—", Source?.Name ?? "—"),
            new("Target system", stored.Target?.Name ?? "—", Target?.Name ?? "—"),
            new("Mode", ChoiceText.Describe(stored.Mode), ChoiceText.Describe(Mode)),
            new("Transfers per month", Number(stored.TransfersPerMonth), Number(TransfersPerMonth)),
            new("Minutes per manual transfer", Number(stored.MinutesPerTransfer), Number(MinutesPerTransfer)),
        ];
    }
}
