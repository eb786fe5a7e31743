using System.Globalization;

namespace BusinessValue.Domain;

/// <summary>
/// The upper bounds of every amount that is not a monthly measure (those are in <see cref="Metrics.Measures"/>):
/// money, rates, hours and volumes. Realistic, and small enough that no figure built on them leaves what
/// <c>decimal</c> and the databases' <c>numeric(20,6)</c> hold (docs/formulas.md#bounds-of-every-value).
/// </summary>
public static class Amounts
{
    /// <summary>An annual amount of money (revenue, a cost, a benefit): one trillion in the organisation's currency.</summary>
    public const decimal MaxMoney = 1_000_000_000_000m;

    /// <summary>A labour rate per hour.</summary>
    public const decimal MaxRatePerHour = 100_000m;

    /// <summary>A recovery time in hours: one year.</summary>
    public const decimal MaxRecoveryHours = 8_760m;

    /// <summary>Transfers an integration makes in a month.</summary>
    public const decimal MaxTransfersPerMonth = 100_000_000m;

    /// <summary>Minutes one manual transfer takes: a whole (31-day) month.</summary>
    public const decimal MaxMinutesPerTransfer = 44_640m;

    /// <summary>Decimal places kept: the databases store six, so a seventh would be rounded by one and not the other.</summary>
    public const int MaxDecimals = 6;

    /// <summary>Checks an amount: zero or more, at most <paramref name="max"/>, at most six decimals; names the field.</summary>
    /// <exception cref="DomainRuleException">The amount is outside its bounds.</exception>
    public static decimal Checked(decimal value, decimal max, string field) =>
        Decimals(Guard.AtMost(Guard.NotNegative(value, field), max, field), field);

    /// <summary>Refuses more decimal places than are stored, so a value reads back exactly as written on every database.</summary>
    /// <exception cref="DomainRuleException">The value has more than six decimal places.</exception>
    public static decimal Decimals(decimal value, string field) =>
        decimal.Round(value, MaxDecimals) == value
            ? value
            : throw new DomainRuleException(field, string.Create(CultureInfo.InvariantCulture, $"may have at most {MaxDecimals} decimal places (it is {value})."));
}
