namespace BusinessValue.Domain.Reviews;

/// <summary>
/// What closing a review froze: the complete portfolio document (every input, assumption and source), the quarter's
/// headline figures and the action items as shown (docs/decisions/0006-frozen-reviews.md). Never changed; dropped
/// only when an administrator reopens the review.
/// </summary>
public sealed class FrozenReview
{
    private FrozenReview()
    {
        PortfolioDocument = string.Empty;
        Figures = string.Empty;
        ActionItems = string.Empty;
    }

    public FrozenReview(Guid reviewId, DateTime frozenAtUtc, string portfolioDocument, string figures, string actionItems)
    {
        ReviewId = reviewId;
        FrozenAtUtc = frozenAtUtc;
        PortfolioDocument = portfolioDocument;
        Figures = figures;
        ActionItems = actionItems;
    }

    public Guid ReviewId { get; private set; }

    public DateTime FrozenAtUtc { get; private set; }

    /// <summary>The portfolio document (docs/portfolio-format.md) as it was at closing: the engine's whole input.</summary>
    public string PortfolioDocument { get; private set; }

    /// <summary>The company's and each system's headline figures, JSON of <see cref="QuarterFigures"/>.</summary>
    public string Figures { get; private set; }

    /// <summary>The action items shown, JSON of a list of <see cref="ActionItemState"/>.</summary>
    public string ActionItems { get; private set; }
}
