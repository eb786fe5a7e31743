using System.Globalization;
using BusinessValue.Domain.Organisation;
using BusinessValue.Domain.Systems;
using BusinessValue.Web.Features.Forms;

namespace BusinessValue.Web.Features.Systems;

/// <summary>The inventory's edit form for one system: the IT director's and the administrator's.</summary>
public sealed class SystemForm
{
    public string Name { get; set; } = string.Empty;
    public string Category { get; set; } = string.Empty;
    public string? Vendor { get; set; }
    public Lifecycle Lifecycle { get; set; }
    public StrategicFit StrategicFit { get; set; }
    public string? ItOwner { get; set; }
    public string? BusinessOwner { get; set; }
    public decimal Licences { get; set; }
    public decimal Infrastructure { get; set; }
    public decimal SupportStaff { get; set; }
    public decimal Other { get; set; }
    public decimal? ExpectedAnnualBenefit { get; set; }
    public int? IntendedUsers { get; set; }
    public decimal? RequiredRecoveryHours { get; set; }

    /// <summary>The record's version when the form was read: a save on an older version is a conflict, not an overwrite.</summary>
    public int Version { get; set; }

    /// <summary>The organisation's currency (ISO 4217), which every money field is in; shown, never saved from here.</summary>
    public string Currency { get; init; } = CurrencyCode.Default.Code;

    /// <summary>The sum of the four cost lines, as <see cref="AnnualCosts.TotalCostOfOwnership"/> will compute it once saved.</summary>
    public decimal TotalCostOfOwnership => Licences + Infrastructure + SupportStaff + Other;

    public static SystemForm From(ItSystem system, CurrencyCode currency)
    {
        ArgumentNullException.ThrowIfNull(system);
        return new SystemForm
        {
            Currency = currency.Code ?? CurrencyCode.Default.Code, // default(CurrencyCode) has no code
            Name = system.Name,
            Category = system.Category,
            Vendor = system.Vendor,
            Lifecycle = system.Lifecycle,
            StrategicFit = system.StrategicFit,
            ItOwner = system.ItOwner,
            BusinessOwner = system.BusinessOwner,
            Licences = system.Costs.Licences,
            Infrastructure = system.Costs.Infrastructure,
            SupportStaff = system.Costs.SupportStaff,
            Other = system.Costs.Other,
            ExpectedAnnualBenefit = system.ExpectedAnnualBenefit,
            IntendedUsers = system.IntendedUsers,
            RequiredRecoveryHours = system.RequiredRecoveryHours,
        };
    }

    /// <summary>Which form field each of the domain's field names is, so a refusal is shown beside its field.</summary>
    public static IReadOnlyDictionary<string, string> DomainFields { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["System name"] = nameof(Name),
        ["Category"] = nameof(Category),
        ["Vendor"] = nameof(Vendor),
        ["IT owner"] = nameof(ItOwner),
        ["Business owner"] = nameof(BusinessOwner),
        ["Licence cost"] = nameof(Licences),
        ["Infrastructure cost"] = nameof(Infrastructure),
        ["Support staff cost"] = nameof(SupportStaff),
        ["Other cost"] = nameof(Other),
        ["Expected annual benefit"] = nameof(ExpectedAnnualBenefit),
        ["Intended users"] = nameof(IntendedUsers),
        ["Required recovery time"] = nameof(RequiredRecoveryHours),
    };

    /// <summary>Every field of the stored version beside this one, for the conflict dialog, in the reader's number format.</summary>
    public IReadOnlyList<ConflictRow> CompareWith(SystemForm stored, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(stored);
        string Amount(decimal? value) => value is { } v ? v.ToString("#,0.######", culture) : "—";
        string Text(string? value) => string.IsNullOrWhiteSpace(value) ? "—" : value.Trim();
        return
        [
            new("Name", Text(stored.Name), Text(Name)),
            new("Category", Text(stored.Category), Text(Category)),
            new("Vendor", Text(stored.Vendor), Text(Vendor)),
            new("Lifecycle", ChoiceText.Describe(stored.Lifecycle), ChoiceText.Describe(Lifecycle)),
            new("Strategic fit", ChoiceText.Describe(stored.StrategicFit), ChoiceText.Describe(StrategicFit)),
            new("IT owner", Text(stored.ItOwner), Text(ItOwner)),
            new("Business owner", Text(stored.BusinessOwner), Text(BusinessOwner)),
            new($"Licences per year ({Currency})", Amount(stored.Licences), Amount(Licences)),
            new($"Infrastructure per year ({Currency})", Amount(stored.Infrastructure), Amount(Infrastructure)),
            new($"Support staff per year ({Currency})", Amount(stored.SupportStaff), Amount(SupportStaff)),
            new($"Other per year ({Currency})", Amount(stored.Other), Amount(Other)),
            new($"Expected annual benefit ({Currency})", Amount(stored.ExpectedAnnualBenefit), Amount(ExpectedAnnualBenefit)),
            new("Intended users", stored.IntendedUsers?.ToString("#,0", culture) ?? "—", IntendedUsers?.ToString("#,0", culture) ?? "—"),
            new("Required recovery time, hours", Amount(stored.RequiredRecoveryHours), Amount(RequiredRecoveryHours)),
        ];
    }
}
