using BusinessValue.Domain;
using BusinessValue.Domain.Organisation;
using BusinessValue.Domain.Systems;
using BusinessValue.Infrastructure.Persistence;
using BusinessValue.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Web.Features.Systems;

/// <summary>The inventory's edit form for one system: the IT director's and the administrator's.</summary>
public sealed class SystemForm
{
    public string Name { get; set; } = string.Empty;
    public string Category { get; set; } = string.Empty;
    public string? Vendor { get; set; }
    public Lifecycle Lifecycle { get; set; }
    public StrategicFit StrategicFit { get; set; }
    public string? ItOwner { get; set; }
    public string? BusinessOwner { get; set; }
    public decimal Licences { get; set; }
    public decimal Infrastructure { get; set; }
    public decimal SupportStaff { get; set; }
    public decimal Other { get; set; }
    public decimal? ExpectedAnnualBenefit { get; set; }
    public int? IntendedUsers { get; set; }
    public decimal? RequiredRecoveryHours { get; set; }

    /// <summary>The organisation's currency (ISO 4217), which every money field is in; shown, never saved from here.</summary>
    public string Currency { get; init; } = CurrencyCode.Default.Code;

    /// <summary>The sum of the four cost lines, as <see cref="AnnualCosts.TotalCostOfOwnership"/> will compute it once saved.</summary>
    public decimal TotalCostOfOwnership => Licences + Infrastructure + SupportStaff + Other;

    public static SystemForm From(ItSystem system, CurrencyCode currency)
    {
        ArgumentNullException.ThrowIfNull(system);
        return new SystemForm
        {
            Currency = currency.Code ?? CurrencyCode.Default.Code, // default(CurrencyCode) has no code
            Name = system.Name,
            Category = system.Category,
            Vendor = system.Vendor,
            Lifecycle = system.Lifecycle,
            StrategicFit = system.StrategicFit,
            ItOwner = system.ItOwner,
            BusinessOwner = system.BusinessOwner,
            Licences = system.Costs.Licences,
            Infrastructure = system.Costs.Infrastructure,
            SupportStaff = system.Costs.SupportStaff,
            Other = system.Costs.Other,
            ExpectedAnnualBenefit = system.ExpectedAnnualBenefit,
            IntendedUsers = system.IntendedUsers,
            RequiredRecoveryHours = system.RequiredRecoveryHours,
        };
    }
}

/// <summary>Reads and changes one system of the inventory; every change is audited field by field.</summary>
public sealed class SystemEditing(IDbContextFactory<BusinessValueDbContext> contexts, TimeProvider clock, AccessGuard access)
{
    public async Task<SystemForm?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var system = await db.Systems.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (system is null)
        {
            return null;
        }

        var organisation = await db.Organisation.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        return SystemForm.From(system, organisation?.Currency ?? CurrencyCode.Default);
    }

    /// <returns>Null when saved; otherwise which field is wrong and why, with nothing changed.</returns>
    public async Task<string?> SaveAsync(Guid id, SystemForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        // Checked here, not only by the page: a forged event from a browser changes nothing.
        if (!await access.AllowsAsync(AccessPolicies.EditInventory))
        {
            return "Only an IT director or an administrator may change the inventory; nothing was changed.";
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = await access.ActorAsync();
        var system = await db.Systems.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (system is null)
        {
            return "This system no longer exists: someone may have removed it. Nothing was changed.";
        }

        var name = form.Name.Trim();
        if (await db.Systems.AnyAsync(s => s.Id != id && s.Name == name, cancellationToken))
        {
            return $"System name: another system is already called \"{name}\". Nothing was changed.";
        }

        try
        {
            system.Describe(name, form.Category, form.Vendor, form.Lifecycle, form.StrategicFit)
                .WithOwners(form.ItOwner, form.BusinessOwner)
                .WithBusinessCase(new AnnualCosts(form.Licences, form.Infrastructure, form.SupportStaff, form.Other), form.ExpectedAnnualBenefit, form.IntendedUsers, form.RequiredRecoveryHours)
                .RecordedBy(InputSource.Entered(db.Actor.Name, clock.GetUtcNow().UtcDateTime));
        }
        catch (DomainRuleException problem)
        {
            return problem.Message + " Nothing was changed.";
        }

        await db.SaveChangesAsync(cancellationToken);
        return null;
    }
}
