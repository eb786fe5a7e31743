using BusinessValue.Infrastructure.Identity;
using BusinessValue.Web.Hosting;
using BusinessValue.Web.Security;
using Microsoft.Extensions.Configuration;

namespace BusinessValue.Web.Tests.Security;

public sealed class OpenIdSignInTests
{
    private static OpenIdSignIn From(params (string Key, string Value)[] settings) =>
        OpenIdSignIn.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>($"Security:OpenIdConnect:{s.Key}", s.Value)))
            .Build());

    [Fact]
    public void RoleFor_SeveralMappedGroups_GivesTheMostPowerfulRole()
    {
        var openId = From(("RoleMapping:readers", "viewer"), ("RoleMapping:it-leads", "IT director"), ("RoleMapping:board", "Executive"));

        openId.RoleFor(["readers", "board", "it-leads", "canteen"]).Should().Be(Roles.ItDirector);
        openId.RoleFor(["READERS"]).Should().Be(Roles.Viewer, "group names compare without case");
    }

    [Fact]
    public void RoleFor_NoMappedGroup_GivesNoRole()
    {
        From(("RoleMapping:board", "Executive")).RoleFor(["canteen"]).Should().BeNull();
    }

    [Fact]
    public void FromConfiguration_UnknownRole_NamesTheSettingAndTheRoles()
    {
        var act = () => From(("RoleMapping:board", "Chief"));

        act.Should().Throw<SettingException>().WithMessage("*Security:OpenIdConnect:RoleMapping:board*'Chief'*Administrator, IT director*");
    }

    [Fact]
    public void IsEnabled_WithoutAuthorityOrClient_IsOff()
    {
        From(("ClientId", "app")).IsEnabled.Should().BeFalse();
        From(("Authority", "https://id.example.com"), ("ClientId", "app")).IsEnabled.Should().BeTrue();
    }
}
