using BusinessValue.Domain;
using BusinessValue.Domain.Organisation;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Persistence;
using BusinessValue.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Web.Features.Settings;

/// <summary>The organisation's name, currency and fiscal year, as the settings form edits them.</summary>
public sealed class OrganisationForm
{
    public string Name { get; set; } = string.Empty;

    public string Currency { get; set; } = CurrencyCode.Default.Code!;

    public int FiscalYearStartMonth { get; set; } = 1;

    /// <summary>The version read; null when there is no organisation yet (the form creates it).</summary>
    public int? Version { get; set; }

    public IReadOnlyList<(string Field, string Value)> Fields() =>
    [
        ("Name", Name.Trim()),
        ("Currency", Currency.Trim().ToUpperInvariant()),
        ("Fiscal year starts in", System.Globalization.CultureInfo.CurrentCulture.DateTimeFormat.GetMonthName(Math.Clamp(FiscalYearStartMonth, 1, 12))),
    ];
}

/// <summary>
/// Changes who the organisation is and which currency its money is in, the first thing to set after the demo is
/// removed; creates the organisation if a database has none. An administrator's (settings:manage).
/// </summary>
public sealed class OrganisationEditing(IDbContextFactory<BusinessValueDbContext> contexts, TimeProvider clock, AccessGuard access, FirstStartOptions firstStart)
{
    public async Task<OrganisationForm> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var organisation = await db.Organisation.SingleOrDefaultAsync(cancellationToken);
        return organisation is null
            ? new OrganisationForm { Name = firstStart.OrganisationName }
            : new OrganisationForm
            {
                Name = organisation.Name, Currency = organisation.Currency.ToString(System.Globalization.CultureInfo.InvariantCulture), FiscalYearStartMonth = organisation.FiscalYearStartMonth,
                Version = RowVersion.Of(db, organisation),
            };
    }

    public async Task<SaveOutcome> SaveAsync(OrganisationForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        // Checked here, not only by the page: a forged event from a browser changes nothing.
        if (!await access.AllowsAsync(AccessPolicies.ManageSettings))
        {
            return SaveOutcome.Refused("Only an administrator may change the organisation's settings. Nothing was changed.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = await access.ActorAsync();
        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            var currency = CurrencyCode.Parse(form.Currency);
            var organisation = await db.Organisation.SingleOrDefaultAsync(cancellationToken);
            if (organisation is null)
            {
                organisation = new OrganisationSettings(form.Name, now);
                db.Organisation.Add(organisation);
            }
            else
            {
                RowVersion.Expect(db, organisation, form.Version ?? 0);
                organisation.Rename(form.Name, now);
            }

            organisation.ChangeCurrencyAndCalendar(currency, form.FiscalYearStartMonth, now);
            await db.SaveChangesAsync(cancellationToken);
            return SaveOutcome.Saved;
        }
        catch (DomainRuleException problem)
        {
            return SaveOutcome.Refused(problem.Message + " Nothing was changed.");
        }
        catch (DbUpdateConcurrencyException)
        {
            var theirs = await GetAsync(cancellationToken);
            return SaveOutcome.Conflicted(form.Fields(), theirs.Fields(), theirs.Version ?? 0);
        }
    }
}
