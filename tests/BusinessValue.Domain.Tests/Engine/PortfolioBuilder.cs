using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Integrations;
using BusinessValue.Domain.Metrics;
using BusinessValue.Domain.Organisation;
using BusinessValue.Domain.Periods;
using BusinessValue.Domain.Processes;
using BusinessValue.Domain.Systems;
using BusinessValue.Domain.Workarounds;

namespace BusinessValue.Domain.Tests.Engine;

/// <summary>Builds small portfolios for engine tests, with readable defaults.</summary>
internal sealed class PortfolioBuilder
{
    public static readonly DateTime Now = new(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc);

    private readonly List<Department> _departments = [];
    private readonly List<BusinessProcess> _processes = [];
    private readonly List<ItSystem> _systems = [];
    private readonly List<Dependency> _dependencies = [];
    private readonly List<Integration> _integrations = [];
    private readonly List<Workaround> _workarounds = [];
    private readonly List<MonthlyMetrics> _metrics = [];
    private readonly List<RestoreTest> _restoreTests = [];

    public OrganisationSettings Organisation { get; } = new("Acme Manufacturing", Now);

    public ItSystem System(string name, decimal annualCost = 0m, StrategicFit fit = StrategicFit.MaintainsStatusQuo, int? intendedUsers = null, decimal? benefit = null, decimal? requiredRecoveryHours = null)
    {
        var system = new ItSystem(Guid.NewGuid(), name, "Test", null, Lifecycle.Active, fit, Now)
            .WithBusinessCase(new AnnualCosts(annualCost, 0m, 0m, 0m), benefit, intendedUsers, requiredRecoveryHours);
        _systems.Add(system);
        return system;
    }

    public Department Department(string name, decimal? rate = null)
    {
        var department = new Department(Guid.NewGuid(), name, 10, rate);
        _departments.Add(department);
        return department;
    }

    public BusinessProcess Process(string name, decimal annualRevenue, decimal operatingHoursPerWeek)
    {
        var process = new BusinessProcess(Guid.NewGuid(), name, null, annualRevenue, operatingHoursPerWeek, StrategicImportance.High);
        _processes.Add(process);
        return process;
    }

    public PortfolioBuilder DependsOn(BusinessProcess process, ItSystem system, decimal share)
    {
        _dependencies.Add(new Dependency(process.Id, system.Id, share));
        return this;
    }

    public Integration Integration(ItSystem from, ItSystem to, IntegrationMode mode, decimal transfersPerMonth, decimal minutes, IntegrationMode? firstMode = null)
    {
        var integration = new Integration(Guid.NewGuid(), $"{from.Name} to {to.Name}", from.Id, to.Id, mode, firstMode ?? mode, transfersPerMonth, minutes);
        _integrations.Add(integration);
        return integration;
    }

    public Workaround Workaround(string description, int people, decimal hours, decimal directCost, Department? department = null, params ItSystem[] systems)
    {
        var workaround = new Workaround(Guid.NewGuid(), description, department?.Id, WorkaroundKind.Spreadsheet, people, hours, directCost, systems.Select(s => s.Id));
        _workarounds.Add(workaround);
        return workaround;
    }

    public PortfolioBuilder Metrics(ItSystem system, string month, Func<MonthlyMetrics, MonthlyMetrics>? shape = null)
    {
        var metrics = new MonthlyMetrics(system.Id, YearMonth.Parse(month));
        _metrics.Add((shape ?? (m => m))(metrics).Validated());
        return this;
    }

    public PortfolioBuilder Metrics(MonthlyMetrics metrics)
    {
        _metrics.Add(metrics.Validated());
        return this;
    }

    public PortfolioBuilder RestoreTest(ItSystem system, DateOnly day, bool passed, decimal? hours)
    {
        _restoreTests.Add(new RestoreTest(Guid.NewGuid(), system.Id, day, passed, hours));
        return this;
    }

    public Portfolio Build() => new(Organisation, _departments, _processes, _systems, _dependencies, _integrations, _workarounds, _metrics, _restoreTests);

    public Scorecard Calculate(string period) => new TranslationEngine().Calculate(Build(), Period.Parse(period, Organisation.FiscalYearStartMonth));
}
