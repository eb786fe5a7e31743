namespace BusinessValue.Domain.Engine;

/// <summary>
/// Every business figure of one system for one period, each with its explanation. Values are kept in one
/// compact array and figures are handed out on request: a portfolio of 10,000 systems holds 10,000 small
/// arrays rather than a quarter of a million figure objects (docs/performance.md).
/// </summary>
public sealed class SystemScorecard
{
    private readonly FigureLayout _layout;
    private readonly decimal?[] _values;
    private readonly Explanation[]? _explanations;
    private readonly IExplanationSource? _source;

    internal SystemScorecard(Guid systemId, string name, RecoveryReadiness readiness, Quadrant? quadrant, FigureLayout layout, ReadOnlySpan<Figure> figures, IExplanationSource? source)
    {
        SystemId = systemId;
        Name = name;
        Readiness = readiness;
        Quadrant = quadrant;
        _layout = layout;
        _values = new decimal?[figures.Length];
        for (var i = 0; i < figures.Length; i++)
        {
            _values[i] = figures[i].Value;
        }

        if (source is null)
        {
            // Calculated with explanations: keep them, there is nothing to ask later.
            _explanations = new Explanation[figures.Length];
            for (var i = 0; i < figures.Length; i++)
            {
                _explanations[i] = figures[i].Why;
            }
        }

        _source = source;
    }

    public Guid SystemId { get; }

    public string Name { get; }

    public RecoveryReadiness Readiness { get; }

    /// <summary>Null while either score is missing.</summary>
    public Quadrant? Quadrant { get; }

    public TimeDecision? SuggestedDecision => Quadrant?.SuggestedDecision();

    // The order is the engine's (TranslationEngine.CalculateSystem); FigureLayout checks it once per calculation.
    public Figure PeriodCost => At(0);

    public Figure RevenuePerHour => At(1);

    public Figure RevenueDisrupted => At(2);

    public Figure RevenueLostToSlowPeaks => At(3);

    public Figure ProductivityLostHours => At(4);

    public Figure ProductivityLoss => At(5);

    public Figure BlockedWorkCost => At(6);

    public Figure RevenuePerHourUnpatched => At(7);

    public Figure DisasterExposure => At(8);

    public Figure Adoption => At(9);

    public Figure UnusedSpend => At(10);

    public Figure WorkaroundCost => At(11);

    public Figure ManualIntegrationCost => At(12);

    public Figure IntegrationEfficiency => At(13);

    public Figure ValueRealised => At(14);

    public Figure ValueLeaks => At(15);

    public Figure NetValue => At(16);

    public Figure Roi => At(17);

    public Figure TechnicalHealth => At(18);

    public Figure BusinessValue => At(19);

    /// <summary>Why the readiness is what it is (its figure carries no value, only the explanation).</summary>
    public Figure ReadinessFigure => At(20);

    public Explanation ReadinessWhy => ReadinessFigure.Why;

    /// <summary>Every figure with a value, for exports and the "why this number?" lists.</summary>
    public IEnumerable<Figure> Figures => Enumerable.Range(0, FigureLayout.SystemFigureCount - 1).Select(At);

    private Figure At(int index) =>
        new(_layout.Keys[index], _layout.Labels[index], _values[index], _layout.Units[index], _explanations?[index], _source);
}

/// <summary>The keys, labels and units of a system's figures, shared by every system of a calculation.</summary>
internal sealed class FigureLayout
{
    public const int SystemFigureCount = 21;

    private static readonly string[] ExpectedKeys =
    [
        "periodCost", "revenuePerHour", "revenueDisrupted", "revenueLostToSlowPeaks", "productivityLostHours", "productivityLoss",
        "blockedWorkCost", "revenuePerHourUnpatched", "disasterExposure", "adoption", "unusedSpend", "workaroundCost",
        "manualIntegrationCost", "integrationEfficiency", "valueRealised", "valueLeaks", "netValue", "roi", "technicalHealth",
        "businessValue", "readiness",
    ];

    private FigureLayout(ReadOnlySpan<Figure> figures)
    {
        Keys = new string[figures.Length];
        Labels = new string[figures.Length];
        Units = new FigureUnit[figures.Length];
        for (var i = 0; i < figures.Length; i++)
        {
            if (figures[i].Key != ExpectedKeys[i])
            {
                throw new InvalidOperationException($"Figure {i} is {figures[i].Key}, expected {ExpectedKeys[i]}.");
            }

            Keys[i] = figures[i].Key;
            Labels[i] = figures[i].Label;
            Units[i] = figures[i].Unit;
        }
    }

    public string[] Keys { get; }

    public string[] Labels { get; }

    public FigureUnit[] Units { get; }

    public static FigureLayout Of(ReadOnlySpan<Figure> figures) => new(figures);
}
