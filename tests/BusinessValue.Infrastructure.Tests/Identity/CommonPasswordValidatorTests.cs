using BusinessValue.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace BusinessValue.Infrastructure.Tests.Identity;

public sealed class CommonPasswordValidatorTests
{
    private static readonly AppUser User = new() { UserName = "ada@example.com" };

    [Theory]
    [InlineData("123456789012")]
    [InlineData("qwertyuiopasdfgh")]
    [InlineData("PASSWORD1234")]
    public async Task ValidateAsync_CommonPassword_IsRefusedWithAReason(string password)
    {
        var result = await new CommonPasswordValidator().ValidateAsync(null!, User, password);

        result.Succeeded.Should().BeFalse();
        result.Errors.Single().Description.Should().Contain("commonly used");
    }

    [Fact]
    public async Task ValidateAsync_UnrelatedWords_IsAccepted()
    {
        var result = await new CommonPasswordValidator().ValidateAsync(null!, User, "lantern quarterly otter basalt");

        result.Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task ValidateAsync_LongerThan128Characters_IsRefused()
    {
        var result = await new CommonPasswordValidator().ValidateAsync(null!, User, new string('x', 129));

        result.Errors.Single().Code.Should().Be("PasswordTooLong");
    }

    [Fact]
    public void Apply_Options_AskForLengthNotComposition()
    {
        var options = new IdentityOptions();

        AccountPolicy.Apply(options);

        options.Password.RequiredLength.Should().Be(12);
        options.Password.RequireDigit.Should().BeFalse();
        options.Password.RequireUppercase.Should().BeFalse();
        options.Password.RequireNonAlphanumeric.Should().BeFalse();
        options.Lockout.MaxFailedAccessAttempts.Should().Be(5);
    }
}
