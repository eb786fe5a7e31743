using BusinessValue.Domain;

namespace BusinessValue.Web.Features;

/// <summary>
/// A form field's message, from the domain's own rule: the check builds the domain object with this field's value
/// (and harmless values for the others) and reports the reason it is refused, so a form never restates a rule.
/// </summary>
public static class FieldCheck
{
    /// <returns>The domain's reason ("must be zero or more (it is -1)."), or null when the value is accepted.</returns>
    public static string? Problem(Action build)
    {
        ArgumentNullException.ThrowIfNull(build);
        try
        {
            build();
            return null;
        }
        catch (DomainRuleException problem)
        {
            return problem.Reason;
        }
    }
}
