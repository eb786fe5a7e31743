using BusinessValue.Domain;
using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Integrations;
using BusinessValue.Domain.Metrics;
using BusinessValue.Domain.Organisation;
using BusinessValue.Domain.Periods;
using BusinessValue.Domain.Processes;
using BusinessValue.Domain.Systems;
using BusinessValue.Domain.Workarounds;

namespace BusinessValue.Infrastructure.PortfolioDocuments;

/// <summary>
/// A realistic made-up portfolio of any size, the same for the same seed: for benchmarks, load and scale
/// tests. About 5% of metric values are missing and 1% are outliers, as in real monitoring exports.
/// </summary>
public static class SyntheticPortfolio
{
    private static readonly string[] Categories = ["ERP", "CRM", "Supply chain", "Finance", "HR", "Collaboration", "Analytics", "E-commerce", "IT service management", "Security"];
    private static readonly string[] Departments = ["Sales", "Operations", "Finance", "Customer Service", "Marketing", "Human Resources", "Logistics", "Engineering", "Procurement", "Legal"];

    public static Portfolio Generate(int systemCount, int months, int seed, YearMonth lastMonth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(systemCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(months, 1);
        var random = new Random(seed);
        var created = new DateTime(lastMonth.Year, lastMonth.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var source = InputSource.Imported($"synthetic portfolio (seed {seed})", created);
        Guid NewId()
        {
            Span<byte> bytes = stackalloc byte[16];
            random.NextBytes(bytes);
            bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
            return new Guid(bytes);
        }

        decimal Between(decimal low, decimal high) => low + ((high - low) * (decimal)random.NextDouble());
        decimal Round(decimal value, int places = 2) => Math.Round(value, places, MidpointRounding.AwayFromZero);

        var departments = Enumerable.Range(0, Math.Clamp(systemCount / 50, 4, 40)).Select(i =>
            new Department(NewId(), i < Departments.Length ? Departments[i] : $"{Departments[i % Departments.Length]} {(i / Departments.Length) + 1}",
                random.Next(5, 400), random.Next(3) == 0 ? Round(Between(35m, 90m)) : null)).ToList();
        var processes = Enumerable.Range(0, Math.Max(6, systemCount / 10)).Select(i =>
            new BusinessProcess(NewId(), $"Process {i + 1:D4}", departments[random.Next(departments.Count)].Id,
                Round(Between(200_000m, 40_000_000m), 0), random.Next(4) == 0 ? 168m : 50m, (StrategicImportance)random.Next(4))).ToList();
        var systems = Enumerable.Range(0, systemCount).Select(i =>
        {
            var category = Categories[random.Next(Categories.Length)];
            var licences = Round(Between(2_000m, 400_000m), 0);
            return new ItSystem(NewId(), $"{category} {i + 1:D5}", category, $"Vendor {random.Next(1, 200)}",
                    random.Next(10) == 0 ? Lifecycle.PhaseOut : Lifecycle.Active, (StrategicFit)random.Next(3), created)
                .WithOwners($"IT owner {random.Next(1, 60)}", $"Business owner {random.Next(1, 60)}")
                .WithBusinessCase(new AnnualCosts(licences, Round(licences * Between(0.1m, 0.6m), 0), Round(Between(0m, 150_000m), 0), 0m),
                    random.Next(5) == 0 ? null : Round(licences * Between(0.5m, 4m), 0),
                    random.Next(8) == 0 ? null : random.Next(10, 2_000),
                    random.Next(4) == 0 ? null : random.Next(1, 48))
                .RecordedBy(source);
        }).ToList();

        var dependencies = new List<Dependency>();
        foreach (var system in systems)
        {
            foreach (var process in processes.OrderBy(_ => random.Next()).Take(random.Next(0, 4)).DistinctBy(p => p.Id))
            {
                dependencies.Add(new Dependency(process.Id, system.Id, Round(Between(0.05m, 1m), 2)));
            }
        }

        var integrations = Enumerable.Range(0, systemCount + (systemCount / 5)).Select(i =>
        {
            var mode = (IntegrationMode)random.Next(3);
            return new Integration(NewId(), $"Interface {i + 1:D5}", systems[random.Next(systemCount)].Id, systems[random.Next(systemCount)].Id,
                mode, random.Next(4) == 0 ? IntegrationMode.Manual : mode, random.Next(10, 5_000), Round(Between(0.5m, 15m), 1)).RecordedBy(source);
        }).ToList();

        var workarounds = Enumerable.Range(0, Math.Max(1, systemCount * 3 / 5)).Select(i =>
        {
            var linked = systems.OrderBy(_ => random.Next()).Take(random.Next(0, 3)).Select(s => s.Id).Distinct();
            var workaround = new Workaround(NewId(), $"Workaround {i + 1:D5}", departments[random.Next(departments.Count)].Id, (WorkaroundKind)random.Next(6),
                random.Next(1, 8), Round(Between(0.5m, 5m), 1), random.Next(3) == 0 ? Round(Between(1_000m, 40_000m), 0) : 0m, linked);
            return (random.Next(10) switch
            {
                0 => workaround.RemovedFrom(lastMonth.AddMonths(-random.Next(0, months)).FirstDay.AddDays(random.Next(0, 28))),
                1 => workaround.BeingRemoved(),
                _ => workaround,
            }).RecordedBy(source);
        }).ToList();

        var metrics = new List<MonthlyMetrics>(systemCount * months);
        var first = lastMonth.AddMonths(-(months - 1));
        foreach (var system in systems)
        {
            var health = Between(0.9m, 1m);
            var adoption = random.Next(5) == 0 ? Between(0.15m, 0.5m) : Between(0.6m, 1m);
            var users = system.IntendedUsers ?? 300;
            for (var m = 0; m < months; m++)
            {
                var month = first.AddMonths(m);
                decimal? Maybe(decimal value) => random.Next(20) == 0 ? null : value;
                var outlier = random.Next(100) == 0;
                var uptime = Round(outlier ? Between(90m, 98m) : Between(98.5m + health, 100m) - 0.5m, 3);
                metrics.Add(new MonthlyMetrics(system.Id, month)
                {
                    UptimePercent = Maybe(Math.Clamp(uptime, 0m, 100m)),
                    SlaUptimeTargetPercent = 99.5m,
                    DowntimeMinutes = Maybe(Round((100m - Math.Clamp(uptime, 0m, 100m)) / 100m * 22m * 10m * 60m, 0)),
                    PeakDegradedMinutes = Maybe(Round(outlier ? Between(600m, 3_000m) : Between(0m, 240m), 0)),
                    P1 = random.Next(6) == 0 ? new TicketStats(1, Round(Between(0.5m, 6m), 1), Round(Between(5m, 60m), 0)) : new TicketStats(0, null, null),
                    P2 = new TicketStats(random.Next(0, 4), Round(Between(0m, 12m), 1), Round(Between(1m, 10m), 0)),
                    P3 = random.Next(20) == 0 ? TicketStats.None : new TicketStats(random.Next(0, 15), Round(Between(0m, 30m), 1), Round(Between(1m, 3m), 1)),
                    P4 = new TicketStats(random.Next(0, 30), Round(Between(0m, 40m), 1), 1m),
                    TicketSlaAttainmentPercent = Maybe(Round(Between(70m, 100m), 1)),
                    PatchCompliancePercent = Maybe(Round(Between(60m, 100m), 1)),
                    SecurityIncidents = random.Next(30) == 0 ? 1 : 0,
                    BlockedWorkHours = Maybe(Round(Between(0m, 20m), 0)),
                    BackupSuccessPercent = Maybe(Round(Between(90m, 100m), 1)),
                    ActiveUsers = random.Next(20) == 0 ? null : (int)(users * adoption * Between(0.9m, 1.1m)),
                    Satisfaction = Maybe(Round(Between(1.5m, 5m), 1)),
                }.Validated().RecordedBy(source));
            }
        }

        var tests = systems.Where(_ => random.Next(3) != 0).Select(system =>
            new RestoreTest(NewId(), system.Id, lastMonth.AddMonths(-random.Next(0, 12)).FirstDay.AddDays(random.Next(0, 28)),
                random.Next(6) != 0, random.Next(5) == 0 ? null : Round(Between(0.5m, 30m), 1)).RecordedBy(source)).ToList();

        var organisation = new OrganisationSettings($"Synthetic portfolio ({systemCount} systems, seed {seed})", created);
        return new Portfolio(organisation, departments, processes, systems, dependencies, integrations, workarounds, metrics, tests);
    }
}
