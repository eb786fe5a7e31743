using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Metrics;

namespace BusinessValue.Domain.Tests.Engine;

/// <summary>Every figure is declared once, and every surface reads the engine's figures in the catalogue's order.</summary>
public sealed class FigureCatalogueTests
{
    public static TheoryData<FigureScope> Scopes() => new() { FigureScope.System, FigureScope.Portfolio, FigureScope.Department };

    private static IReadOnlyList<FigureDefinition> Of(FigureScope scope) => scope switch
    {
        FigureScope.System => FigureCatalogue.SystemFigures,
        FigureScope.Portfolio => FigureCatalogue.PortfolioFigures,
        _ => FigureCatalogue.DepartmentFigures,
    };

    [Theory]
    [MemberData(nameof(Scopes))]
    public void Definitions_OfOneScope_HaveUniqueKeysTheirOwnScopeAndEverythingAReaderNeeds(FigureScope scope)
    {
        var figures = Of(scope);

        figures.Select(f => f.Key).Should().OnlyHaveUniqueItems();
        figures.Should().OnlyContain(f => f.Scope == scope);
        figures.Should().OnlyContain(f => f.Label.Length > 0 && f.Formula.Length > 0 && f.InWords.EndsWith('.') && f.DocsAnchor.Length > 0
            && f.AcrossSystems.Length > 0 && f.AcrossMonths.Length > 0);
        figures.Should().OnlyContain(f => FigureCatalogue.Find(scope, f.Key) == f);
    }

    [Fact]
    public void SystemFigures_Slots_AreTheirPositions()
    {
        FigureCatalogue.SystemFigures.Select(f => f.Slot).Should().Equal(Enumerable.Range(0, FigureCatalogue.SystemFigures.Count));
        FigureCatalogue.PortfolioFigures.Select(f => f.Slot).Should().Equal(Enumerable.Range(0, FigureCatalogue.PortfolioFigures.Count));
    }

    [Fact]
    public void Calculate_AnyPortfolio_HandsOutFiguresInTheCatalogueOrderWithTheirDefinitionsWords()
    {
        var builder = new PortfolioBuilder();
        var erp = builder.System("ERP", annualCost: 120_000m, intendedUsers: 50, benefit: 240_000m);
        builder.Metrics(erp, "2026-07", m => new MonthlyMetrics(m.SystemId, m.Month) { DowntimeMinutes = 30m, ActiveUsers = 40 });

        var scorecard = builder.Calculate("2026-Q3");

        var system = scorecard.Systems.Single();
        system.Figures.Select(f => f.Definition).Should().Equal(FigureCatalogue.SystemFigures.Where(f => f.HasValue));
        scorecard.Portfolio.Figures.Select(f => f.Definition).Should().Equal(FigureCatalogue.PortfolioFigures);
        foreach (var figure in system.Figures.Concat(scorecard.Portfolio.Figures))
        {
            figure.Why.Formula.Should().Be(figure.Definition.Formula);
            figure.Why.InWords.Should().Be(figure.Definition.InWords);
            figure.Why.DocsAnchor.Should().Be("docs/formulas.md#" + figure.Definition.DocsAnchor);
        }
    }

    [Fact]
    public void Calculate_PortfolioTotal_NamesEachSystemsPartAsAPersonWould()
    {
        var builder = new PortfolioBuilder();
        builder.System("ERP", annualCost: 120_000m);
        builder.System("CRM", annualCost: 60_000m);

        var spend = builder.Calculate("2026-Q3").Portfolio.TechnologySpend;

        // 120,000 × 3/12 = 30,000 and 60,000 × 3/12 = 15,000
        spend.Value.Should().Be(45_000m);
        spend.Why.Inputs.Select(i => i.Name).Should().BeEquivalentTo("ERP: technology spend for 2026-Q3", "CRM: technology spend for 2026-Q3");
        spend.Why.Inputs.Should().OnlyContain(i => i.Unit == InputUnits.Money && i.Symbol == "spend");
    }

    [Fact]
    public void TechnicalHealth_EveryMeasureThatScoresItself_IsAnInputOfTheScore()
    {
        var builder = new PortfolioBuilder();
        var erp = builder.System("ERP");
        builder.Metrics(erp, "2026-07", m => new MonthlyMetrics(m.SystemId, m.Month, measure => measure.TechnicalHealthScore is null ? null : 80m));

        var health = builder.Calculate("2026-07").Systems.Single().TechnicalHealth;

        // Every scoring measure at 80 scores 80 or 20 (lower is better), uptime attainment is missing: the mean is known.
        health.Value.Should().NotBeNull();
        health.Why.Inputs.Select(i => i.Name).Should().Contain(Measures.All.Where(m => m.TechnicalHealthScore is not null).Select(m => m.Phrase));
    }
}
