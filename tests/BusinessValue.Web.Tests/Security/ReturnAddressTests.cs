using BusinessValue.Web.Features.Account;

namespace BusinessValue.Web.Tests.Security;

/// <summary>After sign-in the reader goes back where they came from, and never to another site.</summary>
public sealed class ReturnAddressTests
{
    [Theory]
    [InlineData("/scorecard?period=2026-Q3", "/scorecard?period=2026-Q3")]
    [InlineData("/systems/6f1c/edit", "/systems/6f1c/edit")]
    [InlineData("//evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("/\t/evil.example", "/")]
    [InlineData("/\r\n/evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("javascript:alert(1)", "/")]
    [InlineData("~/scorecard", "/")]
    [InlineData(null, "/")]
    public void LocalOnly_ReturnAddress_KeepsOnlyAddressesOnThisSite(string? returnUrl, string expected) =>
        Login.LocalOnly(returnUrl).Should().Be(expected);
}
