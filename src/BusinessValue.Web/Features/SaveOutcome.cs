namespace BusinessValue.Web.Features;

/// <summary>One field of a record as the reader typed it and as someone else saved it meanwhile.</summary>
public sealed record FieldVersions(string Field, string Yours, string Theirs)
{
    public bool Differs => !string.Equals(Yours, Theirs, StringComparison.Ordinal);
}

/// <summary>
/// What became of a form's save: saved; refused with a reason naming the field (nothing changed); or a conflict,
/// because someone saved the same record after the form was read (nothing of the reader's was saved, both
/// versions are shown, docs/decisions/0005-optimistic-concurrency.md).
/// </summary>
public sealed record SaveOutcome(string? Problem, IReadOnlyList<FieldVersions>? Conflict = null, int TheirVersion = 0)
{
    public static readonly SaveOutcome Saved = new((string?)null);

    public bool IsSaved => Problem is null;

    public bool IsConflict => Conflict is not null;

    public static SaveOutcome Refused(string problem) => new(problem);

    /// <param name="yours">The form's fields as the reader typed them.</param>
    /// <param name="theirs">The same fields of the record as it is stored now.</param>
    public static SaveOutcome Conflicted(IReadOnlyList<(string Field, string Value)> yours, IReadOnlyList<(string Field, string Value)> theirs, int theirVersion)
    {
        ArgumentNullException.ThrowIfNull(yours);
        ArgumentNullException.ThrowIfNull(theirs);
        var stored = theirs.ToDictionary(f => f.Field, f => f.Value, StringComparer.Ordinal);
        return new SaveOutcome(
            "Someone else saved this record while you were editing it, so nothing of yours was saved. Compare the two versions: keep theirs, or save yours over it.",
            yours.Select(f => new FieldVersions(f.Field, f.Value, stored.GetValueOrDefault(f.Field, string.Empty))).ToList(),
            theirVersion);
    }
}
