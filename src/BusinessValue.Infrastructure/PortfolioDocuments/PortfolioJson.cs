using System.Text.Json;
using System.Text.Json.Serialization;

namespace BusinessValue.Infrastructure.PortfolioDocuments;

/// <summary>How the document is written: camelCase, indented, and strict about what it accepts.</summary>
public static class PortfolioJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // An unknown property is more likely a typo than something to ignore silently.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new NormalisedDecimalConverter() },
    };

    /// <summary>Enum values as the document spells them: camelCase member names.</summary>
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var text = value.ToString();
        return char.ToLowerInvariant(text[0]) + text[1..];
    }

    /// <summary>
    /// Writes 50 rather than 50.000000: databases hand decimals back with their column's scale, and the same
    /// value must export the same way whichever database it came from.
    /// </summary>
    private sealed class NormalisedDecimalConverter : JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(value / 1.0000000000000000000000000000m);
    }

    public static string Choices<TEnum>()
        where TEnum : struct, Enum => string.Join(", ", Enum.GetValues<TEnum>().Select(Name));
}
