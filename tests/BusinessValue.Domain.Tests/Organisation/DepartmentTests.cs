using BusinessValue.Domain;
using BusinessValue.Domain.Organisation;

namespace BusinessValue.Domain.Tests.Organisation;

public sealed class DepartmentTests
{
    private static readonly Assumptions Organisation = Assumptions.Default;

    [Fact]
    public void EffectiveLabourRate_NoOwnRate_UsesTheOrganisationDefault() =>
        new Department(Guid.NewGuid(), "Sales", 40).EffectiveLabourRate(Organisation).Should().Be(50m);

    [Fact]
    public void EffectiveLabourRate_OwnRate_OverridesTheDefault() =>
        new Department(Guid.NewGuid(), "Finance", 12, labourRatePerHour: 72.25m).EffectiveLabourRate(Organisation).Should().Be(72.25m);

    [Fact]
    public void Constructor_NegativeRate_IsRejected()
    {
        var create = () => new Department(Guid.NewGuid(), "Finance", 12, labourRatePerHour: -1m);

        create.Should().Throw<DomainRuleException>().Which.Field.Should().Be("Department labour rate");
    }

    [Fact]
    public void Constructor_NegativeHeadcount_IsRejected()
    {
        var create = () => new Department(Guid.NewGuid(), "Finance", -3);

        create.Should().Throw<DomainRuleException>().Which.Field.Should().Be("Headcount");
    }
}
