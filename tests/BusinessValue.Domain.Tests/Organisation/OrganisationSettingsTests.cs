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
        organisation.FiscalYearStartMonth.Should().Be(1);
        organisation.IsDemo.Should().BeFalse();
        organisation.Assumptions.LabourRatePerHour.Should().Be(50m);
        organisation.Assumptions.WorkingWeeksPerYear.Should().Be(46);
        organisation.Assumptions.AbandonmentFactor.Should().Be(0.10m);
        organisation.Assumptions.Margin.Should().Be(0.30m);
        organisation.Assumptions.BlockingFactor(Severity.P1).Should().Be(1.0m);
        organisation.Assumptions.BlockingFactor(Severity.P2).Should().Be(0.5m);
        organisation.Assumptions.BlockingFactor(Severity.P3).Should().Be(0.2m);
        organisation.Assumptions.BlockingFactor(Severity.P4).Should().Be(0.05m);
        organisation.Assumptions.UntestedRecoveryHours.Should().Be(72m);
        organisation.Assumptions.ScoreThreshold.Should().Be(70m);
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

        organisation.ChangeAssumptions(Assumptions.Default with { LabourRatePerHour = 62.5m, WorkingWeeksPerYear = 44, Margin = 0.25m }, Now.AddDays(1));
        organisation.ChangeCurrencyAndCalendar(CurrencyCode.Parse("eur"), 7, Now.AddDays(1));

        organisation.Currency.Code.Should().Be("EUR");
        organisation.FiscalYearStartMonth.Should().Be(7);
        organisation.Assumptions.LabourRatePerHour.Should().Be(62.5m);
        organisation.Assumptions.WorkingWeeksPerYear.Should().Be(44);
        organisation.Assumptions.Margin.Should().Be(0.25m);
        organisation.UpdatedAtUtc.Should().Be(Now.AddDays(1));
    }

    public static TheoryData<Assumptions, string> OutOfRange => new()
    {
        { Assumptions.Default with { LabourRatePerHour = -1m }, "Loaded labour rate" },
        { Assumptions.Default with { WorkingWeeksPerYear = 0 }, "Working weeks per year" },
        { Assumptions.Default with { WorkingWeeksPerYear = 53 }, "Working weeks per year" },
        { Assumptions.Default with { AbandonmentFactor = 1.5m }, "Abandonment factor" },
        { Assumptions.Default with { Margin = -0.1m }, "Margin" },
        { Assumptions.Default with { BlockingFactorP3 = 2m }, "Blocking factor P3" },
        { Assumptions.Default with { ScoreThreshold = 101m }, "Score threshold" },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void ChangeAssumptions_OutOfRange_IsRejectedNamingTheAssumptionAndNothingChanges(Assumptions assumptions, string field)
    {
        var organisation = new OrganisationSettings("Acme", Now);

        var change = () => organisation.ChangeAssumptions(assumptions, Now);

        change.Should().Throw<DomainRuleException>().Which.Field.Should().Be(field);
        organisation.Assumptions.Should().Be(Assumptions.Default);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    public void ChangeCurrencyAndCalendar_MonthOutOfRange_IsRejected(int month)
    {
        var organisation = new OrganisationSettings("Acme", Now);

        var change = () => organisation.ChangeCurrencyAndCalendar(CurrencyCode.Default, month, Now);

        change.Should().Throw<DomainRuleException>().Which.Field.Should().Be("Fiscal year start month");
        organisation.FiscalYearStartMonth.Should().Be(1);
    }
}
