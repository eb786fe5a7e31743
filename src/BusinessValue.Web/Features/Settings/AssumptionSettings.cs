using BusinessValue.Domain;
using BusinessValue.Domain.Organisation;
using BusinessValue.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Web.Features.Settings;

/// <summary>Reads and changes the organisation's assumptions. A change reaches every scorecard through the portfolio version.</summary>
public sealed class AssumptionSettings(IDbContextFactory<BusinessValueDbContext> contexts, TimeProvider clock, Security.AccessGuard access)
{
    /// <summary>The organisation's assumptions, or null before an organisation exists.</summary>
    public async Task<Assumptions?> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (await db.Organisation.AsNoTracking().SingleOrDefaultAsync(cancellationToken))?.Assumptions;
    }

    /// <returns>Null when saved; otherwise which field is wrong and why, with nothing changed.</returns>
    public async Task<string?> SaveAsync(AssumptionsForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        // Checked here, not only by the page: a forged event from a browser changes nothing.
        if (!await access.AllowsAsync(Security.AccessPolicies.ManageSettings))
        {
            return "Only an administrator may change the assumptions; nothing was changed.";
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = await access.ActorAsync();
        var organisation = await db.Organisation.SingleOrDefaultAsync(cancellationToken);
        if (organisation is null)
        {
            return "There is no organisation yet: import a portfolio first.";
        }

        try
        {
            organisation.ChangeAssumptions(form.ToAssumptions(), clock.GetUtcNow().UtcDateTime);
        }
        catch (DomainRuleException problem)
        {
            return problem.Message;
        }

        await db.SaveChangesAsync(cancellationToken);
        return null;
    }
}
