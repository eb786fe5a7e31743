namespace BusinessValue.Domain.Engine;

/// <summary>The organisation's figures for a period: sums over systems, shared items counted once.</summary>
public sealed record PortfolioScorecard
{
    public required Figure TechnologySpend { get; init; }

    public required Figure RevenuePerHour { get; init; }

    public required Figure RevenueDisrupted { get; init; }

    public required Figure RevenueLostToSlowPeaks { get; init; }

    public required Figure ProductivityLostHours { get; init; }

    public required Figure ProductivityLoss { get; init; }

    public required Figure BlockedWorkCost { get; init; }

    public required Figure UnusedSpend { get; init; }

    public required Figure WorkaroundCost { get; init; }

    public required Figure ManualIntegrationCost { get; init; }

    public required Figure ValueLeaks { get; init; }

    public required Figure ValueRealised { get; init; }

    public required Figure NetValue { get; init; }

    /// <summary>Value leaks / technology spend, beside <see cref="WasteBenchmark"/>.</summary>
    public required Figure WasteRatio { get; init; }

    public required decimal WasteBenchmark { get; init; }

    public required Figure DisasterExposure { get; init; }

    public required IReadOnlyDictionary<RecoveryReadiness, int> ReadinessCounts { get; init; }

    public required Figure IntegrationEfficiency { get; init; }

    public required Figure ProcessAutomation { get; init; }

    public required Figure Adoption { get; init; }

    /// <summary>Every figure, in the catalogue's order (<see cref="FigureCatalogue.PortfolioFigures"/>).</summary>
    public IEnumerable<Figure> Figures => FigureCatalogue.PortfolioFigures.Select(Of);

    /// <summary>The portfolio's figure <paramref name="definition"/>.</summary>
    public Figure Of(FigureDefinition definition) => definition.Key switch
    {
        _ when definition.Scope != FigureScope.Portfolio => throw new ArgumentException($"{definition} is not a portfolio figure.", nameof(definition)),
        "technologySpend" => TechnologySpend,
        "revenuePerHour" => RevenuePerHour,
        "revenueDisrupted" => RevenueDisrupted,
        "revenueLostToSlowPeaks" => RevenueLostToSlowPeaks,
        "productivityLostHours" => ProductivityLostHours,
        "productivityLoss" => ProductivityLoss,
        "blockedWorkCost" => BlockedWorkCost,
        "unusedSpend" => UnusedSpend,
        "workaroundCost" => WorkaroundCost,
        "manualIntegrationCost" => ManualIntegrationCost,
        "valueLeaks" => ValueLeaks,
        "valueRealised" => ValueRealised,
        "netValue" => NetValue,
        "wasteRatio" => WasteRatio,
        "disasterExposure" => DisasterExposure,
        "integrationEfficiency" => IntegrationEfficiency,
        "processAutomation" => ProcessAutomation,
        "adoption" => Adoption,
        _ => throw new ArgumentException($"{definition} is not a figure of the portfolio scorecard.", nameof(definition)),
    };
}
