using System.Net;
using System.Text.Json;
using BusinessValue.Infrastructure.ApiKeys;
using BusinessValue.Infrastructure.Audit;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Persistence;
using BusinessValue.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BusinessValue.Web.Tests.HostileWrites;

/// <summary>Issue 14: the audit entry of an API call is written after the answer; a database outage then must not cut the answer off.</summary>
public sealed class ApiCallAuditOutageTests
{
    [Fact]
    public async Task ApiCall_AuditTrailCannotBeWritten_TheAnswerStillArrivesWhole()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var outage = new AuditOutage(database.Options);
        await using var app = new BusinessValueAppFactory(database).WithServices(services => services.AddSingleton<IDbContextFactory<BusinessValueDbContext>>(outage));
        using var client = await app.CreateKeyClientAsync(ApiScopes.InventoryRead);

        outage.Down = true;
        using var response = await client.GetAsync(new Uri("/api/v1/systems", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        JsonDocument.Parse(body).RootElement.GetArrayLength().Should().Be(12, "the demo's twelve systems, the whole answer");
        outage.Refused.Should().BeGreaterThan(0, "the audit entry was attempted and refused");
    }

    /// <summary>The app's contexts, except that saving an API call's audit entry fails as a database that is down does.</summary>
    private sealed class AuditOutage(DatabaseOptions options) : IDbContextFactory<BusinessValueDbContext>
    {
        public bool Down { get; set; }

        public int Refused { get; private set; }

        public BusinessValueDbContext CreateDbContext()
        {
            var context = options.CreateContext();
            context.SavingChanges += (_, _) =>
            {
                if (Down && context.ChangeTracker.Entries<AuditEntry>().Any(e => e.State == EntityState.Added && e.Entity.Action == AuditAction.ApiCall))
                {
                    Refused++;
                    throw new DbUpdateException("The database is not reachable.");
                }
            };
            return context;
        }
    }
}
