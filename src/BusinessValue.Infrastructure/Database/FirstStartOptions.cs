using Microsoft.Extensions.Configuration;

namespace BusinessValue.Infrastructure.Database;

/// <summary>What an empty database is given on first start: the demo organisation, or an empty one.</summary>
public sealed record FirstStartOptions
{
    public const string LoadDemoDataKey = "DemoData:LoadOnFirstStart";
    public const string OrganisationNameKey = "Organisation:Name";

    public bool LoadDemoData { get; init; } = true;

    public string OrganisationName { get; init; } = "My organisation";

    public static FirstStartOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var raw = configuration[LoadDemoDataKey];
        var load = true;
        if (!string.IsNullOrWhiteSpace(raw) && !bool.TryParse(raw.Trim(), out load))
        {
            throw new DatabaseConfigurationException($"{LoadDemoDataKey} is '{raw}'; set it to true or false.");
        }

        return new FirstStartOptions
        {
            LoadDemoData = load,
            OrganisationName = configuration[OrganisationNameKey] is { Length: > 0 } name ? name : "My organisation",
        };
    }
}
