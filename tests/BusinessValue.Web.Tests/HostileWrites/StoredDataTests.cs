using System.Net;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Testing;
using BusinessValue.Web.Features.Scorecard;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BusinessValue.Web.Tests.HostileWrites;

/// <summary>Issue 14: whatever is stored, the engine answers; a figure it cannot compute is missing with the reason.</summary>
public sealed class StoredDataTests
{
    [Theory, ClassData(typeof(BothProviders))]
    public async Task Pages_AbsurdValuesWrittenStraightIntoTheDatabase_AnswerAndTheSystemsFiguresSayWhyTheyAreMissing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new BusinessValueAppFactory(database);
        using var person = await app.CreateSignedInClientAsync(Roles.Administrator);
        Guid crm;
        await using (var db = database.CreateContext())
        {
            crm = await db.Systems.Where(s => s.Name == "CRM").Select(s => s.Id).SingleAsync();
            // The largest values the columns hold (int and numeric(20,6)): their products leave what decimal holds.
            await db.Database.ExecuteSqlAsync($"""
                UPDATE monthly_metrics SET p1_count = 2147483647, p1_resolution_hours = 99999999999999, p1_users_affected = 99999999999999,
                "PeakDegradedMinutes" = 99999999999999, "BlockedWorkHours" = 99999999999999 WHERE "SystemId" = {crm}
                """);
            // Straight into the database, past the app: raise the portfolio's version so the cached scorecard is read again.
            await db.Database.ExecuteSqlRawAsync("""UPDATE portfolio_version SET "Version" = "Version" + 1""");
        }

        foreach (var address in new[] { "/?period=2026-Q3", "/departments?period=2026-Q3", $"/systems/{crm}?period=2026-Q3", "/scorecard/export.xlsx?period=2026-Q3", "/?period=FY2026" })
        {
            using var response = await person.GetAsync(new Uri(address, UriKind.Relative));
            response.StatusCode.Should().Be(HttpStatusCode.OK, address);
        }

        using var scope = app.Services.CreateScope().As(Roles.Administrator);
        var card = (await scope.ServiceProvider.GetRequiredService<CompanyScorecards>().ForAsync("2026-Q3", withTrend: true))!.Current;
        var system = card.Systems.Single(s => s.SystemId == crm);
        system.ProductivityLoss.Value.Should().BeNull();
        system.ProductivityLoss.Why.Missing.Should().ContainSingle().Which.Should().Contain("far outside its range");
        card.Systems.Where(s => s.SystemId != crm).Should().OnlyContain(s => s.PeriodCost.Value != null, "the other systems are computed as before");
    }
}
