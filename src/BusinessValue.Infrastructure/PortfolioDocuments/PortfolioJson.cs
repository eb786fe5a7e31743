using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using BusinessValue.Domain.Metrics;

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
        // Names exactly as documented, each once: "DowntimeMinutes" or a second "downtimeMinutes" is a mistake to
        // report, not to guess at (which of two values was meant?).
        PropertyNameCaseInsensitive = false,
        AllowDuplicateProperties = false,
        NumberHandling = JsonNumberHandling.Strict,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new NormalisedDecimalConverter() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { DescribeMeasures } },
    };

    private static readonly string[] TicketProperties = ["p1", "p2", "p3", "p4"];

    /// <summary>
    /// Adds one property per measure of <see cref="Measures"/> to a metrics row's contract, named by the measure's
    /// key, in the order documents write them: system, month, the measures up to <see cref="Measures.TicketsFollow"/>,
    /// the tickets p1 to p4, the other measures, the source. Also used by the API's JSON options, so its OpenAPI
    /// document describes the same row.
    /// </summary>
    public static void DescribeMeasures(JsonTypeInfo typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        if (typeInfo.Type != typeof(MetricsDocument) || typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        var existing = typeInfo.Properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var ordered = new List<JsonPropertyInfo> { existing["systemId"], existing["month"] };
        foreach (var measure in Measures.All)
        {
            var property = typeInfo.CreateJsonPropertyInfo(measure.WholeNumber ? typeof(int?) : typeof(decimal?), measure.Key);
            property.Get = measure.WholeNumber
                ? row => ((MetricsDocument)row)[measure] is { } v ? (int?)v : null
                : row => ((MetricsDocument)row)[measure];
            property.Set = measure.WholeNumber
                ? (row, value) => ((MetricsDocument)row)[measure] = (int?)value
                : (row, value) => ((MetricsDocument)row)[measure] = (decimal?)value;
            ordered.Add(property);
            if (measure == Measures.TicketsFollow)
            {
                ordered.AddRange(TicketProperties.Select(name => existing[name]));
            }
        }

        ordered.Add(existing["source"]);
        typeInfo.Properties.Clear();
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].Order = i;
            typeInfo.Properties.Add(ordered[i]);
        }
    }

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

    /// <summary>
    /// Why a JSON text could not be read, in the product's words: the serializer's messages name .NET types
    /// ("System.Nullable`1[System.Decimal]"), which mean nothing to the person who wrote the file.
    /// </summary>
    public static string Describe(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = exception.Message;
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            var name = Regex.Match(message, "property '([^']*)'").Groups[1].Value;
            return $"'{name}' is not a field here: fields are named exactly as documented, in camelCase (check the spelling and the case).";
        }

        if (message.Contains("uplicate", StringComparison.Ordinal))
        {
            return "a field is given twice: give each field once.";
        }

        var converted = Regex.Match(message, @"could not be converted to (\S+?)\. ");
        if (converted.Success)
        {
            return $"must be {Expected(converted.Groups[1].Value)}.";
        }

        // A syntax error: the reader's own words name no type; the path and line are added by the caller.
        var end = message.IndexOf(" Path:", StringComparison.Ordinal);
        var text = (end < 0 ? message : message[..end]).Trim();
        end = text.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return end < 0 ? text : text[..end].Trim();
    }

    private static string Expected(string type) => type switch
    {
        // Lists first, and integers by their full name: a list of IntegrationDocument is no whole number.
        _ when type.Contains("List", StringComparison.Ordinal) => "a list, written [ … ]",
        _ when type.Contains("Decimal", StringComparison.Ordinal) => "a number (no quotes, at most 28 digits)",
        _ when type.Contains("System.Int", StringComparison.Ordinal) => "a whole number (no quotes, no decimals)",
        _ when type.Contains("Guid", StringComparison.Ordinal) => "an id in quotes, such as \"0f8fad5b-d9cb-469f-a165-70867728950e\"",
        _ when type.Contains("DateOnly", StringComparison.Ordinal) => "a date in quotes, written YYYY-MM-DD",
        _ when type.Contains("DateTime", StringComparison.Ordinal) => "a date and time in quotes, such as \"2026-07-01T00:00:00Z\"",
        _ when type.Contains("Boolean", StringComparison.Ordinal) => "true or false",
        _ when type.Contains("String", StringComparison.Ordinal) => "text in quotes",
        _ => "an object, written { … }",
    };

    public static string Choices<TEnum>()
        where TEnum : struct, Enum => string.Join(", ", Enum.GetValues<TEnum>().Select(Name));
}
