using BusinessValue.Domain.Engine;
using BusinessValue.Web.Security;
using MudBlazor;

namespace BusinessValue.Web.Features.Scorecard;

/// <summary>
/// Opens "Why this number?" the same way from every page, for the roles that may read explanations
/// (docs/security.md: all but Viewer); a Viewer is told why nothing opens.
/// </summary>
public sealed class Explanations(IDialogService dialogs, ISnackbar snackbar, AccessGuard access)
{
    /// <param name="systemId">The system the figure belongs to, for the link to its inputs' history; null for company figures.</param>
    public async Task ShowAsync(Figure figure, string currency, Guid? systemId = null)
    {
        if (!await access.AllowsAsync(AccessPolicies.ReadExplanations))
        {
            snackbar.Add("Your role shows the figures without their explanations. Ask an administrator if you need them.", Severity.Info);
            return;
        }

        await dialogs.ShowAsync<ExplanationDialog>(figure.Label, new DialogParameters<ExplanationDialog>
        {
            { d => d.Figure, figure },
            { d => d.Currency, currency },
            { d => d.SystemId, systemId },
            { d => d.ShowHistory, await access.AllowsAsync(AccessPolicies.ReadAuditTrail) },
        }, new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseButton = true });
    }
}
