using System.Collections.Concurrent;
using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Reviews;
using BusinessValue.Infrastructure.PortfolioDocuments;

namespace BusinessValue.Web.Features.Reviews;

/// <summary>
/// Closed reviews' scorecards, calculated once from their frozen portfolio documents and kept: frozen inputs never
/// change, so neither do their figures (docs/decisions/0006-frozen-reviews.md). Keyed by review and freezing time,
/// so a reopened and closed-again review is calculated afresh.
/// </summary>
public sealed class FrozenScorecards(TranslationEngine engine, TimeProvider clock)
{
    /// <summary>A year of weekly reviews and more; a rare overflow starts the cache again.</summary>
    private const int MaxKept = 64;

    private readonly ConcurrentDictionary<(Guid, DateTime), Lazy<FrozenScorecard>> _kept = new();

    public Domain.Engine.Scorecard Of(FrozenReview frozen, Domain.Periods.Period quarter) => WithOrganisationOf(frozen, quarter).Scorecard;

    /// <summary>The scorecard with the organisation's name and score threshold as frozen (the review pack's cover and gap chart).</summary>
    public FrozenScorecard WithOrganisationOf(FrozenReview frozen, Domain.Periods.Period quarter)
    {
        ArgumentNullException.ThrowIfNull(frozen);
        if (_kept.Count >= MaxKept)
        {
            _kept.Clear();
        }

        return _kept.GetOrAdd((frozen.ReviewId, frozen.FrozenAtUtc), _ => new Lazy<FrozenScorecard>(() =>
        {
            var portfolio = Read(frozen.PortfolioDocument, clock.GetUtcNow().UtcDateTime);
            return new FrozenScorecard(engine.Calculate(portfolio, quarter), portfolio.Organisation.Name, portfolio.Organisation.Assumptions.ScoreThreshold);
        }, LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    /// <summary>The portfolio of a frozen document; it was written by the app, so a problem is a bug, not a user's mistake.</summary>
    internal static Portfolio Read(string document, DateTime nowUtc)
    {
        var read = PortfolioDocumentReader.Read(document, nowUtc);
        return read.IsValid
            ? read.Portfolio!
            : throw new InvalidOperationException("A frozen portfolio document does not read back: " + string.Join("; ", read.Problems.Select(p => $"{p.Path}: {p.Reason}")));
    }
}

/// <summary>A closed review's scorecard and what of the organisation a pack shows beside it, all as frozen.</summary>
public sealed record FrozenScorecard(Domain.Engine.Scorecard Scorecard, string OrganisationName, decimal ScoreThreshold);
