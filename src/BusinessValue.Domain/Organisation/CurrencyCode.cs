using System.Globalization;

namespace BusinessValue.Domain.Organisation;

/// <summary>An ISO 4217 currency code such as USD or EUR: three upper-case letters.</summary>
public readonly record struct CurrencyCode
{
    public static readonly CurrencyCode Default = new("USD");

    private CurrencyCode(string code) => Code = code;

    public string Code { get; }

    public static CurrencyCode Parse(string? value)
    {
        var code = value?.Trim().ToUpperInvariant();
        if (code is null || code.Length != 3 || !code.All(char.IsAsciiLetterUpper))
        {
            throw new DomainRuleException("Currency", $"must be a three-letter ISO 4217 code such as USD or EUR (it is '{value}').");
        }

        return new CurrencyCode(code);
    }

    public override string ToString() => Code ?? Default.Code;

    public string ToString(IFormatProvider? provider) => string.Create(provider ?? CultureInfo.InvariantCulture, $"{this}");
}
