using Microsoft.AspNetCore.Components;

namespace BusinessValue.Web.Features.Formulas;

/// <summary>
/// One <c>## Heading</c> of docs/formulas.md and everything under it, as HTML.
/// </summary>
/// <param name="Id">The heading's GitHub-style anchor, such as <c>revenue-per-hour</c>; the engine's explanations name it.</param>
/// <param name="Title">The heading's text, for the table of contents.</param>
/// <param name="Html">The heading and its content.</param>
public sealed record FormulaSection(string Id, string Title, MarkupString Html);
