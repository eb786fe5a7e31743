namespace BusinessValue.Domain;

public enum SourceKind
{
    /// <summary>Typed in by a person.</summary>
    Entered,

    /// <summary>Imported from a file (spreadsheet, CMDB export, portfolio document).</summary>
    Imported,

    /// <summary>Pushed through the HTTP API by an integrator's key.</summary>
    Api,
}

/// <summary>Where a recorded value came from: who entered it, which file or which API key, and when.</summary>
public sealed record InputSource(SourceKind Kind, string Detail, DateTime RecordedAtUtc)
{
    public const int DetailMaxLength = 300;

    public static InputSource Entered(string by, DateTime atUtc) => new(SourceKind.Entered, by, atUtc);

    public static InputSource Imported(string file, DateTime atUtc) => new(SourceKind.Imported, file, atUtc);

    public override string ToString() => Kind switch
    {
        SourceKind.Entered => $"entered by {Detail} on {RecordedAtUtc:yyyy-MM-dd}",
        SourceKind.Imported => $"imported from {Detail} on {RecordedAtUtc:yyyy-MM-dd}",
        _ => $"pushed through the API by {Detail} on {RecordedAtUtc:yyyy-MM-dd}",
    };
}
