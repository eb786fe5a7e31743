namespace BusinessValue.Domain.Processes;

/// <summary>A process depends on a system: share d of its revenue stops while the system is down, net of fallback.</summary>
public sealed class Dependency
{
    private Dependency()
    {
    }

    public Dependency(Guid processId, Guid systemId, decimal revenueShare)
    {
        ProcessId = processId;
        SystemId = systemId;
        RevenueShare = Share.Of(revenueShare, "Revenue share").Value;
    }

    public Guid ProcessId { get; private set; }

    public Guid SystemId { get; private set; }

    /// <summary>Changes the share of the process's revenue that stops while the system is down.</summary>
    public Dependency WithRevenueShare(decimal revenueShare)
    {
        RevenueShare = Share.Of(revenueShare, "Revenue share").Value;
        return this;
    }

    /// <summary>d: 0–1.</summary>
    public decimal RevenueShare { get; private set; }
}
