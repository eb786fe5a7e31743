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
        // Bounds as for every measure (Measures): realistic, and small enough that no figure overflows.
        Count = count is { } c ? Guard.InRange(c, 0, (int)Measures.MaxCount, "Ticket count") : null;
        TotalResolutionHours = totalResolutionHours is { } h ? Guard.AtMost(Guard.NotNegative(h, "Total resolution hours"), Measures.MaxHours, "Total resolution hours") : null;
        AverageUsersAffected = averageUsersAffected is { } u ? Guard.AtMost(Guard.NotNegative(u, "Users affected per ticket"), Measures.MaxUsers, "Users affected per ticket") : null;
    }

    public int? Count { get; init; }

    public decimal? TotalResolutionHours { get; init; }

    public decimal? AverageUsersAffected { get; init; }

    /// <summary>True when the month says something about this severity (all three values known).</summary>
    public bool IsComplete => Count is not null && (Count == 0 || (TotalResolutionHours is not null && AverageUsersAffected is not null));
}
