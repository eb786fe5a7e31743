using System.Text.Json;
using BusinessValue.Domain.Reviews;
using BusinessValue.Infrastructure.PortfolioDocuments;

namespace BusinessValue.Web.Features.Reviews;

/// <summary>How a closed review's figures and action items are written and read back: enums by name, exact decimals.</summary>
internal static class ReviewJson
{
    private static readonly JsonSerializerOptions Options = ReviewFiguresJson.Options;

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static QuarterFigures Figures(string json) =>
        JsonSerializer.Deserialize<QuarterFigures>(json, Options) ?? throw new InvalidOperationException("A closed review's frozen figures are empty.");

    public static IReadOnlyList<ActionItemState> ActionItems(string json) =>
        JsonSerializer.Deserialize<List<ActionItemState>>(json, Options) ?? [];
}
