namespace BusinessValue.Domain.Organisation;

/// <summary>Ticket severity, P1 (business stopped) to P4 (minor).</summary>
public enum Severity
{
    P1 = 1,
    P2 = 2,
    P3 = 3,
    P4 = 4,
}
