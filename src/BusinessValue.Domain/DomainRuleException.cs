namespace BusinessValue.Domain;

/// <summary>
/// A value that breaks one of the product's rules. <see cref="Field"/> names the field in the product's
/// language so the message can be shown to the person who typed or imported it.
/// </summary>
public sealed class DomainRuleException : Exception
{
    public DomainRuleException(string field, string reason)
        : base($"{field}: {reason}")
    {
        Field = field;
        Reason = reason;
    }

    public DomainRuleException()
    {
        Field = string.Empty;
        Reason = string.Empty;
    }

    public DomainRuleException(string message) : base(message)
    {
        Field = string.Empty;
        Reason = message;
    }

    public DomainRuleException(string message, Exception innerException) : base(message, innerException)
    {
        Field = string.Empty;
        Reason = message;
    }

    public string Field { get; }

    public string Reason { get; }
}
