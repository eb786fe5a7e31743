namespace BusinessValue.Infrastructure.Spreadsheets;

/// <summary>
/// A saved column mapping for one kind of import table, named by the file it suits ("ServiceNow CMDB export"),
/// so the next file from the same tool maps itself. <see cref="Columns"/> is JSON: the file's heading → our column key.
/// </summary>
public sealed class ImportMappingPreset
{
    public const int NameMaxLength = 100;
    public const int KindMaxLength = 40;

    public Guid Id { get; set; }

    /// <summary>The import table it maps (systems, metrics, …).</summary>
    public string Kind { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    /// <summary>JSON object: a heading of the file (as written there) → the key of our column it fills.</summary>
    public string Columns { get; set; } = "{}";

    public string SavedBy { get; set; } = string.Empty;

    public DateTime SavedAtUtc { get; set; }
}
