namespace BusinessValue.Web.Features.Integrations;

/// <summary>A system to pick in a form: its id and name.</summary>
public sealed record SystemChoice(Guid Id, string Name)
{
    public override string ToString() => Name;
}
