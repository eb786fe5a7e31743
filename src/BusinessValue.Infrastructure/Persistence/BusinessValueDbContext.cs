using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using BusinessValue.Domain.Integrations;
using BusinessValue.Domain.Metrics;
using BusinessValue.Domain.Organisation;
using BusinessValue.Domain.Processes;
using BusinessValue.Domain.Systems;
using BusinessValue.Domain.Workarounds;
using BusinessValue.Infrastructure.Audit;
using BusinessValue.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Infrastructure.Persistence;

/// <summary>
/// The one context for both providers. Each provider keeps its own migrations project
/// (docs/decisions/0001-two-database-providers.md).
/// </summary>
public sealed class BusinessValueDbContext(DbContextOptions<BusinessValueDbContext> options) : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<OrganisationSettings> Organisation => Set<OrganisationSettings>();

    public DbSet<Department> Departments => Set<Department>();

    public DbSet<BusinessProcess> Processes => Set<BusinessProcess>();

    public DbSet<ItSystem> Systems => Set<ItSystem>();

    public DbSet<Dependency> Dependencies => Set<Dependency>();

    public DbSet<Integration> Integrations => Set<Integration>();

    public DbSet<Workaround> Workarounds => Set<Workaround>();

    public DbSet<MonthlyMetrics> Metrics => Set<MonthlyMetrics>();

    public DbSet<RestoreTest> RestoreTests => Set<RestoreTest>();

    public DbSet<Domain.Reviews.Review> Reviews => Set<Domain.Reviews.Review>();

    public DbSet<Domain.Reviews.AgendaItem> AgendaItems => Set<Domain.Reviews.AgendaItem>();

    public DbSet<Domain.Reviews.ReviewDecision> ReviewDecisions => Set<Domain.Reviews.ReviewDecision>();

    public DbSet<Domain.Reviews.ActionItem> ActionItems => Set<Domain.Reviews.ActionItem>();

    /// <summary>What closing a review froze; read only for closed reviews.</summary>
    public DbSet<Domain.Reviews.FrozenReview> FrozenReviews => Set<Domain.Reviews.FrozenReview>();

    /// <summary>Technical needs with their business translation, for the business value review to decide.</summary>
    public DbSet<Domain.Reviews.TranslationRequest> TranslationRequests => Set<Domain.Reviews.TranslationRequest>();

    public DbSet<PortfolioDocuments.PortfolioVersion> PortfolioVersions => Set<PortfolioDocuments.PortfolioVersion>();

    /// <summary>Saved column mappings of spreadsheet imports ("ServiceNow CMDB export"), per kind of table.</summary>
    public DbSet<Spreadsheets.ImportMappingPreset> ImportMappingPresets => Set<Spreadsheets.ImportMappingPreset>();

    /// <summary>The app's data-protection keys (cookies, antiforgery, circuits), shared by every node of one deployment.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Who did what, append-only (docs/security.md#audit-trail).</summary>
    public DbSet<AuditEntry> AuditTrail => Set<AuditEntry>();

    /// <summary>Keys of monitoring tools and integrators to /api/v1; only their hashes.</summary>
    public DbSet<ApiKeys.ApiKey> ApiKeys => Set<ApiKeys.ApiKey>();

    /// <summary>Open and ended sign-ins, checked on every request (docs/security.md#sessions).</summary>
    public DbSet<UserSession> UserSessions => Set<UserSession>();

    /// <summary>API requests per key per minute, shared by every node (docs/security.md#api-rate-limits).</summary>
    public DbSet<RateLimits.ApiRateWindow> ApiRateWindows => Set<RateLimits.ApiRateWindow>();

    /// <summary>Who writes through this context; recorded with every change (AuditTrailInterceptor).</summary>
    public AuditActor Actor { get; set; } = AuditActor.System;

    /// <summary>
    /// False while a whole portfolio is replaced (import, restore, demo): that is recorded as one entry naming
    /// the source, not hundreds of thousands of rows.
    /// </summary>
    internal bool RecordsRowChanges { get; set; } = true;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(BusinessValueDbContext).Assembly);
        RowVersion.Map(builder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Storage is UTC everywhere: SQLite hands DateTime back as Unspecified, Npgsql insists on UTC for timestamptz.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        // Money and hours keep 6 decimals: enough for shares and rates, exact for every amount entered.
        configurationBuilder.Properties<decimal>().HavePrecision(20, 6);
        configurationBuilder.Properties<Domain.Periods.YearMonth>().HaveConversion<YearMonthConverter>().HaveMaxLength(7);
    }
}
