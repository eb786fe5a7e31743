using BusinessValue.Infrastructure.Spreadsheets;
using BusinessValue.Testing;

namespace BusinessValue.Infrastructure.Tests.Spreadsheets;

public sealed class ImportDocumentationTests
{
    [Fact]
    public void Columns_DocsImportMd_HoldsTheSectionWrittenFromTheColumnDescriptions()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryFolder.Root, "docs", "import.md")).ReplaceLineEndings("\n");
        var start = text.IndexOf(ImportDocumentation.Start, StringComparison.Ordinal);
        var end = text.IndexOf(ImportDocumentation.End, StringComparison.Ordinal);

        start.Should().BeGreaterThanOrEqualTo(0, "docs/import.md marks where the generated columns go");
        text[start..(end + ImportDocumentation.End.Length)].Should().Be(ImportDocumentation.Columns(),
            "docs/import.md is written from ImportTables: paste ImportDocumentation.Columns() between the markers after changing a column");
    }
}
