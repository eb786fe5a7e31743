using System.Text.Json;
using BusinessValue.Domain;
using BusinessValue.Infrastructure.Audit;
using BusinessValue.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BusinessValue.Infrastructure.Spreadsheets;

/// <summary>A saved mapping as listed: its name, the table it maps, who saved it and when.</summary>
public sealed record ImportPresetSummary(string Name, ImportKind Kind, string SavedBy, DateTime SavedAtUtc);

/// <summary>
/// Spreadsheet imports and exports (docs/import.md), for the import page, <c>bv import-csv</c> and the API:
/// read a file (<see cref="ReadAsync"/>), guess its mapping (<see cref="Guess"/>), check it without writing
/// (<see cref="PlanAsync"/>), write it all or nothing (<see cref="CommitAsync"/>); export a table or a template;
/// keep named mappings. It does not check who may import: its callers do, before they call.
/// </summary>
public sealed class SpreadsheetImports(IDbContextFactory<BusinessValueDbContext> contexts, ImportOptions options, TimeProvider clock)
{
    public long MaxFileBytes => options.MaxFileBytes;

    /// <summary>Reads and checks an uploaded file (size limit, UTF-8, workbook); its rows are read on each pass.</summary>
    /// <exception cref="SpreadsheetFileException">The file cannot be read; the message says why.</exception>
    public Task<SpreadsheetFile> ReadAsync(Stream stream, string fileName, ImportKind kind, SpreadsheetFormat? format = null, CancellationToken cancellationToken = default) =>
        SpreadsheetFile.ReadAsync(stream, fileName, kind, options.MaxFileBytes, format, cancellationToken);

    /// <summary>Which heading fills which column, guessed from headings and aliases; a preset's entries first.</summary>
    public static ImportMapping Guess(SpreadsheetFile file, ImportKind kind, ImportMapping? preset = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        return ImportMapping.Guess(kind, file.Headings, preset);
    }

    /// <summary>Checks every row and counts what a commit would add and change, writing nothing (a dry run).</summary>
    public Task<ImportPlan> PlanAsync(SpreadsheetFile file, ImportMapping mapping, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default) =>
        RunAsync(file, mapping, AuditActor.System, write: false, progress, cancellationToken);

    /// <summary>
    /// Checks every row again and, if there is no problem, writes them all in one transaction as
    /// <paramref name="actor"/>; with any problem nothing is written. <see cref="ImportPlan.Written"/> says which.
    /// </summary>
    public Task<ImportPlan> CommitAsync(SpreadsheetFile file, ImportMapping mapping, AuditActor actor, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default) =>
        RunAsync(file, mapping, actor, write: true, progress, cancellationToken);

    /// <summary>The table as a file that re-imports unchanged.</summary>
    public async Task<byte[]> ExportAsync(ImportKind kind, SpreadsheetFormat format, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return SpreadsheetExport.Write(ImportTables.Of(kind), await SpreadsheetExport.RowsAsync(db, kind, cancellationToken), format);
    }

    /// <summary>The headings of a table, with one example row or none.</summary>
    public static byte[] Template(ImportKind kind, SpreadsheetFormat format, bool withExample = true)
    {
        var table = ImportTables.Of(kind);
        return SpreadsheetExport.Write(table, withExample ? [SpreadsheetExport.Example(table)] : [], format);
    }

    /// <summary>A file name for an export or template, e.g. <c>systems-2026-07-01.csv</c>.</summary>
    public string FileNameOf(ImportKind kind, SpreadsheetFormat format, string? suffix = null) =>
        $"{ImportTables.NameOf(kind)}{suffix ?? "-" + DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}.{(format == SpreadsheetFormat.Xlsx ? "xlsx" : "csv")}";

    public async Task<IReadOnlyList<ImportPresetSummary>> PresetsAsync(ImportKind kind, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var name = ImportTables.NameOf(kind);
        return [.. (await db.ImportMappingPresets.AsNoTracking().Where(p => p.Kind == name).OrderBy(p => p.Name).ToListAsync(cancellationToken))
            .Select(p => new ImportPresetSummary(p.Name, kind, p.SavedBy, p.SavedAtUtc))];
    }

    /// <summary>The preset's mapping, or null when there is none of that name (ignoring case).</summary>
    public async Task<ImportMapping?> PresetAsync(ImportKind kind, string name, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var preset = await FindAsync(db, kind, name, cancellationToken);
        return preset is null ? null : new ImportMapping(kind, JsonSerializer.Deserialize<Dictionary<string, string>>(preset.Columns) ?? []);
    }

    /// <summary>Saves a mapping under a name, replacing one of the same name.</summary>
    /// <exception cref="DomainRuleException">The name is empty or too long.</exception>
    public async Task SavePresetAsync(string name, ImportMapping mapping, AuditActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(actor);
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > ImportMappingPreset.NameMaxLength)
        {
            throw new DomainRuleException("Preset name", $"must be 1 to {ImportMappingPreset.NameMaxLength} characters.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var preset = await FindAsync(db, mapping.Kind, trimmed, cancellationToken);
        if (preset is null)
        {
            preset = new ImportMappingPreset { Id = Guid.NewGuid(), Kind = ImportTables.NameOf(mapping.Kind), Name = trimmed };
            db.ImportMappingPresets.Add(preset);
        }

        preset.Columns = JsonSerializer.Serialize(mapping.Columns.OrderBy(c => c.Key, StringComparer.Ordinal).ToDictionary(c => c.Key, c => c.Value));
        preset.SavedBy = AuditEntry.Fit(actor.Name, AuditEntry.ActorMaxLength);
        preset.SavedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Deletes a preset; false when there was none of that name.</summary>
    public async Task<bool> DeletePresetAsync(ImportKind kind, string name, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var preset = await FindAsync(db, kind, name, cancellationToken);
        if (preset is null)
        {
            return false;
        }

        db.ImportMappingPresets.Remove(preset);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static async Task<ImportMappingPreset?> FindAsync(BusinessValueDbContext db, ImportKind kind, string name, CancellationToken cancellationToken)
    {
        var kindName = ImportTables.NameOf(kind);
        var trimmed = name.Trim();
        // Few presets per kind: compared in memory, ignoring case the same way on both databases.
        return (await db.ImportMappingPresets.Where(p => p.Kind == kindName).ToListAsync(cancellationToken))
            .FirstOrDefault(p => string.Equals(p.Name, trimmed, StringComparison.OrdinalIgnoreCase));
    }

    private async Task<ImportPlan> RunAsync(SpreadsheetFile file, ImportMapping mapping, AuditActor actor, bool write, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(mapping);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = actor;
        var now = clock.GetUtcNow().UtcDateTime;
        var source = InputSource.Imported(AuditEntry.Fit(file.FileName, InputSource.DetailMaxLength), now);
        return mapping.Kind == ImportKind.Metrics
            ? await MetricsImport.RunAsync(db, file, mapping, write, source, progress, cancellationToken)
            : await RecordImportRun.RunAsync(db, file, mapping, write, source, progress, cancellationToken);
    }
}
