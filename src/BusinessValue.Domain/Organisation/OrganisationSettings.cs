namespace BusinessValue.Domain.Organisation;

/// <summary>
/// The one organisation a deployment serves, with the assumptions every business figure is built on.
/// See docs/formulas.md#assumptions-and-their-defaults.
/// </summary>
public sealed class OrganisationSettings
{
    public const int SingletonId = 1;
    public const int NameMaxLength = 200;

    private OrganisationSettings()
    {
        Name = string.Empty;
        Currency = CurrencyCode.Default;
        Assumptions = Assumptions.Default;
    }

    public OrganisationSettings(string name, DateTime nowUtc, bool isDemo = false)
    {
        Name = Guard.Text(name, "Organisation name", NameMaxLength);
        Currency = CurrencyCode.Default;
        FiscalYearStartMonth = 1;
        Assumptions = Assumptions.Default;
        IsDemo = isDemo;
        UpdatedAtUtc = nowUtc;
    }

    public int Id { get; private set; } = SingletonId;

    public string Name { get; private set; }

    /// <summary>ISO 4217 code of the currency every money figure is in.</summary>
    public CurrencyCode Currency { get; private set; }

    /// <summary>Month (1–12) the fiscal year starts in.</summary>
    public int FiscalYearStartMonth { get; private set; }

    public Assumptions Assumptions { get; private set; }

    /// <summary>True while the organisation is the shipped demo, so every screen can say so.</summary>
    public bool IsDemo { get; private set; }

    public DateTime UpdatedAtUtc { get; private set; }

    public void Rename(string name, DateTime nowUtc)
    {
        Name = Guard.Text(name, "Organisation name", NameMaxLength);
        UpdatedAtUtc = nowUtc;
    }

    public void ChangeCurrencyAndCalendar(CurrencyCode currency, int fiscalYearStartMonth, DateTime nowUtc)
    {
        FiscalYearStartMonth = Guard.InRange(fiscalYearStartMonth, 1, 12, "Fiscal year start month");
        Currency = currency;
        UpdatedAtUtc = nowUtc;
    }

    public void ChangeAssumptions(Assumptions assumptions, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(assumptions);
        Assumptions = assumptions.Validated();
        UpdatedAtUtc = nowUtc;
    }

    public void MarkAsOwnData(DateTime nowUtc)
    {
        IsDemo = false;
        UpdatedAtUtc = nowUtc;
    }
}
