using BusinessValue.Infrastructure.Spreadsheets;
using BusinessValue.Web.Security;
using Microsoft.AspNetCore.Components.Forms;

namespace BusinessValue.Web.Features.Import;

/// <summary>An uploaded file as the import page holds it: read once, kept in memory (within the size limit) so the
/// table it fills can be changed without uploading again.</summary>
public sealed record UploadedSpreadsheet(string FileName, byte[] Content, SpreadsheetFile File);

/// <summary>
/// The import page's side of <see cref="SpreadsheetImports"/> (docs/import.md): checks that the reader may change
/// the inventory before anything is read or written, and records who imported.
/// </summary>
public sealed class SpreadsheetImporting(SpreadsheetImports imports, AccessGuard access)
{
    /// <summary>Why the reader may not import this table, in their words; null when they may.</summary>
    public async Task<string?> RefusalAsync(ImportKind kind)
    {
        if (ImportTables.IsBusinessData(kind))
        {
            return await access.AllowsAsync(AccessPolicies.ManageSettings)
                ? null
                : $"{ImportTables.Of(kind).Title} are business data: each department's business owner keeps their own in the app, and only an administrator imports them for every department. Nothing was changed.";
        }

        return await access.AllowsAsync(AccessPolicies.EditInventory)
            ? null
            : "Only an IT director or an administrator may import into the inventory. Nothing was changed.";
    }

    public long MaxFileBytes => imports.MaxFileBytes;

    /// <summary>Reads an uploaded file; a file over the limit is refused from its size, before a byte is read.</summary>
    /// <exception cref="SpreadsheetFileException">The file cannot be read; the message says why.</exception>
    public async Task<UploadedSpreadsheet> UploadAsync(IBrowserFile upload, ImportKind kind, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        await DemandAsync(kind);
        if (upload.Size > imports.MaxFileBytes)
        {
            throw new SpreadsheetFileException(TooLarge(upload.Name, upload.Size, imports.MaxFileBytes));
        }

        using var buffer = new MemoryStream((int)upload.Size);
        await using (var stream = upload.OpenReadStream(imports.MaxFileBytes, cancellationToken))
        {
            await stream.CopyToAsync(buffer, cancellationToken);
        }

        var content = buffer.ToArray();
        return new UploadedSpreadsheet(upload.Name, content, await ReadAsync(upload.Name, content, kind, cancellationToken));
    }

    /// <summary>The same upload read again for another table (a workbook's sheet is chosen by the table).</summary>
    public async Task<UploadedSpreadsheet> ReadAgainAsync(UploadedSpreadsheet upload, ImportKind kind, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        return upload with { File = await ReadAsync(upload.FileName, upload.Content, kind, cancellationToken) };
    }

    public async Task<ImportPlan> PlanAsync(UploadedSpreadsheet upload, ImportMapping mapping, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(mapping);
        await DemandAsync(mapping.Kind);
        // Off the circuit's thread: a large file is checked while the page keeps showing progress.
        return await Task.Run(() => imports.PlanAsync(upload.File, mapping, progress, cancellationToken), cancellationToken);
    }

    public async Task<ImportPlan> CommitAsync(UploadedSpreadsheet upload, ImportMapping mapping, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(mapping);
        await DemandAsync(mapping.Kind);
        var actor = await access.ActorAsync();
        return await Task.Run(() => imports.CommitAsync(upload.File, mapping, actor, progress, cancellationToken), cancellationToken);
    }

    public Task<IReadOnlyList<ImportPresetSummary>> PresetsAsync(ImportKind kind, CancellationToken cancellationToken = default) =>
        imports.PresetsAsync(kind, cancellationToken);

    public Task<ImportMapping?> PresetAsync(ImportKind kind, string name, CancellationToken cancellationToken = default) =>
        imports.PresetAsync(kind, name, cancellationToken);

    /// <exception cref="Domain.DomainRuleException">The name is empty or too long.</exception>
    public async Task SavePresetAsync(string name, ImportMapping mapping, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        await DemandAsync(mapping.Kind);
        await imports.SavePresetAsync(name, mapping, await access.ActorAsync(), cancellationToken);
    }

    public async Task<bool> DeletePresetAsync(ImportKind kind, string name, CancellationToken cancellationToken = default)
    {
        await DemandAsync(kind);
        return await imports.DeletePresetAsync(kind, name, cancellationToken);
    }

    internal static string TooLarge(string fileName, long size, long limit) =>
        $"{fileName} is {Megabytes(size)}; files up to {Megabytes(limit)} can be imported. Split it, or ask an administrator to raise Import:MaxFileBytes. Nothing was read.";

    internal static string Megabytes(long bytes) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / 1024d / 1024d:0.#} MB");

    private async Task<SpreadsheetFile> ReadAsync(string fileName, byte[] content, ImportKind kind, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(content, writable: false);
        return await imports.ReadAsync(stream, fileName, kind, cancellationToken: cancellationToken);
    }

    // Checked here, not only by the page: a forged event from a browser imports nothing.
    private async Task DemandAsync(ImportKind kind)
    {
        if (await RefusalAsync(kind) is { } refusal)
        {
            throw new ImportNotAllowedException(refusal);
        }
    }
}

/// <summary>The reader's role may not import this table; the message says why and that nothing changed.</summary>
public sealed class ImportNotAllowedException(string message) : Exception(message);
