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
    public const string NotAllowed = "Only an IT director or an administrator may import into the inventory; nothing was changed.";

    public long MaxFileBytes => imports.MaxFileBytes;

    /// <summary>Reads an uploaded file; a file over the limit is refused from its size, before a byte is read.</summary>
    /// <exception cref="SpreadsheetFileException">The file cannot be read; the message says why.</exception>
    public async Task<UploadedSpreadsheet> UploadAsync(IBrowserFile upload, ImportKind kind, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        await DemandAsync();
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
        await DemandAsync();
        // Off the circuit's thread: a large file is checked while the page keeps showing progress.
        return await Task.Run(() => imports.PlanAsync(upload.File, mapping, progress, cancellationToken), cancellationToken);
    }

    public async Task<ImportPlan> CommitAsync(UploadedSpreadsheet upload, ImportMapping mapping, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        await DemandAsync();
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
        await DemandAsync();
        await imports.SavePresetAsync(name, mapping, await access.ActorAsync(), cancellationToken);
    }

    public async Task<bool> DeletePresetAsync(ImportKind kind, string name, CancellationToken cancellationToken = default)
    {
        await DemandAsync();
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

    private async Task DemandAsync()
    {
        if (!await access.AllowsAsync(AccessPolicies.EditInventory))
        {
            throw new AccessDeniedException(AccessPolicies.EditInventory);
        }
    }
}
