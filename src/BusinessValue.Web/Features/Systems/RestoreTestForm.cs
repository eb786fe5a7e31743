using System.Globalization;
using BusinessValue.Web.Features.Forms;

namespace BusinessValue.Web.Features.Systems;

/// <summary>The form for one restore test of a system; a new one has no <see cref="Id"/>.</summary>
public sealed class RestoreTestForm
{
    public Guid? Id { get; init; }

    public Guid SystemId { get; init; }

    /// <summary>A date picker's value: null until one is picked.</summary>
    public DateTime? TestedOn { get; set; }

    public bool Passed { get; set; } = true;

    public decimal? MeasuredRecoveryHours { get; set; }

    public int Version { get; set; }

    public static IReadOnlyDictionary<string, string> DomainFields { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Measured recovery hours"] = nameof(MeasuredRecoveryHours),
    };

    public IReadOnlyList<ConflictRow> CompareWith(RestoreTestForm stored, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(stored);
        string Day(DateTime? value) => value?.ToString("d", culture) ?? "—";
        string Hours(decimal? value) => value?.ToString("#,0.######", culture) ?? "—";
        return
        [
            new("Tested on", Day(stored.TestedOn), Day(TestedOn)),
            new("Succeeded", stored.Passed ? "Yes" : "No", Passed ? "Yes" : "No"),
            new("Measured recovery hours", Hours(stored.MeasuredRecoveryHours), Hours(MeasuredRecoveryHours)),
        ];
    }
}
