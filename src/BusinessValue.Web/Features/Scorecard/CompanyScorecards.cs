using System.Globalization;
using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Metrics;
using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.Persistence;
using BusinessValue.Infrastructure.PortfolioDocuments;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Web.Features.Scorecard;

/// <summary>
/// Computes the company scorecard for a period, with its comparisons, from the shared portfolio snapshot:
/// one query to check it is current, a full load only after a change.
/// </summary>
public sealed class CompanyScorecards(IDbContextFactory<BusinessValueDbContext> contexts, PortfolioSnapshots snapshots, TranslationEngine engine)
{
    public const int TrendQuarters = 8;

    /// <summary>How many of the largest leaks the company scorecard lists.</summary>
    public const int TopLeakCount = 8;

    /// <param name="withTrend">False for pages that show no trend: saves eight calculations.</param>
    public async Task<CompanyScorecard?> ForAsync(string? period, bool withTrend = true, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var snapshot = await snapshots.GetSnapshotAsync(db, cancellationToken);
        if (snapshot.Portfolio is null)
        {
            return null;
        }

        var (latest, chosen) = Choose(snapshot, period);
        // Worked out once per portfolio version and period, then shared by every page that shows it.
        return await snapshot.DeriveAsync($"company:{chosen.Label}:{withTrend}", portfolio => BuildAsync(snapshot, portfolio, latest, chosen, withTrend), cancellationToken);
    }

    /// <summary>The engine's scorecard of the period asked for, without the company page's lists; null for an empty database.</summary>
    public async Task<Domain.Engine.Scorecard?> ScorecardAsync(string? period, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var snapshot = await snapshots.GetSnapshotAsync(db, cancellationToken);
        return snapshot.Portfolio is null ? null : await CalculateAsync(snapshot, Choose(snapshot, period).Chosen, cancellationToken);
    }

    private async Task<CompanyScorecard> BuildAsync(PortfolioSnapshot snapshot, Portfolio portfolio, YearMonth latest, Period chosen, bool withTrend)
    {
        // Shared with every reader of this version: not cancelled with the one who asked first.
        var current = await CalculateAsync(snapshot, chosen, CancellationToken.None);
        var previous = await CalculateAsync(snapshot, chosen.Previous(), CancellationToken.None);

        var trend = new List<QuarterTrend>();
        foreach (var quarter in TrendQuartersEndingWith(chosen, withTrend ? TrendQuarters : 0))
        {
            var card = await CalculateAsync(snapshot, quarter, CancellationToken.None);
            trend.Add(new QuarterTrend(quarter.Label, card.Portfolio.TechnologySpend.Value, card.Portfolio.ValueLeaks.Value,
                Average(card.Systems.Select(s => s.TechnicalHealth.Value)), Average(card.Systems.Select(s => s.BusinessValue.Value))));
        }

        var names = portfolio.Systems.ToDictionary(s => s.Id, s => s.Name);
        var dependencies = portfolio.Dependencies.ToLookup(d => d.ProcessId);
        var processes = portfolio.Processes
            .Select(p =>
            {
                var links = dependencies[p.Id].ToList();
                var critical = links.OrderByDescending(d => d.RevenueShare).FirstOrDefault();
                return critical is null
                    ? null
                    : new ProcessExposure(p.Name, links.Count, names[critical.SystemId], p.RevenuePerOperatingHour * critical.RevenueShare);
            })
            .OfType<ProcessExposure>()
            .OrderByDescending(p => p.RevenuePerHourAtRisk)
            .ToList();

        var greenDashboard = current.Systems.Where(s => s.Quadrant == Quadrant.GreenDashboardRedBusiness)
            .OrderByDescending(s => s.ValueLeaks.Value ?? 0m).ToList();
        var topLeaks = current.Systems
            .SelectMany(s => new[] { s.WorkaroundCost, s.ManualIntegrationCost, s.UnusedSpend, s.ProductivityLoss, s.BlockedWorkCost }.Select(f => new SystemLeak(s, f)))
            .Where(x => x.Figure.Value is > 0m)
            .OrderByDescending(x => x.Figure.Value)
            .Take(TopLeakCount)
            .ToList();
        var byName = current.Systems.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();

        return new CompanyScorecard(portfolio.Organisation.Name, portfolio.Organisation.IsDemo, portfolio.Organisation.Currency.Code,
            current, previous, trend, processes, latest, portfolio.Organisation.FiscalYearStartMonth)
        {
            GreenDashboard = greenDashboard,
            TopLeaks = topLeaks,
            SystemsByName = byName,
            ScoreThreshold = portfolio.Organisation.Assumptions.ScoreThreshold,
        };
    }

    // In the middle of a sentence: the choice's words, lower case.
    private static string Describe(Domain.Integrations.IntegrationMode mode) => ChoiceText.Describe(mode).ToLowerInvariant();

    private static string Describe(Domain.Workarounds.WorkaroundStatus status) => ChoiceText.Describe(status).ToLowerInvariant();

    /// <summary>The quarters of a trend, oldest first, ending with the one the period ends in.</summary>
    private static IEnumerable<Period> TrendQuartersEndingWith(Period chosen, int count)
    {
        var lastQuarter = Period.QuarterContaining(chosen.Last);
        return Enumerable.Range(0, count).Reverse().Select(back => lastQuarter.Shift(-3 * back));
    }

    /// <summary>The engine's scorecard for a period, calculated once per portfolio version.</summary>
    private Task<Domain.Engine.Scorecard> CalculateAsync(PortfolioSnapshot snapshot, Period period, CancellationToken cancellationToken) =>
        snapshot.ScorecardOfAsync(period, engine, cancellationToken);

