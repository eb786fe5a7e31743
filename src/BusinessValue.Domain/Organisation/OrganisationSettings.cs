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

    /// <summary>
    /// When someone last set the assumptions (the assumptions page, the API or a document that says so); null while
    /// they are the shipped defaults nobody has confirmed. A figure flags a default assumption only while this is null.
    /// </summary>
    public DateTime? AssumptionsSetAtUtc { get; private set; }

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

    /// <summary>Someone sets the assumptions: from now on none of them is an unconfirmed default, even where it equals one.</summary>
    public void ChangeAssumptions(Assumptions assumptions, DateTime nowUtc) => RestoreAssumptions(assumptions, nowUtc, nowUtc);

    /// <summary>The assumptions as a portfolio document recorded them, with when (if ever) someone set them.</summary>
    public void RestoreAssumptions(Assumptions assumptions, DateTime? setAtUtc, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(assumptions);
        Assumptions = assumptions.Validated();
        AssumptionsSetAtUtc = setAtUtc;
        UpdatedAtUtc = nowUtc;
    }

    public void MarkAsOwnData(DateTime nowUtc)
    {
        IsDemo = false;
        UpdatedAtUtc = nowUtc;
    }
}
