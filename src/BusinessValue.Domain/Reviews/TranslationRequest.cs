namespace BusinessValue.Domain.Reviews;

/// <summary>
/// The article's "translation forum": a technical need ("upgrade the database") written with its business
/// translation (what the business gains or risks, for which process, by when), so that IT and the business decide
/// it together at a business value review. A request goes Draft → Ready → Decided → Done, and from Ready back to Draft.
/// </summary>
public sealed class TranslationRequest
{
    public const int TitleMaxLength = 200;
    public const int TextMaxLength = 2000;

    /// <summary>The bound of any amount of money in the product (<see cref="Amounts.MaxMoney"/>).</summary>
    public const decimal MaxEstimatedImpact = Amounts.MaxMoney;

    public const string TitleField = "Title";
    public const string TechnicalNeedField = "Technical need";
    public const string BusinessTranslationField = "Business translation";
    public const string NeededByField = "Needed by";
    public const string EstimatedImpactField = "Estimated impact";
    public const string StatusField = "Status";
    public const string DecisionNoteField = "Decision note";

    private readonly List<TranslationRequestSystem> _systems = [];

    private TranslationRequest()
    {
        Title = string.Empty;
        TechnicalNeed = string.Empty;
        CreatedBy = string.Empty;
    }

    public TranslationRequest(Guid id, string title, string technicalNeed, string? businessTranslation, Guid? processId, DateOnly? neededBy, decimal estimatedImpact, IEnumerable<Guid> systemIds, string createdBy, DateTime createdAtUtc)
        : this()
    {
        Id = id;
        Status = TranslationRequestStatus.Draft;
        CreatedBy = Guard.Text(createdBy, "Created by", InputSource.DetailMaxLength);
        CreatedAtUtc = createdAtUtc;
        Describe(title, technicalNeed, businessTranslation, processId, neededBy, estimatedImpact, systemIds);
    }

    public Guid Id { get; private set; }

    public string Title { get; private set; }

    /// <summary>What IT needs, in IT's words.</summary>
    public string TechnicalNeed { get; private set; }

    /// <summary>What the business gains or risks, in its words; required from Ready on.</summary>
    public string? BusinessTranslation { get; private set; }

    /// <summary>The business process that gains or is at risk, if one is.</summary>
    public Guid? ProcessId { get; private set; }

    /// <summary>By when the business needs it.</summary>
    public DateOnly? NeededBy { get; private set; }

    /// <summary>Money gained or kept at risk, in the organisation's currency.</summary>
    public decimal EstimatedImpact { get; private set; }

    public TranslationRequestStatus Status { get; private set; }

    /// <summary>What the review decided and why; kept from Decided on.</summary>
    public string? DecisionNote { get; private set; }

