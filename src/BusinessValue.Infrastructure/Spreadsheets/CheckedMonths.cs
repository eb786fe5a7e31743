using BusinessValue.Domain.Metrics;
using BusinessValue.Domain.Organisation;
using BusinessValue.Domain.Periods;

namespace BusinessValue.Infrastructure.Spreadsheets;

/// <summary>
/// A batch of checked months of a metrics import in flat buffers: for each month its system, its month and
/// <see cref="Slots"/> values (the measures in the order of <see cref="Measures.All"/>, then for each severity the
/// ticket count, resolution hours and users affected). No object per month: for 100,000 rows the objects cost
/// more than their checks (docs/performance.md#spreadsheet-import-100000-metric-rows). Batches are reused.
/// </summary>
internal sealed class CheckedMonths(int capacity)
{
    private static readonly Severity[] Severities = Enum.GetValues<Severity>();

    private readonly Guid[] _systems = new Guid[capacity];
    private readonly YearMonth[] _months = new YearMonth[capacity];
    private readonly decimal?[] _values = new decimal?[capacity * Slots];

    /// <summary>The values of one month.</summary>
    public static int Slots { get; } = Measures.All.Count + (Severities.Length * 3);

    public int Count { get; private set; }

    public bool IsFull => Count == _systems.Length;

    public MonthRow this[int index] => new(_systems[index], _months[index], _values, index * Slots);

    /// <summary>The slot of a severity's ticket count (<paramref name="severity"/> from 0); its hours and users follow.</summary>
    public static int TicketSlot(int severity) => Measures.All.Count + (severity * 3);

    /// <summary>The empty slots of the next month: filled by the caller, kept by <see cref="Keep"/> (else overwritten).</summary>
    public Span<decimal?> Next()
    {
        var slots = _values.AsSpan(Count * Slots, Slots);
        slots.Clear();
        return slots;
    }

    public void Keep(Guid systemId, YearMonth month)
    {
        _systems[Count] = systemId;
        _months[Count] = month;
        Count++;
    }

    /// <summary>A month checked the general way.</summary>
    public void Add(MonthlyMetrics month)
    {
        var slots = Next();
        var measures = Measures.All;
        for (var i = 0; i < measures.Count; i++)
        {
            slots[i] = month.ValueOf(measures[i]);
        }

        for (var s = 0; s < Severities.Length; s++)
        {
            var tickets = month.Tickets(Severities[s]);
            var slot = TicketSlot(s);
            slots[slot] = tickets.Count;
            slots[slot + 1] = tickets.TotalResolutionHours;
            slots[slot + 2] = tickets.AverageUsersAffected;
        }

        Keep(month.SystemId, month.Month);
    }

    public void Clear() => Count = 0;
}

/// <summary>One checked month: its values are <see cref="CheckedMonths.Slots"/> slots of <paramref name="Values"/> from <paramref name="Offset"/>.</summary>
internal readonly record struct MonthRow(Guid SystemId, YearMonth Month, decimal?[] Values, int Offset)
{
    public decimal? this[int slot] => Values[Offset + slot];

    /// <summary>A whole number's value (counts and users) as stored: an integer.</summary>
    public int? Whole(int slot) => Values[Offset + slot] is { } value ? (int)value : null;

    /// <summary>The month with a copy of its values, to keep after its batch is reused.</summary>
    public MonthRow Detached() => this with { Values = Values.AsSpan(Offset, CheckedMonths.Slots).ToArray(), Offset = 0 };
}
