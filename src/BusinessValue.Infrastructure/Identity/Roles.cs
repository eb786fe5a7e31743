namespace BusinessValue.Infrastructure.Identity;

/// <summary>The six roles of docs/security.md. Their names are shown to people, so they read as words.</summary>
public static class Roles
{
    public const string Administrator = "Administrator";
    public const string ItDirector = "IT director";
    public const string BusinessOwner = "Business owner";
    public const string ReviewFacilitator = "Review facilitator";
    public const string Executive = "Executive";
    public const string Viewer = "Viewer";

    public static IReadOnlyList<string> All { get; } = [Administrator, ItDirector, BusinessOwner, ReviewFacilitator, Executive, Viewer];

    /// <summary>The role's name as the setting or command line spells it, case and spaces aside ("it-director", "IT Director").</summary>
    public static string? Find(string? name)
    {
        var wanted = Simplify(name);
        return All.FirstOrDefault(role => Simplify(role) == wanted);
    }

    private static string Simplify(string? name) =>
        new((name ?? string.Empty).Where(char.IsLetter).Select(char.ToUpperInvariant).ToArray());
}