    public async Task<SystemScorecardView?> ForSystemAsync(Guid systemId, string? period, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var snapshot = await snapshots.GetSnapshotAsync(db, cancellationToken);
        var portfolio = snapshot.Portfolio;
        var system = portfolio?.Systems.SingleOrDefault(s => s.Id == systemId);
        if (portfolio is null || system is null)
        {
            return null;
        }

        var (_, chosen) = Choose(snapshot, period);
        var scorecard = await CalculateAsync(snapshot, chosen, cancellationToken);
        // What IT reported, folded over the period by the engine itself (docs/formulas.md#periods-and-aggregation).
        var card = scorecard.Systems.Single(s => s.SystemId == systemId);
        var reported = new TechnicalReport(
            card.Reported(Measures.Uptime),
            card.Reported(Measures.Downtime),
            card.Reported(Measures.PeakDegraded),
            card.TicketCount,
            card.Reported(Measures.TicketSlaAttainment),
            card.Reported(Measures.PatchCompliance),
            card.Reported(Measures.BlockedWork),
            card.Reported(Measures.BackupSuccess),
            card.Reported(Measures.ActiveUsers),
            system.IntendedUsers,
            portfolio.RestoreTests.Where(t => t.SystemId == systemId && t.TestedOn <= chosen.LastDay).Select(t => (DateOnly?)t.TestedOn).Max());
        var processes = portfolio.Dependencies.Where(d => d.SystemId == systemId)
            .Join(portfolio.Processes, d => d.ProcessId, p => p.Id, (d, p) => $"{p.Name} ({d.RevenueShare * 100m:0}% of its revenue stops without it)")
            .ToList();

        // Each quarter's scorecard is the shared one, so a system's trend costs nothing the company page has not paid.
        var trend = new List<QuarterTrend>();
        foreach (var quarter in TrendQuartersEndingWith(chosen, TrendQuarters))
        {
            var quarterCard = (await CalculateAsync(snapshot, quarter, cancellationToken)).Systems.Single(s => s.SystemId == systemId);
            trend.Add(new QuarterTrend(quarter.Label, quarterCard.PeriodCost.Value, quarterCard.ValueLeaks.Value, quarterCard.TechnicalHealth.Value, quarterCard.BusinessValue.Value));
        }

        var departmentNames = portfolio.Departments.ToDictionary(d => d.Id, d => d.Name);
        var systemNames = portfolio.Systems.ToDictionary(s => s.Id, s => s.Name);
        var workarounds = portfolio.Workarounds.Where(w => w.Systems.Any(l => l.SystemId == systemId)).ToList();
        var integrations = portfolio.Integrations.Where(i => i.SourceSystemId == systemId || i.TargetSystemId == systemId)
            .OrderBy(i => i.Mode == Domain.Integrations.IntegrationMode.Automated).ThenBy(i => i.Name, StringComparer.CurrentCulture)
            .Select(i => string.Create(CultureInfo.CurrentCulture,
                $"{i.Name}: {(i.SourceSystemId == systemId ? $"to {systemNames.GetValueOrDefault(i.TargetSystemId, "?")}" : $"from {systemNames.GetValueOrDefault(i.SourceSystemId, "?")}")}, {Describe(i.Mode)}, {i.TransfersPerMonth:#,0.#} transfers a month"))
            .ToList();
        var departments = portfolio.Dependencies.Where(d => d.SystemId == systemId)
            .Join(portfolio.Processes, d => d.ProcessId, p => p.Id, (_, p) => p.DepartmentId)
            .Concat(workarounds.Select(w => w.DepartmentId))
            .OfType<Guid>().Distinct().Select(id => departmentNames.GetValueOrDefault(id, "?"))
            .Order(StringComparer.CurrentCulture).ToList();

        return new SystemScorecardView(portfolio.Organisation.Currency.Code, scorecard, card,
            system.Category, system.Vendor, system.ItOwner, system.BusinessOwner, reported, processes)
        {
            Trend = trend,
            Workarounds = workarounds.OrderBy(w => w.Status).ThenBy(w => w.Description, StringComparer.CurrentCulture)
                .Select(w => string.Create(CultureInfo.CurrentCulture,
                    $"{w.Description} ({(w.DepartmentId is { } d ? departmentNames.GetValueOrDefault(d, "?") : "no department")}): {w.People} people × {w.HoursPerPersonPerWeek:#,0.#} hours a week, {Describe(w.Status)}"))
                .ToList(),
            Integrations = integrations,
            Departments = departments,
        };
    }

    /// <summary>The latest month with metrics (this month when there are none), and the period asked for.</summary>
    private static (YearMonth Latest, Period Chosen) Choose(PortfolioSnapshot snapshot, string? period)
    {
        var portfolio = snapshot.Portfolio!;
        var latest = snapshot.LatestMonth ?? YearMonth.Of(DateOnly.FromDateTime(DateTime.UtcNow));
        return (latest, ParseOrDefault(period, portfolio.Organisation.FiscalYearStartMonth, latest));
    }

    /// <summary>The period in the address, or the domain's default (docs/formulas.md#periods-and-aggregation).</summary>
    public static Period ParseOrDefault(string? text, int fiscalYearStartMonth, YearMonth latest) =>
        Period.ParseOrDefault(text, fiscalYearStartMonth, latest, YearMonth.Of(DateOnly.FromDateTime(DateTime.UtcNow)));

    private static decimal? Average(IEnumerable<decimal?> values)
    {
        var known = values.OfType<decimal>().ToList();
        return known.Count == 0 ? null : known.Average();
    }
}
