namespace BusinessValue.Web.Features.Forms;

/// <summary>What the user chose in the conflict dialog.</summary>
public enum ConflictChoice
{
    /// <summary>Closed without choosing: the form stays as typed and nothing is saved.</summary>
    Undecided,

    /// <summary>Save the typed values again, over the version now stored.</summary>
    UseMine,

    /// <summary>Drop the typed values and show the record as now stored.</summary>
    DiscardMine,
}
