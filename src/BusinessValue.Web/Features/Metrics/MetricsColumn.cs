using System.Globalization;
using BusinessValue.Domain;
using BusinessValue.Domain.Metrics;
using BusinessValue.Domain.Organisation;
using BusinessValue.Domain.Periods;

namespace BusinessValue.Web.Features.Metrics;

/// <summary>
/// One column of the monthly metrics grid: a measure of <see cref="Measures.All"/>, or one of the three ticket
/// statistics of a severity. The columns are read from the domain's one description, never listed here.
/// </summary>
public sealed class MetricsColumn
{
    private static readonly Severity[] Severities = Enum.GetValues<Severity>();

    private MetricsColumn(int index, string key, string name, bool wholeNumber, Measure? measure, Severity severity, TicketField field)
    {
        Index = index;
        Key = key;
        Name = name;
        WholeNumber = wholeNumber;
        Measure = measure;
        Severity = severity;
        Field = field;
    }

    private enum TicketField
    {
        None,
        Count,
        ResolutionHours,
        UsersAffected,
    }

    /// <summary>Every measure, then each severity's tickets: count, total resolution hours, users affected per ticket.</summary>
    public static IReadOnlyList<MetricsColumn> All { get; } = Build();

    public int Index { get; }

    /// <summary>The name in the portfolio document and the API, e.g. <c>downtimeMinutes</c> or <c>p1.count</c>.</summary>
    public string Key { get; }

    public string Name { get; }

    public bool WholeNumber { get; }

    public Measure? Measure { get; }

    private Severity Severity { get; }

    private TicketField Field { get; }

    public decimal? ValueIn(MonthlyMetrics month)
    {
        ArgumentNullException.ThrowIfNull(month);
        if (Measure is not null)
        {
            return month.ValueOf(Measure);
        }

        var tickets = month.Tickets(Severity);
        return Field switch
        {
            TicketField.Count => tickets.Count,
            TicketField.ResolutionHours => tickets.TotalResolutionHours,
            _ => tickets.AverageUsersAffected,
        };
    }

    /// <summary>Why the value cannot be recorded for <paramref name="month"/>, by the domain's own checks; null when it can.</summary>
    public string? ProblemWith(decimal? value, YearMonth month)
    {
        if (value is not { } v)
        {
            return null;
        }

        try
        {
            if (Measure is not null)
            {
                Measure.Checked(v, month);
                return null;
            }

            if (Field == TicketField.Count && (v != decimal.Truncate(v) || v is < int.MinValue or > int.MaxValue))
            {
                return v != decimal.Truncate(v)
                    ? string.Create(CultureInfo.CurrentCulture, $"must be a whole number (it is {v}).")
                    : string.Create(CultureInfo.CurrentCulture, $"must be between 0 and {Measures.MaxCount:#,0} (it is {v}).");
            }

            Tickets(v).Validated();
            return null;
        }
        catch (DomainRuleException problem)
        {
            return problem.Reason;
        }
    }

    /// <summary>A month with the grid row's values, in the order of <see cref="All"/>; the domain checks it once more when saved.</summary>
    public static MonthlyMetrics MonthOf(Guid systemId, YearMonth month, IReadOnlyList<decimal?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var tickets = Severities.ToDictionary(s => s, s => TicketsOf(s, values));
        return new MonthlyMetrics(systemId, month, m => values[All.First(c => c.Measure == m).Index])
        {
            P1 = tickets[Severity.P1],
            P2 = tickets[Severity.P2],
            P3 = tickets[Severity.P3],
            P4 = tickets[Severity.P4],
        };
    }

    private static TicketStats TicketsOf(Severity severity, IReadOnlyList<decimal?> values)
    {
        decimal? Value(TicketField field) => values[All.First(c => c.Measure is null && c.Severity == severity && c.Field == field).Index];
        var count = Value(TicketField.Count);
        return new TicketStats(count is { } c ? (int)c : null, Value(TicketField.ResolutionHours), Value(TicketField.UsersAffected));
    }

    private TicketStats Tickets(decimal value) => Field switch
    {
        TicketField.Count => new TicketStats((int)value, null, null),
        TicketField.ResolutionHours => new TicketStats(null, value, null),
        _ => new TicketStats(null, null, value),
    };

    private static List<MetricsColumn> Build()
    {
        var columns = Measures.All.Select(m => new MetricsColumn(m.Ordinal, m.Key, m.Name, m.WholeNumber, m, default, TicketField.None)).ToList();
        foreach (var severity in Severities)
        {
            var prefix = severity.ToString().ToLowerInvariant();
            columns.Add(new MetricsColumn(columns.Count, $"{prefix}.count", $"{severity} tickets", true, null, severity, TicketField.Count));
            columns.Add(new MetricsColumn(columns.Count, $"{prefix}.totalResolutionHours", $"{severity} total resolution hours", false, null, severity, TicketField.ResolutionHours));
            columns.Add(new MetricsColumn(columns.Count, $"{prefix}.averageUsersAffected", $"{severity} users affected per ticket", false, null, severity, TicketField.UsersAffected));
        }

        return columns;
    }
}
