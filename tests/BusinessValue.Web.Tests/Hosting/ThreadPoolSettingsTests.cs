using BusinessValue.Web.Hosting;
using Microsoft.Extensions.Configuration;

namespace BusinessValue.Web.Tests.Hosting;

public sealed class ThreadPoolSettingsTests
{
    private static IConfiguration Settings(string? perCore) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [ThreadPoolSettings.Setting] = perCore }).Build();

    [Fact]
    public void Apply_ANumberPerCore_RaisesThePoolsFloorToItTimesTheCores()
    {
        var floor = ThreadPoolSettings.Apply(Settings("20"));

        floor.Should().BeGreaterThanOrEqualTo(20 * Environment.ProcessorCount);
        ThreadPool.GetMinThreads(out var workers, out var io);
        workers.Should().Be(floor);
        io.Should().BeGreaterThanOrEqualTo(20 * Environment.ProcessorCount);
    }

    [Fact]
    public void Apply_NotSet_UsesTheDefault()
    {
        ThreadPoolSettings.Apply(Settings(null)).Should().BeGreaterThanOrEqualTo(ThreadPoolSettings.DefaultPerCore * Environment.ProcessorCount);
    }

    [Theory]
    [InlineData("many")]
    [InlineData("0")]
    [InlineData("1000")]
    public void Apply_NotAWholeNumberInRange_RefusesNamingTheSetting(string perCore)
    {
        var apply = () => ThreadPoolSettings.Apply(Settings(perCore));

        apply.Should().Throw<SettingException>().WithMessage($"*Runtime:MinThreadsPerCore*1 to 256*'{perCore}'*");
    }
}
