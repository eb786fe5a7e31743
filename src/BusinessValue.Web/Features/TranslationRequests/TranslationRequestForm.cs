using System.Globalization;
using BusinessValue.Domain.Reviews;
using BusinessValue.Web.Features.Forms;

namespace BusinessValue.Web.Features.TranslationRequests;

/// <summary>The form of one translation request; a new one has no <see cref="Id"/>, <see cref="Version"/> is the version it was read at.</summary>
public sealed class TranslationRequestForm
{
    public Guid? Id { get; init; }

    public string Title { get; set; } = string.Empty;

    public string TechnicalNeed { get; set; } = string.Empty;

    public string? BusinessTranslation { get; set; }

    public Guid? ProcessId { get; set; }

    /// <summary>A date picker's value; only its day is kept.</summary>
    public DateTime? NeededBy { get; set; }

    public decimal EstimatedImpact { get; set; }

    public IReadOnlyCollection<Guid> SystemIds { get; set; } = [];

    public TranslationRequestStatus Status { get; set; } = TranslationRequestStatus.Draft;

    public string? DecisionNote { get; set; }

    /// <summary>The status as stored when the form was read: a decided request's content is shown, not edited.</summary>
    public TranslationRequestStatus StoredStatus { get; init; } = TranslationRequestStatus.Draft;

    public string CreatedBy { get; init; } = string.Empty;

    public DateTime? CreatedAtUtc { get; init; }

    public int Version { get; set; }

    public bool IsDecided => StoredStatus is TranslationRequestStatus.Decided or TranslationRequestStatus.Done;

    /// <summary>Which form field each of the domain's field names is.</summary>
    public static IReadOnlyDictionary<string, string> DomainFields { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [TranslationRequest.TitleField] = nameof(Title),
        [TranslationRequest.TechnicalNeedField] = nameof(TechnicalNeed),
        [TranslationRequest.BusinessTranslationField] = nameof(BusinessTranslation),
        [TranslationRequest.NeededByField] = nameof(NeededBy),
        [TranslationRequest.EstimatedImpactField] = nameof(EstimatedImpact),
        [TranslationRequest.StatusField] = nameof(Status),
        [TranslationRequest.DecisionNoteField] = nameof(DecisionNote),
    };

    public static TranslationRequestForm From(TranslationRequest request, int version)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new TranslationRequestForm
        {
            Id = request.Id, Title = request.Title, TechnicalNeed = request.TechnicalNeed, BusinessTranslation = request.BusinessTranslation,
            ProcessId = request.ProcessId, NeededBy = request.NeededBy?.ToDateTime(TimeOnly.MinValue), EstimatedImpact = request.EstimatedImpact,
            SystemIds = request.SystemIds.ToList(), Status = request.Status, StoredStatus = request.Status, DecisionNote = request.DecisionNote,
            CreatedBy = request.CreatedBy, CreatedAtUtc = request.CreatedAtUtc, Version = version,
        };
    }

    public IReadOnlyList<ConflictRow> CompareWith(TranslationRequestForm stored, TranslationRequestChoices names, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(names);
        string Day(DateTime? day) => day?.ToString("d", culture) ?? "—";
        string Systems(IEnumerable<Guid> ids) => string.Join(", ", ids.Select(names.SystemName).Order(StringComparer.CurrentCulture));
        return
        [
            new("Title", stored.Title, Title),
            new("Technical need", stored.TechnicalNeed, TechnicalNeed),
            new("Business translation", stored.BusinessTranslation ?? "—", BusinessTranslation ?? "—"),
            new("Process", names.ProcessName(stored.ProcessId), names.ProcessName(ProcessId)),
            new("Needed by", Day(stored.NeededBy), Day(NeededBy)),
            new("Estimated impact", stored.EstimatedImpact.ToString("#,0.##", culture), EstimatedImpact.ToString("#,0.##", culture)),
            new("Systems", Systems(stored.SystemIds), Systems(SystemIds)),
            new("Status", ChoiceText.Describe(stored.Status), ChoiceText.Describe(Status)),
            new("Decision note", stored.DecisionNote ?? "—", DecisionNote ?? "—"),
        ];
    }
}
