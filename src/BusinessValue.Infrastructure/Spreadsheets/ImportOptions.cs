using System.Globalization;
using BusinessValue.Infrastructure.Database;
using Microsoft.Extensions.Configuration;

namespace BusinessValue.Infrastructure.Spreadsheets;

/// <summary>Limits of spreadsheet imports (docs/import.md#size-limit).</summary>
public sealed record ImportOptions
{
    public const string MaxFileBytesKey = "Import:MaxFileBytes";

    /// <summary>A larger file is refused before it is read: 20 MB unless configured.</summary>
    public long MaxFileBytes { get; init; } = SpreadsheetFile.DefaultMaxBytes;

    public static ImportOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var raw = configuration[MaxFileBytesKey];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return new ImportOptions();
        }

        if (!long.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) || bytes < 1)
        {
            throw new DatabaseConfigurationException($"{MaxFileBytesKey} is '{raw}'; set it to a number of bytes, such as 20971520 for 20 MB.");
        }

        return new ImportOptions { MaxFileBytes = bytes };
    }
}
