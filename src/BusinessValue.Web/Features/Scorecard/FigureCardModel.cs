using BusinessValue.Domain.Engine;

namespace BusinessValue.Web.Features.Scorecard;

/// <summary>One card of <see cref="FigureCards"/>: the figure, the previous period's for the change, and a note.</summary>
public sealed record FigureCardModel(Figure Figure, Figure? Previous = null, string? Note = null);
