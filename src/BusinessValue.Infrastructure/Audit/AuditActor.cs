namespace BusinessValue.Infrastructure.Audit;

/// <summary>Who is writing through a context: set once by whoever creates it (a page's service, the API, the command line).</summary>
public sealed record AuditActor(string Name, Guid? Id = null)
{
    /// <summary>Writes nobody asked for: first start, the demo organisation.</summary>
    public static readonly AuditActor System = new("system");
}
