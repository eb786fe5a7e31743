using System.Text;
using System.Text.Json;
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

/// <summary>The outcome of reading a document: the portfolio when it is sound, else every problem found.</summary>
public sealed record PortfolioReadResult(Portfolio? Portfolio, IReadOnlyList<PortfolioProblem> Problems)
{
    /// <summary>The document's reviews section when it has one and it is sound; null when it has none (import leaves the database's reviews alone).</summary>
    public ReviewRecords? Reviews { get; init; }

    public bool IsValid => Portfolio is not null && Problems.Count == 0;
}

/// <summary>
/// Reads and checks a portfolio document completely before anything uses it: JSON, schema version, every
/// field, every range and every reference. All problems are reported, each with its JSON path.
/// </summary>
public static partial class PortfolioDocumentReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads a document from its bytes: UTF-8 only (a byte order mark is allowed); anything else is refused, never guessed at.</summary>
    public static PortfolioReadResult Read(byte[] utf8, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        // UTF-16 (saved by an editor as "Unicode") is not guessed at either, but named: its NUL bytes would otherwise
        // be reported as "'0x00' is an invalid start of a value", which tells no one what to do.
        if (utf8.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || utf8.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])
            || utf8.Length >= 2 && (utf8[0] == 0 || utf8[1] == 0))
        {
            return Failed("$", "is not UTF-8 text (it looks like UTF-16): save the document as UTF-8.");
        }

        var start = utf8.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        string json;
        try
        {
            json = StrictUtf8.GetString(utf8, start, utf8.Length - start);
        }
        catch (DecoderFallbackException ex)
        {
            return Failed("$", $"is not UTF-8 text (byte {start + Math.Max(ex.Index, 0) + 1} is not valid UTF-8): save the document as UTF-8.");
        }

        return Read(json, nowUtc);
    }

    public static PortfolioReadResult Read(string json, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (string.IsNullOrWhiteSpace(json))
        {
            return Failed("$", "the document is empty: the file holds no JSON at all.");
        }

        PortfolioDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<PortfolioDocument>(json, PortfolioJson.Options);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (line {line + 1}, position {ex.BytePositionInLine + 1})" : string.Empty;
            return Failed(ex.Path is { Length: > 0 } path ? path : "$", $"{PortfolioJson.Describe(ex)}{where}");
        }

        return document is null ? Failed("$", "the document is empty.") : Map(document, nowUtc);
    }

    public static PortfolioReadResult Map(PortfolioDocument document, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(document);
        var mapper = new Mapper(nowUtc);
        var portfolio = mapper.Map(document);
        var valid = mapper.Problems.Count == 0;
        return new PortfolioReadResult(valid ? portfolio : null, mapper.Problems) { Reviews = valid ? mapper.Reviews : null };
    }

    private static PortfolioReadResult Failed(string path, string reason) => new(null, [new PortfolioProblem(path, reason)]);

    private sealed partial class Mapper(DateTime nowUtc)
    {
        private readonly HashSet<Guid> _departments = [];
        private readonly HashSet<Guid> _processes = [];
        private readonly HashSet<Guid> _systems = [];
        private readonly HashSet<Guid> _otherIds = [];

        public List<PortfolioProblem> Problems { get; } = [];

        public Portfolio? Map(PortfolioDocument d)
        {
            if (d.SchemaVersion != PortfolioDocument.CurrentSchemaVersion)
            {
                Problem("$.schemaVersion", $"must be {PortfolioDocument.CurrentSchemaVersion}; this document says {d.SchemaVersion}. It was written by another version of the product.");
                return null;
            }

            NotNull(d.Departments, "$.departments");
            NotNull(d.Processes, "$.processes");
            NotNull(d.Systems, "$.systems");
            NotNull(d.Dependencies, "$.dependencies");
            NotNull(d.Integrations, "$.integrations");
            NotNull(d.Workarounds, "$.workarounds");
            NotNull(d.Metrics, "$.metrics");
            NotNull(d.RestoreTests, "$.restoreTests");
            var organisation = Organisation(d.Organisation);
            var departments = Each(d.Departments, "$.departments", Department);
            UniqueNames(d.Departments?.Select(x => x?.Name), "$.departments", "department");
            var processes = Each(d.Processes, "$.processes", Process);
            UniqueNames(d.Processes?.Select(x => x?.Name), "$.processes", "process");
            var systems = Each(d.Systems, "$.systems", System);
            UniqueNames(d.Systems?.Select(x => x?.Name), "$.systems", "system");
            var dependencies = Each(d.Dependencies, "$.dependencies", Dependency);
            Unique(d.Dependencies, x => (x.ProcessId, x.SystemId), "$.dependencies", "the same process and system are linked twice");
            var integrations = Each(d.Integrations, "$.integrations", Integration);
            var workarounds = Each(d.Workarounds, "$.workarounds", Workaround);
            var metrics = Each(d.Metrics, "$.metrics", Metrics);
            Unique(d.Metrics, x => (x.SystemId, x.Month), "$.metrics", "the same system has two rows for this month");
            var tests = Each(d.RestoreTests, "$.restoreTests", RestoreTest);
            Reviews = d.Reviews is null ? null : ReviewsSection(d.Reviews);

            return organisation is null || Problems.Count > 0
                ? null
                : new Portfolio(organisation, departments, processes, systems, dependencies, integrations, workarounds, metrics, tests);
        }

        private OrganisationSettings? Organisation(OrganisationDocument? o)
        {
            if (o is null)
            {
                Problem("$.organisation", "is required.");
                return null;
            }

            return Attempt("$.organisation", () =>
            {
                var settings = new OrganisationSettings(o.Name!, nowUtc, o.IsDemo);
                settings.ChangeCurrencyAndCalendar(CurrencyCode.Parse(o.Currency), o.FiscalYearStartMonth, nowUtc);
                var a = o.Assumptions ?? new AssumptionsDocument();
                if (a.BlockingFactors is null)
                {
                    // Documented as "may not be null": a null here more likely lost its values than means the defaults.
                    throw new DomainRuleException("Blocking factors", "must be an object with p1 to p4, or left out for the defaults; it may not be null.");
                }

                settings.RestoreAssumptions(
                    new Assumptions
                    {
                        LabourRatePerHour = a.LabourRatePerHour,
                        WorkingWeeksPerYear = a.WorkingWeeksPerYear,
                        AbandonmentFactor = a.AbandonmentFactor,
                        Margin = a.Margin,
                        BlockingFactorP1 = a.BlockingFactors.P1,
                        BlockingFactorP2 = a.BlockingFactors.P2,
                        BlockingFactorP3 = a.BlockingFactors.P3,
                        BlockingFactorP4 = a.BlockingFactors.P4,
                        UntestedRecoveryHours = a.UntestedRecoveryHours,
                        VerifiedWindowDays = a.VerifiedWindowDays,
                        ScoreThreshold = a.ScoreThreshold,
                        WasteBenchmark = a.WasteBenchmark,
                    },
                    o.AssumptionsSetAtUtc,
                    nowUtc);
                return settings;
            });
        }

        private Department? Department(DepartmentDocument x, string path)
        {
            Id(x.Id, path, _departments, "department");
            return Attempt(path, () => new Department(x.Id, x.Name!, x.Headcount, x.LabourRatePerHour));
        }

        private BusinessProcess? Process(ProcessDocument x, string path)
        {
            Id(x.Id, path, _processes, "process");
            Reference(x.DepartmentId, _departments, $"{path}.departmentId", "department");
            var importance = Choice<StrategicImportance>(x.Importance, $"{path}.importance");
            return importance is { } i ? Attempt(path, () => new BusinessProcess(x.Id, x.Name!, x.DepartmentId, x.AnnualRevenue, x.OperatingHoursPerWeek, i)) : null;
        }

        private ItSystem? System(SystemDocument x, string path)
        {
            Id(x.Id, path, _systems, "system");
            var lifecycle = Choice<Lifecycle>(x.Lifecycle, $"{path}.lifecycle");
            var fit = Choice<StrategicFit>(x.StrategicFit, $"{path}.strategicFit");
            var source = Source(x.Source, $"{path}.source");
            if (lifecycle is not { } l || fit is not { } f)
            {
                return null;
            }

            if (x.Costs is null)
            {
                // Documented as "may not be null": left out, the costs are 0; null more likely lost them on the way.
                Problem($"{path}.costs", "must be an object with the annual costs, or left out when they are all 0; it may not be null.");
                return null;
            }

            return Attempt(path, () =>
            {
                var costs = x.Costs;
                var system = new ItSystem(x.Id, x.Name!, x.Category!, x.Vendor, l, f, x.CreatedAtUtc is { } created ? Utc(created) : nowUtc)
                    .WithOwners(x.ItOwner, x.BusinessOwner)
                    .WithBusinessCase(new AnnualCosts(costs.Licences, costs.Infrastructure, costs.SupportStaff, costs.Other), x.ExpectedAnnualBenefit, x.IntendedUsers, x.RequiredRecoveryHours);
                return source is null ? system : system.RecordedBy(source);
            });
        }

        private Dependency? Dependency(DependencyDocument x, string path)
        {
            var ok = Reference(x.ProcessId, _processes, $"{path}.processId", "process") & Reference(x.SystemId, _systems, $"{path}.systemId", "system");
            return ok ? Attempt(path, () => new Dependency(x.ProcessId, x.SystemId, x.RevenueShare)) : null;
        }

        private Integration? Integration(IntegrationDocument x, string path)
        {
            Id(x.Id, path, _otherIds, "record");
            var ok = Reference(x.SourceSystemId, _systems, $"{path}.sourceSystemId", "system") & Reference(x.TargetSystemId, _systems, $"{path}.targetSystemId", "system");
            var mode = Choice<IntegrationMode>(x.Mode, $"{path}.mode");
            var first = x.FirstRecordedMode is null ? mode : Choice<IntegrationMode>(x.FirstRecordedMode, $"{path}.firstRecordedMode");
            var source = Source(x.Source, $"{path}.source");
            if (!ok || mode is not { } m || first is not { } fm)
            {
                return null;
            }

            return Attempt(path, () =>
            {
                var integration = new Integration(x.Id, x.Name!, x.SourceSystemId, x.TargetSystemId, m, fm, x.TransfersPerMonth, x.MinutesPerTransfer);
                return source is null ? integration : integration.RecordedBy(source);
            });
        }

        private Workaround? Workaround(WorkaroundDocument x, string path)
        {
            Id(x.Id, path, _otherIds, "record");
            var ok = Reference(x.DepartmentId, _departments, $"{path}.departmentId", "department");
            NotNull(x.SystemIds, $"{path}.systemIds");
            x.SystemIds ??= [];
            for (var i = 0; i < x.SystemIds.Count; i++)
            {
                ok &= Reference(x.SystemIds[i], _systems, $"{path}.systemIds[{i}]", "system");
            }

            var kind = Choice<WorkaroundKind>(x.Kind, $"{path}.kind");
            var status = x.Status is null ? WorkaroundStatus.Open : Choice<WorkaroundStatus>(x.Status, $"{path}.status");
            var source = Source(x.Source, $"{path}.source");
            if (status == WorkaroundStatus.Removed && x.RemovedOn is null)
            {
                Problem($"{path}.removedOn", "is required when the status is removed: from which day does it cost nothing?");
                ok = false;
            }

            if (!ok || kind is not { } k || status is not { } s)
            {
                return null;
            }

            return Attempt(path, () =>
            {
                var workaround = new Workaround(x.Id, x.Description!, x.DepartmentId, k, x.People, x.HoursPerPersonPerWeek, x.DirectAnnualCost, x.SystemIds);
                workaround = s switch
                {
                    WorkaroundStatus.Removed => workaround.RemovedFrom(x.RemovedOn!.Value),
                    WorkaroundStatus.BeingRemoved => workaround.BeingRemoved(),
                    _ => workaround,
                };
                return source is null ? workaround : workaround.RecordedBy(source);
            });
        }

        private MonthlyMetrics? Metrics(MetricsDocument x, string path)
        {
            var ok = Reference(x.SystemId, _systems, $"{path}.systemId", "system");
            if (!YearMonth.TryParse(x.Month, out var month))
            {
                Problem($"{path}.month", $"must be a month written YYYY-MM, such as 2026-07 (it is '{x.Month}').");
                ok = false;
            }

            var source = Source(x.Source, $"{path}.source");
            if (!ok)
            {
                return null;
            }

            return Attempt(path, () =>
            {
                var metrics = x.ToMetrics(month, nowUtc);
                return source is null ? metrics : metrics.RecordedBy(source);
            });
        }

        private RestoreTest? RestoreTest(RestoreTestDocument x, string path)
        {
            Id(x.Id, path, _otherIds, "record");
            var ok = Reference(x.SystemId, _systems, $"{path}.systemId", "system");
            var source = Source(x.Source, $"{path}.source");
            if (!ok)
            {
                return null;
            }

            return Attempt(path, () =>
            {
                var test = new RestoreTest(x.Id, x.SystemId, x.TestedOn, x.Passed, x.MeasuredRecoveryHours);
                return source is null ? test : test.RecordedBy(source);
            });
        }

        // A time with an offset arrives as local time: convert it; one without is taken as UTC, as documented.
        private static DateTime Utc(DateTime value) =>
            value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc);

        private InputSource? Source(SourceDocument? s, string path)
        {
            if (s is null)
            {
                return null;
            }

            var kind = Choice<SourceKind>(s.Kind, $"{path}.kind");
            if (string.IsNullOrWhiteSpace(s.Detail) || s.Detail.Length > InputSource.DetailMaxLength)
            {
                Problem($"{path}.detail", $"must say who or what recorded the value, in 1 to {InputSource.DetailMaxLength} characters.");
                return null;
            }

            return kind is { } k ? new InputSource(k, s.Detail.Trim(), Utc(s.RecordedAtUtc)) : null;
        }

        private List<T> Each<TDocument, T>(List<TDocument>? items, string path, Func<TDocument, string, T?> map)
            where T : class
        {
            var result = new List<T>(items?.Count ?? 0);
            if (items is null)
            {
                return result;
            }

            for (var i = 0; i < items.Count; i++)
            {
                if (items[i] is null)
                {
                    Problem($"{path}[{i}]", "is empty.");
                    continue;
                }

                if (map(items[i], $"{path}[{i}]") is { } mapped)
                {
                    result.Add(mapped);
                }
            }

            return result;
        }

        private T? Attempt<T>(string path, Func<T> create)
            where T : class
        {
            try
            {
                return create();
            }
            catch (DomainRuleException ex)
            {
                Problem(path, ex.Message);
                return null;
            }
        }

        private TEnum? Choice<TEnum>(string? value, string path)
            where TEnum : struct, Enum
        {
            foreach (var candidate in Enum.GetValues<TEnum>())
            {
                if (string.Equals(PortfolioJson.Name(candidate), value, StringComparison.OrdinalIgnoreCase))
                {
                    return candidate;
                }
            }

            Problem(path, value is null ? $"is required: one of {PortfolioJson.Choices<TEnum>()}." : $"'{value}' is not one of {PortfolioJson.Choices<TEnum>()}.");
            return null;
        }

        private void Id(Guid id, string path, HashSet<Guid> seen, string what)
        {
            if (id == Guid.Empty)
            {
                Problem($"{path}.id", $"is required: every {what} needs an id.");
            }
            else if (!seen.Add(id))
            {
                Problem($"{path}.id", $"{id} is used by another {what} already.");
            }
        }

        private bool Reference(Guid? id, HashSet<Guid> known, string path, string what)
        {
            if (id is { } value && !known.Contains(value))
            {
                Problem(path, $"{value} is not {("aeiou".Contains(what[0], StringComparison.Ordinal) ? "an" : "a")} {what} in this document.");
                return false;
            }

            return true;
        }

        private void UniqueNames(IEnumerable<string?>? names, string path, string what, string field = "name")
        {
            if (names is null)
            {
                return;
            }

            // As the spreadsheet import compares names: ignoring case, runs of spaces (non-breaking ones included) and
            // how an accent is encoded, so a document cannot hold two records that look alike.
            var seen = new HashSet<string>(Spreadsheets.NameComparer.Instance);
            var i = 0;
            foreach (var name in names)
            {
                if (name is not null && !seen.Add(name.Trim()))
                {
                    Problem($"{path}[{i}].{field}", $"another {what} is already called '{name.Trim()}'.");
                }

                i++;
            }
        }

        // Null entries (reported as empty) keep their place, so the path is the repeated entry's own.
        private void Unique<TDocument, TKey>(IReadOnlyList<TDocument?>? items, Func<TDocument, TKey> key, string path, string reason)
            where TDocument : class
        {
            if (items is null)
            {
                return;
            }

            var seen = new HashSet<TKey>();
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i] is { } item && !seen.Add(key(item)))
                {
                    Problem($"{path}[{i}]", $"{reason}.");
                }
            }
        }

        private void Problem(string path, string reason) => Problems.Add(new PortfolioProblem(path, reason));

        // "null" is not an empty list: a document that says it is probably lost something on the way.
        private void NotNull<T>(List<T>? list, string path)
        {
            if (list is null)
            {
                Problem(path, "must be a list: write [] when there is none (it is null).");
            }
        }
    }
}
