namespace BusinessValue.Domain;

/// <summary>Checks shared by the domain's constructors and setters; each names the field it checks.</summary>
internal static class Guard
{
    public static string Text(string? value, string field, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new DomainRuleException(field, "is required.");
        }

        if (trimmed.Length > maxLength)
        {
            throw new DomainRuleException(field, $"must be at most {maxLength} characters (it has {trimmed.Length}).");
        }

        return trimmed;
    }

    public static string? OptionalText(string? value, string field, int maxLength)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : Text(trimmed, field, maxLength);
    }

    public static decimal NotNegative(decimal value, string field)
    {
        if (value < 0)
        {
            throw new DomainRuleException(field, $"must be zero or more (it is {value}).");
        }

        return value;
    }

    public static decimal AtMost(decimal value, decimal max, string field)
    {
        if (value > max)
        {
            throw new DomainRuleException(field, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"must be at most {max:#,0} (it is {value})."));
        }

        return value;
    }

    public static int InRange(int value, int min, int max, string field)
    {
        if (value < min || value > max)
        {
            throw new DomainRuleException(field, $"must be between {min} and {max} (it is {value}).");
        }

        return value;
    }
}
