using BusinessValue.Domain;
using BusinessValue.Domain.Systems;

namespace BusinessValue.Domain.Tests.Systems;

public sealed class ItSystemTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Constructor_BlankVendor_IsStoredAsUnknown()
    {
        var system = new ItSystem(Guid.NewGuid(), " ERP ", "Enterprise resource planning", "  ", Lifecycle.Active, StrategicFit.MaintainsStatusQuo, Now);

        system.Name.Should().Be("ERP");
        system.Vendor.Should().BeNull();
    }

    [Fact]
    public void Constructor_NameTooLong_IsRejectedWithItsLength()
    {
        var create = () => new ItSystem(Guid.NewGuid(), new string('x', 201), "CRM", null, Lifecycle.Active, StrategicFit.SupportsStrategy, Now);

        create.Should().Throw<DomainRuleException>()
            .Where(e => e.Field == "System name" && e.Reason.Contains("201", StringComparison.Ordinal));
    }

    [Fact]
    public void Constructor_NoCategory_IsRejected()
    {
        var create = () => new ItSystem(Guid.NewGuid(), "CRM", "", null, Lifecycle.Active, StrategicFit.SupportsStrategy, Now);

        create.Should().Throw<DomainRuleException>().Which.Field.Should().Be("Category");
    }
}
