namespace BusinessValue.Domain;

/// <summary>A share between 0 and 1 inclusive, such as the part of a process's revenue that stops with a system.</summary>
public readonly record struct Share
{
    private Share(decimal value) => Value = value;

    public decimal Value { get; }

    public static Share Of(decimal value, string field) =>
        value is >= 0m and <= 1m
            ? new Share(value)
            : throw new DomainRuleException(field, $"must be a share between 0 and 1 (it is {value}).");

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
