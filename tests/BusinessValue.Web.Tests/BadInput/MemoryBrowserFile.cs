using Microsoft.AspNetCore.Components.Forms;

namespace BusinessValue.Web.Tests.BadInput;

/// <summary>A file as the import page's upload control hands it over, from bytes in memory.</summary>
internal sealed class MemoryBrowserFile(string name, byte[] content) : IBrowserFile
{
    public string Name => name;

    public DateTimeOffset LastModified => DateTimeOffset.UnixEpoch;

    public long Size => content.Length;

    public string ContentType => string.Empty;

    public Stream OpenReadStream(long maxAllowedSize = 512000, CancellationToken cancellationToken = default) =>
        content.Length > maxAllowedSize ? throw new IOException($"{name} is larger than {maxAllowedSize} bytes.") : new MemoryStream(content, writable: false);
}
