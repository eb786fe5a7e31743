using BusinessValue.Web.Features.Departments;

namespace BusinessValue.Web.Features.TranslationRequests;

/// <summary>A process a request can name, with its department (a business owner names only their departments' processes).</summary>
public sealed record ProcessChoice(Guid Id, string Name, Guid? DepartmentId, bool MayName);

/// <summary>What the request form offers, and the reader's rights: systems, processes, the currency of impacts.</summary>
public sealed record TranslationRequestChoices(
    IReadOnlyList<LinkCandidate> Systems,
    IReadOnlyList<ProcessChoice> Processes,
    string Currency,
    bool MayWrite,
    bool MayDecide)
{
    public string SystemName(Guid id) => Systems.FirstOrDefault(s => s.Id == id)?.Name ?? "(removed)";

    public string ProcessName(Guid? id) => id is { } p ? Processes.FirstOrDefault(x => x.Id == p)?.Name ?? "(removed)" : "—";
}

/// <summary>One translation request as the list shows it: the need beside its translation.</summary>
public sealed record TranslationRequestRow(
    Guid Id,
    string Title,
    string TechnicalNeed,
    string? BusinessTranslation,
    string? ProcessName,
    DateOnly? NeededBy,
    decimal EstimatedImpact,
    IReadOnlyList<LinkCandidate> Systems,
    Domain.Reviews.TranslationRequestStatus Status,
    string? DecisionNote,
    string CreatedBy,
    DateTime CreatedAtUtc);

