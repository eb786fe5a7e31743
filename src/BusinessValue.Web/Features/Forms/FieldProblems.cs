using BusinessValue.Domain;

namespace BusinessValue.Web.Features.Forms;

/// <summary>
/// What is wrong with a form, field by field, so each message is shown beside its field. Keys are the form's
/// property names; <see cref="General"/> holds what belongs to no single field.
/// </summary>
public sealed class FieldProblems
{
    private readonly Dictionary<string, string> _byField = new(StringComparer.Ordinal);

    public static FieldProblems None => new();

    public string? General { get; private set; }

    public bool Any => General is not null || _byField.Count > 0;

    public IReadOnlyDictionary<string, string> ByField => _byField;

    /// <summary>The message for this form property, or null.</summary>
    public string? For(string field) => _byField.GetValueOrDefault(field);

    /// <summary>The first message for a field wins: it is the one the person fixes first.</summary>
    public FieldProblems Add(string field, string message)
    {
        _byField.TryAdd(field, message);
        return this;
    }

    public FieldProblems AddGeneral(string message)
    {
        General ??= message;
        return this;
    }

    /// <summary>
    /// Runs one domain rule and files its refusal under the form field the domain names; a domain field not in
    /// <paramref name="fields"/> is filed as general, so no refusal is ever dropped.
    /// </summary>
    public void Check(Action rule, IReadOnlyDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(fields);
        try
        {
            rule();
        }
        catch (DomainRuleException problem)
        {
            if (fields.TryGetValue(problem.Field, out var field))
            {
                Add(field, problem.Reason.Length > 0 ? Sentence(problem.Reason) : problem.Message);
            }
            else
            {
                AddGeneral(problem.Message);
            }
        }
    }

    // "must be zero or more (it is -5)." reads as "Must be zero or more (it is -5)." beside its labelled field.
    private static string Sentence(string reason) => char.ToUpperInvariant(reason[0]) + reason[1..];
}
