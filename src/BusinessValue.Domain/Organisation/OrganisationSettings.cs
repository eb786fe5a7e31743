namespace BusinessValue.Domain.Organisation;

/// <summary>
/// The one organisation a deployment serves, with the assumptions every business figure is built on.
/// See docs/formulas.md for how each assumption is used.
/// </summary>
public sealed class OrganisationSettings
{
    public const int SingletonId = 1;
    public const int NameMaxLength = 200;
    public const decimal DefaultLabourRatePerHour = 50m;
    public const int DefaultWorkingWeeksPerYear = 46;

    private OrganisationSettings()
    {
        Name = string.Empty;
        Currency = CurrencyCode.Default;
    }

    public OrganisationSettings(string name, DateTime nowUtc, bool isDemo = false)
    {
        IsDemo = isDemo;
        Name = Guard.Text(name, "Organisation name", NameMaxLength);
        Currency = CurrencyCode.Default;
        LabourRatePerHour = DefaultLabourRatePerHour;
        WorkingWeeksPerYear = DefaultWorkingWeeksPerYear;
        FiscalYearStartMonth = 1;
        UpdatedAtUtc = nowUtc;
    }

    public int Id { get; private set; } = SingletonId;

    public string Name { get; private set; }

    /// <summary>ISO 4217 code of the currency every money figure is shown in.</summary>
    public CurrencyCode Currency { get; private set; }

    /// <summary>Default loaded labour rate R (money per hour); a department may override it.</summary>
    public decimal LabourRatePerHour { get; private set; }

    /// <summary>Working weeks per year W.</summary>
    public int WorkingWeeksPerYear { get; private set; }

    /// <summary>Month (1–12) the fiscal year starts in.</summary>
    public int FiscalYearStartMonth { get; private set; }

    /// <summary>True while the organisation is the shipped demo, so every screen can say so.</summary>
    public bool IsDemo { get; private set; }

    public DateTime UpdatedAtUtc { get; private set; }

    public void Rename(string name, DateTime nowUtc)
    {
        Name = Guard.Text(name, "Organisation name", NameMaxLength);
        UpdatedAtUtc = nowUtc;
    }

    public void ChangeAssumptions(CurrencyCode currency, decimal labourRatePerHour, int workingWeeksPerYear, int fiscalYearStartMonth, DateTime nowUtc)
    {
        Currency = currency;
        LabourRatePerHour = Guard.NotNegative(labourRatePerHour, "Loaded labour rate");
        WorkingWeeksPerYear = Guard.InRange(workingWeeksPerYear, 1, 52, "Working weeks per year");
        FiscalYearStartMonth = Guard.InRange(fiscalYearStartMonth, 1, 12, "Fiscal year start month");
        UpdatedAtUtc = nowUtc;
    }
}
