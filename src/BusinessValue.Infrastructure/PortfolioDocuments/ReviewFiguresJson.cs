using System.Text.Json;
using System.Text.Json.Serialization;

namespace BusinessValue.Infrastructure.PortfolioDocuments;

/// <summary>
/// How a closed review's frozen figures and action items are written as text: enums by name, exact decimals. One
/// definition for the app that freezes them and the restore that checks them.
/// </summary>
public static class ReviewFiguresJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}
