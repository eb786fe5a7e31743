using BusinessValue.Domain.Engine;
using MudBlazor;

namespace BusinessValue.Web.Features.Scorecard;

/// <summary>Opens "Why this number?" the same way from every page.</summary>
internal static class ExplanationDialogs
{
    public static Task ShowExplanationAsync(this IDialogService dialogs, Figure figure, string currency) =>
        dialogs.ShowAsync<ExplanationDialog>(figure.Label, new DialogParameters<ExplanationDialog>
        {
            { d => d.Figure, figure },
            { d => d.Currency, currency },
        }, new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseButton = true });
}
