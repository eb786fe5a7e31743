namespace BusinessValue.Web.Features.Forms;

/// <summary>One field of a record in a save conflict: its label, its value as now stored, and the value the user typed.</summary>
public sealed record ConflictRow(string Field, string Stored, string Yours)
{
    public bool Differs => !string.Equals(Stored, Yours, StringComparison.Ordinal);
}
