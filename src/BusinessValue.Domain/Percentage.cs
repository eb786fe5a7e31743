namespace BusinessValue.Domain;

/// <summary>A percentage between 0 and 100 inclusive, such as uptime or patch compliance.</summary>
public readonly record struct Percentage
{
    private Percentage(decimal value) => Value = value;

    public decimal Value { get; }

    public static Percentage Of(decimal value, string field) =>
        value is >= 0m and <= 100m
            ? new Percentage(value)
            : throw new DomainRuleException(field, $"must be a percentage between 0 and 100 (it is {value}).");

    public static Percentage? OfOptional(decimal? value, string field) => value is { } v ? Of(v, field) : null;

    public override string ToString() => $"{Value}%";
}
