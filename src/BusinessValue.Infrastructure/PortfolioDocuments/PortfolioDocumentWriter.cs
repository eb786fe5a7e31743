using System.Text.Json;
using BusinessValue.Domain;
using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Metrics;

namespace BusinessValue.Infrastructure.PortfolioDocuments;

/// <summary>Writes a portfolio as a document, in a stable order so that two exports of the same data are identical.</summary>
public static class PortfolioDocumentWriter
{
    public static string ToJson(Portfolio portfolio, DateTime? exportedAtUtc = null) =>
        JsonSerializer.Serialize(ToDocument(portfolio, exportedAtUtc), PortfolioJson.Options);

    public static PortfolioDocument ToDocument(Portfolio portfolio, DateTime? exportedAtUtc = null)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        var o = portfolio.Organisation;
        var a = o.Assumptions;
        return new PortfolioDocument
        {
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

    private static SourceDocument? Source(InputSource? s) =>
        s is null ? null : new SourceDocument { Kind = PortfolioJson.Name(s.Kind), Detail = s.Detail, RecordedAtUtc = s.RecordedAtUtc };
}
