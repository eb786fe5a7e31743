namespace BusinessValue.Web.Features.Forms;

/// <summary>
/// How a save went: saved (with the record's id), refused with problems beside their fields (nothing changed),
/// or in conflict with someone else's save made since the form was read (<see cref="Theirs"/> as now stored).
/// </summary>
public sealed class EditOutcome<TForm>
    where TForm : class
{
    internal EditOutcome(Guid? id, FieldProblems problems, TForm? theirs)
    {
        Id = id;
        Problems = problems;
        Theirs = theirs;
    }

    public Guid? Id { get; }

    public FieldProblems Problems { get; }

    /// <summary>The record as someone else saved it meanwhile; null unless the save was a conflict.</summary>
    public TForm? Theirs { get; }

    public bool IsSaved => Id is not null;

    public bool IsConflict => Theirs is not null;
}

/// <summary>Makes the outcomes of a save.</summary>
public static class EditOutcome
{
    public static EditOutcome<TForm> Saved<TForm>(Guid id)
        where TForm : class => new(id, FieldProblems.None, null);

    public static EditOutcome<TForm> Refused<TForm>(FieldProblems problems)
        where TForm : class => new(null, problems, null);

    public static EditOutcome<TForm> Refused<TForm>(string message)
        where TForm : class => new(null, FieldProblems.None.AddGeneral(message), null);

    public static EditOutcome<TForm> Conflict<TForm>(TForm theirs)
        where TForm : class => new(null, FieldProblems.None, theirs);
}
