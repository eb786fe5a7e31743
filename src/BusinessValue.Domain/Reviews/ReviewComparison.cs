using BusinessValue.Domain.Engine;

namespace BusinessValue.Domain.Reviews;

/// <summary>
/// This review against the previous closed one: company figures and their deltas, each system's health, value and
/// leaks deltas, quadrant moves, decisions changed, and the previous review's action items done and not done.
/// </summary>
public sealed record ReviewComparison(
    string Quarter,
    string PreviousQuarter,
    IReadOnlyList<FigureDelta> Company,
    IReadOnlyList<SystemDelta> Systems,
    IReadOnlyList<SystemDelta> QuadrantMoves,
    IReadOnlyList<DecisionChange> DecisionsChanged,
    IReadOnlyList<ActionItemState> ActionItemsDone,
    IReadOnlyList<ActionItemState> ActionItemsNotDone)
{
    /// <param name="current">This review's figures.</param>
    /// <param name="previous">The previous closed review's frozen figures.</param>
    /// <param name="decisions">This review's decisions.</param>
    /// <param name="previousDecisions">The previous review's decisions.</param>
    /// <param name="actionItems">The action items as this review shows them (live while open, frozen when closed).</param>
    /// <param name="previousActionItems">The action items the previous review froze.</param>
    public static ReviewComparison Between(
        QuarterFigures current,
        QuarterFigures previous,
        IReadOnlyList<DecisionRecord> decisions,
        IReadOnlyList<DecisionRecord> previousDecisions,
        IReadOnlyList<ActionItemState> actionItems,
        IReadOnlyList<ActionItemState> previousActionItems)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(decisions);
        ArgumentNullException.ThrowIfNull(previousDecisions);
        ArgumentNullException.ThrowIfNull(actionItems);
        ArgumentNullException.ThrowIfNull(previousActionItems);
        var company = CompanyDeltas(current.Company, previous.Company);

        var systems = current.Systems
            .Select(s => (Now: s, Then: previous.Of(s.SystemId)))
            .Where(x => x.Then is not null)
            .Select(x => new SystemDelta(x.Now.SystemId, x.Now.Name, x.Then!.Quadrant, x.Now.Quadrant,
                new FigureDelta(FigureCatalogue.System.TechnicalHealth.Label, x.Now.TechnicalHealth, x.Then.TechnicalHealth),
                new FigureDelta(FigureCatalogue.System.BusinessValue.Label, x.Now.BusinessValue, x.Then.BusinessValue),
                new FigureDelta(FigureCatalogue.System.ValueLeaks.Label, x.Now.ValueLeaks, x.Then.ValueLeaks)))
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();

        var before = previousDecisions.ToDictionary(d => d.SystemId);
        var names = current.Systems.Concat(previous.Systems).GroupBy(s => s.SystemId).ToDictionary(g => g.Key, g => g.First().Name);
        var changed = decisions
            .Where(d => before.TryGetValue(d.SystemId, out var b) && b.Decision != d.Decision)
            .Select(d => new DecisionChange(d.SystemId, names.GetValueOrDefault(d.SystemId, "a removed system"), before[d.SystemId].Decision, d.Decision, d.Reason))
            .OrderBy(d => d.Name, StringComparer.Ordinal)
            .ToList();

        // The previous review's open items, as they stand in this review: done since, or still not done.
        var nowById = actionItems.ToDictionary(i => i.Id);
        var carried = previousActionItems.Where(i => !i.IsDone).Select(i => nowById.GetValueOrDefault(i.Id, i)).ToList();

        return new ReviewComparison(current.Quarter, previous.Quarter, company, systems, systems.Where(s => s.MovedQuadrant).ToList(), changed,
            carried.Where(i => i.IsDone).ToList(), carried.Where(i => !i.IsDone).ToList());
    }

    /// <summary>The company's headline figures now and, when there was a previous review, then; labelled as the figure catalogue labels them.</summary>
    public static IReadOnlyList<FigureDelta> CompanyDeltas(CompanyFigures now, CompanyFigures? then)
    {
        ArgumentNullException.ThrowIfNull(now);
        return
        [
            new(FigureCatalogue.Portfolio.TechnologySpend.Label, now.TechnologySpend, then?.TechnologySpend),
            new(FigureCatalogue.Portfolio.ValueRealised.Label, now.ValueRealised, then?.ValueRealised),
            new(FigureCatalogue.Portfolio.ValueLeaks.Label, now.ValueLeaks, then?.ValueLeaks),
            new(FigureCatalogue.Portfolio.NetValue.Label, now.NetValue, then?.NetValue),
            new(FigureCatalogue.Portfolio.WasteRatio.Label, now.WasteRatio, then?.WasteRatio),
            new(FigureCatalogue.Portfolio.DisasterExposure.Label, now.DisasterExposure, then?.DisasterExposure),
            new(FigureCatalogue.Portfolio.RevenuePerHour.Label, now.RevenuePerHour, then?.RevenuePerHour),
        ];
    }
}

/// <summary>One figure now and in the previous review; the change is null when either is missing.</summary>
public sealed record FigureDelta(string Label, decimal? Now, decimal? Before)
{
    public decimal? Change => Now - Before;
}

/// <summary>One system's change between two reviews.</summary>
public sealed record SystemDelta(Guid SystemId, string Name, Quadrant? QuadrantBefore, Quadrant? QuadrantNow, FigureDelta TechnicalHealth, FigureDelta BusinessValue, FigureDelta ValueLeaks)
{
    public bool MovedQuadrant => QuadrantBefore is not null && QuadrantNow is not null && QuadrantBefore != QuadrantNow;
}

/// <summary>A system whose TIME decision differs from the previous review's.</summary>
public sealed record DecisionChange(Guid SystemId, string Name, TimeDecision Before, TimeDecision Now, string? Reason);
