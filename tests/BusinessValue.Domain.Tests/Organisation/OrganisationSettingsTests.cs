using BusinessValue.Domain;
using BusinessValue.Domain.Organisation;

namespace BusinessValue.Domain.Tests.Organisation;

public sealed class OrganisationSettingsTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Constructor_NewOrganisation_StartsWithTheSpecDefaults()
    {
        var organisation = new OrganisationSettings("  Acme Manufacturing ", Now);

        organisation.Name.Should().Be("Acme Manufacturing");
        organisation.Currency.Code.Should().Be("USD");
        organisation.LabourRatePerHour.Should().Be(50m);
        organisation.WorkingWeeksPerYear.Should().Be(46);
        organisation.FiscalYearStartMonth.Should().Be(1);
        organisation.IsDemo.Should().BeFalse();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Constructor_BlankName_IsRejectedNamingTheField(string? name)
    {
        var create = () => new OrganisationSettings(name!, Now);

        create.Should().Throw<DomainRuleException>()
            .Which.Field.Should().Be("Organisation name");
    }

    [Fact]
    public void ChangeAssumptions_ValidValues_AreKept()
    {
        var organisation = new OrganisationSettings("Acme", Now);

        organisation.ChangeAssumptions(CurrencyCode.Parse("eur"), 62.5m, 44, 7, Now.AddDays(1));

        organisation.Currency.Code.Should().Be("EUR");
        organisation.LabourRatePerHour.Should().Be(62.5m);
        organisation.WorkingWeeksPerYear.Should().Be(44);
        organisation.FiscalYearStartMonth.Should().Be(7);
        organisation.UpdatedAtUtc.Should().Be(Now.AddDays(1));
    }

    [Theory]
    [InlineData(-1, 46, 1, "Loaded labour rate")]
    [InlineData(50, 0, 1, "Working weeks per year")]
    [InlineData(50, 53, 1, "Working weeks per year")]
    [InlineData(50, 46, 13, "Fiscal year start month")]
    [InlineData(50, 46, 0, "Fiscal year start month")]
    public void ChangeAssumptions_OutOfRange_IsRejectedAndNothingChanges(int rate, int weeks, int month, string field)
    {
        var organisation = new OrganisationSettings("Acme", Now);

        var change = () => organisation.ChangeAssumptions(CurrencyCode.Default, rate, weeks, month, Now);

        change.Should().Throw<DomainRuleException>().Which.Field.Should().Be(field);
        organisation.LabourRatePerHour.Should().Be(50m);
        organisation.WorkingWeeksPerYear.Should().Be(46);
        organisation.FiscalYearStartMonth.Should().Be(1);
    }
}
