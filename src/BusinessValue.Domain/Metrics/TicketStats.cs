namespace BusinessValue.Domain.Metrics;

/// <summary>
/// One severity's tickets in a month: how many, total hours to resolve, users affected per ticket on average.
/// A value type, stored inside its month: a year of metrics for 10,000 systems is 480,000 of these.
/// </summary>
public readonly record struct TicketStats
{
    public static readonly TicketStats None = new(null, null, null);

    public TicketStats(int? count, decimal? totalResolutionHours, decimal? averageUsersAffected)
    {
        // Only what can never be: this constructor also loads stored rows. The upper bounds are checked where
        // values come in (Validated), so a row stored before a bound existed still loads.
        Count = count is { } c ? Guard.InRange(c, 0, int.MaxValue, "Ticket count") : null;
        TotalResolutionHours = totalResolutionHours is { } h ? Guard.NotNegative(h, "Total resolution hours") : null;
        AverageUsersAffected = averageUsersAffected is { } u ? Guard.NotNegative(u, "Users affected per ticket") : null;
    }

    public int? Count { get; init; }

    public decimal? TotalResolutionHours { get; init; }

    public decimal? AverageUsersAffected { get; init; }

    /// <summary>Checks the realistic upper bounds (Measures), small enough that no figure overflows; names the field.</summary>
    public TicketStats Validated()
    {
        if (Count > Measures.MaxCount)
        {
            Guard.InRange(Count.Value, 0, (int)Measures.MaxCount, "Ticket count");
        }

        if (TotalResolutionHours is { } h)
        {
            Amounts.Checked(h, Measures.MaxHours, "Total resolution hours");
        }

        if (AverageUsersAffected is { } u)
        {
            Amounts.Checked(u, Measures.MaxUsers, "Users affected per ticket");
        }

        return this;
    }

    /// <summary>True when the month says something about this severity (all three values known).</summary>
    public bool IsComplete => Count is not null && (Count == 0 || (TotalResolutionHours is not null && AverageUsersAffected is not null));
}