    public string CreatedBy { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>Who changed it last and when.</summary>
    public InputSource? Source { get; private set; }

    public IReadOnlyList<TranslationRequestSystem> Systems => _systems;

    public IEnumerable<Guid> SystemIds => _systems.Select(s => s.SystemId);

    /// <summary>A draft or ready request: its content can still change. A decided one is the record of a decision.</summary>
    public bool IsOpen => Status is TranslationRequestStatus.Draft or TranslationRequestStatus.Ready;

    /// <summary>
    /// What a request lacks to be ready for a decision, each with the field it belongs to. The business translation
    /// text is required (it is the whole point of the request); the date is not, as many needs have no deadline.
    /// </summary>
    public static IReadOnlyList<DomainRuleException> MissingForReady(string? businessTranslation) =>
        string.IsNullOrWhiteSpace(businessTranslation)
            ? [new DomainRuleException(BusinessTranslationField, "is required before the request is ready: say what the business gains or risks, in its words.")]
            : [];

    /// <summary>Changes what the request says. Only while it is open; a ready one keeps its business translation.</summary>
    public TranslationRequest Describe(string title, string technicalNeed, string? businessTranslation, Guid? processId, DateOnly? neededBy, decimal estimatedImpact, IEnumerable<Guid> systemIds)
    {
        ArgumentNullException.ThrowIfNull(systemIds);
        var newTitle = Guard.Text(title, TitleField, TitleMaxLength);
        var newNeed = Guard.Text(technicalNeed, TechnicalNeedField, TextMaxLength);
        var newTranslation = Guard.OptionalText(businessTranslation, BusinessTranslationField, TextMaxLength);
        var newImpact = Amounts.Checked(estimatedImpact, MaxEstimatedImpact, EstimatedImpactField);
        var wanted = systemIds.Distinct().ToList();
        var changes = newTitle != Title || newNeed != TechnicalNeed || newTranslation != BusinessTranslation || processId != ProcessId
                      || neededBy != NeededBy || newImpact != EstimatedImpact || !wanted.ToHashSet().SetEquals(SystemIds);
        if (!changes)
        {
            return this;
        }

        if (!IsOpen)
        {
            throw new DomainRuleException(StatusField, "a decided request is kept as it was decided: its need, translation, systems and impact no longer change.");
        }

        if (Status == TranslationRequestStatus.Ready && MissingForReady(newTranslation) is [var missing, ..])
        {
            throw missing;
        }

        Title = newTitle;
        TechnicalNeed = newNeed;
        BusinessTranslation = newTranslation;
        ProcessId = processId;
        NeededBy = neededBy;
        EstimatedImpact = newImpact;
        // Kept links stay the same objects, so the audit trail records only the links added and removed.
        _systems.RemoveAll(s => !wanted.Contains(s.SystemId));
        _systems.AddRange(wanted.Where(id => _systems.TrueForAll(s => s.SystemId != id)).Select(id => new TranslationRequestSystem(id)).ToList());
        return this;
    }

    /// <summary>
    /// Moves the request along Draft → Ready → Decided → Done (or Ready back to Draft). Ready needs the business
    /// translation; Decided and Done need a decision note, which can be corrected while decided.
    /// </summary>
    public TranslationRequest MoveTo(TranslationRequestStatus target, string? decisionNote)
    {
        var allowed = Status == target || (Status, target) is
            (TranslationRequestStatus.Draft, TranslationRequestStatus.Ready) or (TranslationRequestStatus.Ready, TranslationRequestStatus.Draft)
            or (TranslationRequestStatus.Ready, TranslationRequestStatus.Decided) or (TranslationRequestStatus.Decided, TranslationRequestStatus.Done);
        if (!allowed)
        {
            throw new DomainRuleException(StatusField, $"a {Words(Status)} request cannot become {Words(target)}{Hint(Status, target)}.");
        }

        if (target == TranslationRequestStatus.Ready && MissingForReady(BusinessTranslation) is [var missing, ..])
        {
            throw missing;
        }

        var note = Guard.OptionalText(decisionNote, DecisionNoteField, TextMaxLength);
        if (target is TranslationRequestStatus.Decided or TranslationRequestStatus.Done)
        {
            if (note is null)
            {
                throw new DomainRuleException(DecisionNoteField, "is required once the request is decided: say what was decided and why.");
            }

            if (Status == TranslationRequestStatus.Done && note != DecisionNote)
            {
                throw new DomainRuleException(DecisionNoteField, "no longer changes once the request is done.");
            }

            DecisionNote = note;
        }
        else
        {
            DecisionNote = null;
        }

        Status = target;
        return this;
    }

    public TranslationRequest RecordedBy(InputSource source)
    {
        Source = source;
        return this;
    }

    private static string Words(TranslationRequestStatus status) => status switch
    {
        TranslationRequestStatus.Draft => "draft",
        TranslationRequestStatus.Ready => "ready",
        TranslationRequestStatus.Decided => "decided",
        _ => "done",
    };

    private static string Hint(TranslationRequestStatus from, TranslationRequestStatus to) => (from, to) switch
    {
        (TranslationRequestStatus.Draft, _) => ": mark it ready first, so a review can decide it",
        (TranslationRequestStatus.Ready, TranslationRequestStatus.Done) => ": a review decides it first",
        _ => ": a decision stands once it is made",
    };
}
