using System.Text.Json;
using BusinessValue.Domain;
using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Metrics;

namespace BusinessValue.Infrastructure.PortfolioDocuments;

/// <summary>Writes a portfolio as a document, in a stable order so that two exports of the same data are identical.</summary>
public static class PortfolioDocumentWriter
{
    /// <param name="reviews">The reviews section's records (an export); null leaves the section out (a frozen review's document, demo data).</param>
    public static string ToJson(Portfolio portfolio, DateTime? exportedAtUtc = null, ReviewRecords? reviews = null) =>
        JsonSerializer.Serialize(ToDocument(portfolio, exportedAtUtc, reviews), PortfolioJson.Options);

    public static PortfolioDocument ToDocument(Portfolio portfolio, DateTime? exportedAtUtc = null, ReviewRecords? reviews = null)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        var o = portfolio.Organisation;
        var a = o.Assumptions;
        return new PortfolioDocument
        {
            Reviews = reviews is null ? null : Reviews(reviews),
            SchemaVersion = PortfolioDocument.CurrentSchemaVersion,
            ExportedAtUtc = exportedAtUtc,
            Organisation = new OrganisationDocument
            {
                Name = o.Name,
                Currency = o.Currency.Code,
                FiscalYearStartMonth = o.FiscalYearStartMonth,
                IsDemo = o.IsDemo,
                Assumptions = new AssumptionsDocument
                {
                    LabourRatePerHour = a.LabourRatePerHour,
                    WorkingWeeksPerYear = a.WorkingWeeksPerYear,
                    AbandonmentFactor = a.AbandonmentFactor,
                    Margin = a.Margin,
                    BlockingFactors = new BlockingFactorsDocument { P1 = a.BlockingFactorP1, P2 = a.BlockingFactorP2, P3 = a.BlockingFactorP3, P4 = a.BlockingFactorP4 },
                    UntestedRecoveryHours = a.UntestedRecoveryHours,
                    VerifiedWindowDays = a.VerifiedWindowDays,
                    ScoreThreshold = a.ScoreThreshold,
                    WasteBenchmark = a.WasteBenchmark,
                },
                AssumptionsSetAtUtc = o.AssumptionsSetAtUtc,
            },
            Departments = [.. portfolio.Departments.OrderBy(x => x.Name, StringComparer.Ordinal).Select(x => new DepartmentDocument
            {
                Id = x.Id, Name = x.Name, Headcount = x.Headcount, LabourRatePerHour = x.LabourRatePerHour,
            })],
            Processes = [.. portfolio.Processes.OrderBy(x => x.Name, StringComparer.Ordinal).Select(x => new ProcessDocument
            {
                Id = x.Id, Name = x.Name, DepartmentId = x.DepartmentId, AnnualRevenue = x.AnnualRevenue,
                OperatingHoursPerWeek = x.OperatingHoursPerWeek, Importance = PortfolioJson.Name(x.Importance),
            })],
            Systems = [.. portfolio.Systems.OrderBy(x => x.Name, StringComparer.Ordinal).Select(x => new SystemDocument
            {
                Id = x.Id, Name = x.Name, Category = x.Category, Vendor = x.Vendor, ItOwner = x.ItOwner, BusinessOwner = x.BusinessOwner,
                Lifecycle = PortfolioJson.Name(x.Lifecycle), StrategicFit = PortfolioJson.Name(x.StrategicFit), IntendedUsers = x.IntendedUsers,
                Costs = new CostsDocument { Licences = x.Costs.Licences, Infrastructure = x.Costs.Infrastructure, SupportStaff = x.Costs.SupportStaff, Other = x.Costs.Other },
                ExpectedAnnualBenefit = x.ExpectedAnnualBenefit, RequiredRecoveryHours = x.RequiredRecoveryHours, CreatedAtUtc = x.CreatedAtUtc,
                Source = Source(x.Source),
            })],
            Dependencies = [.. portfolio.Dependencies.OrderBy(x => x.ProcessId).ThenBy(x => x.SystemId).Select(x => new DependencyDocument
            {
                ProcessId = x.ProcessId, SystemId = x.SystemId, RevenueShare = x.RevenueShare,
            })],
            Integrations = [.. portfolio.Integrations.OrderBy(x => x.Name, StringComparer.Ordinal).ThenBy(x => x.Id).Select(x => new IntegrationDocument
            {
                Id = x.Id, Name = x.Name, SourceSystemId = x.SourceSystemId, TargetSystemId = x.TargetSystemId,
                Mode = PortfolioJson.Name(x.Mode), FirstRecordedMode = PortfolioJson.Name(x.FirstRecordedMode),
                TransfersPerMonth = x.TransfersPerMonth, MinutesPerTransfer = x.MinutesPerTransfer, Source = Source(x.Source),
            })],
            Workarounds = [.. portfolio.Workarounds.OrderBy(x => x.Description, StringComparer.Ordinal).ThenBy(x => x.Id).Select(x => new WorkaroundDocument
            {
                Id = x.Id, Description = x.Description, DepartmentId = x.DepartmentId, Kind = PortfolioJson.Name(x.Kind),
                SystemIds = [.. x.SystemIds.Order()], People = x.People, HoursPerPersonPerWeek = x.HoursPerPersonPerWeek,
                DirectAnnualCost = x.DirectAnnualCost, Status = PortfolioJson.Name(x.Status), RemovedOn = x.RemovedOn, Source = Source(x.Source),
            })],
            Metrics = [.. portfolio.Metrics.OrderBy(x => x.SystemId).ThenBy(x => x.Month).Select(x =>
            {
                var row = MetricsDocument.From(x);
                row.Source = Source(x.Source);
                return row;
            })],
            RestoreTests = [.. portfolio.RestoreTests.OrderBy(x => x.SystemId).ThenBy(x => x.TestedOn).ThenBy(x => x.Id).Select(x => new RestoreTestDocument
            {
                Id = x.Id, SystemId = x.SystemId, TestedOn = x.TestedOn, Passed = x.Passed, MeasuredRecoveryHours = x.MeasuredRecoveryHours, Source = Source(x.Source),
            })],
        };
    }

    private static ReviewsDocument Reviews(ReviewRecords r)
    {
        var agenda = r.Agenda.ToLookup(i => i.ReviewId);
        var decisions = r.Decisions.ToLookup(d => d.ReviewId);
        var frozen = r.Frozen.ToDictionary(f => f.ReviewId);
        return new ReviewsDocument
        {
            Accounts = [.. r.Accounts.OrderBy(x => x.UserName, StringComparer.Ordinal).ThenBy(x => x.Id).Select(x => new ReviewAccountDocument
            {
                Id = x.Id, UserName = x.UserName, DisplayName = x.DisplayName,
            })],
            Quarters = [.. r.Reviews.OrderBy(x => x.QuarterStart).Select(x => new ReviewDocument
            {
                Id = x.Id, Quarter = x.Quarter.Label, MeetingDate = x.MeetingDate, Attendees = x.Attendees, Status = PortfolioJson.Name(x.Status),
                CreatedBy = x.CreatedBy, CreatedAtUtc = x.CreatedAtUtc, StartedAtUtc = x.StartedAtUtc, ClosedBy = x.ClosedBy, ClosedAtUtc = x.ClosedAtUtc,
                ReopenedBy = x.ReopenedBy, ReopenedAtUtc = x.ReopenedAtUtc, ReopenReason = x.ReopenReason, AgendaEdits = x.AgendaEdits,
                Agenda = [.. agenda[x.Id].OrderBy(i => i.Position).ThenBy(i => i.Id).Select(i => new AgendaItemDocument
                {
                    Id = i.Id, Position = i.Position, Kind = PortfolioJson.Name(i.Kind), Title = i.Title, Reason = i.Reason, Note = i.Note,
                    SystemId = i.SystemId, ActionItemId = i.ActionItemId, TranslationRequestId = i.TranslationRequestId,
                })],
                Decisions = [.. decisions[x.Id].OrderBy(d => d.SystemId).Select(d => new ReviewDecisionDocument
                {
                    Id = d.Id, SystemId = d.SystemId, Suggested = d.Suggested is { } s ? PortfolioJson.Name(s) : null, Decision = PortfolioJson.Name(d.Decision),
                    Reason = d.Reason, Notes = d.Notes, DecidedBy = d.DecidedBy, DecidedAtUtc = d.DecidedAtUtc,
                })],
                Frozen = frozen.TryGetValue(x.Id, out var f)
                    ? new FrozenReviewDocument { FrozenAtUtc = f.FrozenAtUtc, PortfolioDocument = f.PortfolioDocument, Figures = f.Figures, ActionItems = f.ActionItems }
                    : null,
            })],
            ActionItems = [.. r.ActionItems.OrderBy(x => x.CreatedAtUtc).ThenBy(x => x.Id).Select(x => new ActionItemDocument
            {
                Id = x.Id, RaisedInReviewId = x.RaisedInReviewId, Title = x.Title, ItOwnerId = x.ItOwnerId, BusinessOwnerId = x.BusinessOwnerId,
                DueDate = x.DueDate, Status = PortfolioJson.Name(x.Status), SystemId = x.SystemId, CreatedAtUtc = x.CreatedAtUtc,
                DoneAtUtc = x.DoneAtUtc, DoneBy = x.DoneBy,
            })],
            TranslationRequests = [.. r.TranslationRequests.OrderBy(x => x.CreatedAtUtc).ThenBy(x => x.Id).Select(x => new TranslationRequestDocument
            {
                Id = x.Id, Title = x.Title, TechnicalNeed = x.TechnicalNeed, BusinessTranslation = x.BusinessTranslation, ProcessId = x.ProcessId,
                NeededBy = x.NeededBy, EstimatedImpact = x.EstimatedImpact, SystemIds = [.. x.SystemIds.Order()], Status = PortfolioJson.Name(x.Status),
                DecisionNote = x.DecisionNote, CreatedBy = x.CreatedBy, CreatedAtUtc = x.CreatedAtUtc, Source = Source(x.Source),
            })],
        };
    }

    private static SourceDocument? Source(InputSource? s) =>
        s is null ? null : new SourceDocument { Kind = PortfolioJson.Name(s.Kind), Detail = s.Detail, RecordedAtUtc = s.RecordedAtUtc };
}
