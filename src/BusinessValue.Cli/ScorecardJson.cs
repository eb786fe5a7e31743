using System.Text.Json;
using System.Text.Json.Serialization;
using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Organisation;

namespace BusinessValue.Cli;

/// <summary>The scorecard as JSON: every figure with its exact value and its full explanation.</summary>
internal static class ScorecardJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Formulas use Σ, × and μ: keep them readable rather than \u-escaped.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Write(OrganisationSettings organisation, Scorecard scorecard) =>
        JsonSerializer.Serialize(
            new
            {
                organisation = organisation.Name,
                period = scorecard.Period.Label,
                firstMonth = scorecard.Period.First.ToString(),
                lastMonth = scorecard.Period.Last.ToString(),
                currency = scorecard.Currency.Code,
                portfolio = new
                {
                    wasteBenchmark = scorecard.Portfolio.WasteBenchmark,
                    readiness = scorecard.Portfolio.ReadinessCounts,
                    figures = scorecard.Portfolio.Figures,
                },
                systems = scorecard.Systems.Select(s => new
                {
                    id = s.SystemId,
                    name = s.Name,
                    quadrant = s.Quadrant,
                    quadrantInWords = s.Quadrant?.Describe(),
                    suggestedDecision = s.SuggestedDecision,
                    readiness = s.Readiness,
                    readinessWhy = s.ReadinessWhy,
                    coverage = s.Coverage,
                    figures = s.Figures,
                }),
                departments = scorecard.Departments.Select(d => new { id = d.DepartmentId, name = d.Name, workaroundCost = d.WorkaroundCost }),
            },
            Options) + Environment.NewLine;
}
