using BusinessValue.Domain.Integrations;
using BusinessValue.Domain.Metrics;
using BusinessValue.Domain.Organisation;
using BusinessValue.Domain.Processes;
using BusinessValue.Domain.Systems;
using BusinessValue.Domain.Workarounds;

namespace BusinessValue.Domain.Engine;

/// <summary>Everything the engine needs, already loaded: the whole portfolio of one organisation.</summary>
public sealed record Portfolio(
    OrganisationSettings Organisation,
    IReadOnlyList<Department> Departments,
    IReadOnlyList<BusinessProcess> Processes,
    IReadOnlyList<ItSystem> Systems,
    IReadOnlyList<Dependency> Dependencies,
    IReadOnlyList<Integration> Integrations,
    IReadOnlyList<Workaround> Workarounds,
    IReadOnlyList<MonthlyMetrics> Metrics,
    IReadOnlyList<RestoreTest> RestoreTests);
