using System.Text.Json;
using BusinessValue.Infrastructure.Audit;
using BusinessValue.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Web.Features.Audit;

/// <summary>What the audit page asks for; every part optional. Dates are whole UTC days, both inclusive.</summary>
public sealed record AuditFilter(string? Actor = null, string? EntityType = null, Guid? SystemId = null, DateOnly? From = null, DateOnly? To = null, int Page = 1);

public sealed record AuditRow(long Id, DateTime OccurredAtUtc, AuditAction Action, string Actor, string EntityType, string? EntityId, Guid? SystemId, string? SystemName, IReadOnlyList<FieldChange> Changes, string? Summary);

public sealed record AuditPage(IReadOnlyList<AuditRow> Rows, int Total, int Page, int PageSize, IReadOnlyList<string> EntityTypes, IReadOnlyList<(Guid Id, string Name)> Systems);

/// <summary>Reads the audit trail for the audit page: newest first, filtered in the database, a page at a time.</summary>
public sealed class AuditTrailSearch(IDbContextFactory<BusinessValueDbContext> contexts)
{
    public const int PageSize = 50;

    public async Task<AuditPage> SearchAsync(AuditFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.AuditTrail.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            var actor = filter.Actor.Trim().ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // Translated to SQL lower(), the same on both providers; no culture is involved.
            query = query.Where(e => e.Actor.ToLower().Contains(actor));
#pragma warning restore CA1304, CA1311, CA1862
        }

        if (!string.IsNullOrWhiteSpace(filter.EntityType))
        {
            query = query.Where(e => e.EntityType == filter.EntityType);
        }

        if (filter.SystemId is { } systemId)
        {
            query = query.Where(e => e.SystemId == systemId);
        }

        if (filter.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(e => e.OccurredAtUtc >= start);
        }

        if (filter.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(e => e.OccurredAtUtc < end);
        }

        var total = await query.CountAsync(cancellationToken);
        var page = Math.Max(1, filter.Page);
        var entries = await query.OrderByDescending(e => e.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        var systems = await db.Systems.AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken);
        var names = systems.ToDictionary(s => s.Id, s => s.Name);
        var types = await db.AuditTrail.AsNoTracking().Select(e => e.EntityType).Distinct().OrderBy(t => t).ToListAsync(cancellationToken);
        var rows = entries.Select(e => new AuditRow(
            e.Id, e.OccurredAtUtc, e.Action, e.Actor, e.EntityType, e.EntityId, e.SystemId,
            e.SystemId is { } id && names.TryGetValue(id, out var name) ? name : null,
            e.Changes is null ? [] : JsonSerializer.Deserialize<List<FieldChange>>(e.Changes) ?? [],
            e.Summary)).ToList();
        return new AuditPage(rows, total, page, PageSize, types, [.. systems.Select(s => (s.Id, s.Name))]);
    }
}
