using System.Text;
using BusinessValue.Infrastructure.Spreadsheets;
using MiniExcelLibs;

namespace BusinessValue.Infrastructure.Tests.Spreadsheets;

public sealed class SpreadsheetFileTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ReadAsync_Utf8WithOrWithoutByteOrderMark_ReadsTheSameHeadingsAndCells(bool byteOrderMark)
    {
        var file = await CsvAsync("Name,Category\r\nZürich ERP,ERP\r\n", byteOrderMark);

        file.Headings.Should().Equal("Name", "Category");
        file.Rows().Should().ContainSingle().Which.Cells.Should().Equal("Zürich ERP", "ERP");
    }

    [Fact]
    public async Task ReadAsync_SemicolonDelimited_DetectsTheDelimiterAndDecimalComma()
    {
        var file = await CsvAsync("Name;Licence cost\nERP;1.234,5\n");

        file.Delimiter.Should().Be(';');
        file.DecimalComma.Should().BeTrue();
        file.Rows().Single().Cells.Should().Equal("ERP", "1.234,5");
    }

    [Fact]
    public async Task ReadAsync_QuotedFields_KeepEmbeddedDelimitersLineBreaksAndQuotesInOneRow()
    {
        var file = await CsvAsync("Name,Vendor,Owner\n\"ERP, finance\",\"Line one\nline two\",\"She said \"\"hi\"\"\"\nCRM,Acme,Bob\n");

        var rows = file.Rows().ToList();
        rows.Should().HaveCount(2);
        rows[0].Cells.Should().Equal("ERP, finance", "Line one\nline two", "She said \"hi\"");
        rows[1].Number.Should().Be(3, "a record with a line break inside quotes is still one row of the spreadsheet");
    }

    [Fact]
    public async Task ReadAsync_BlankTrailingRows_AreIgnored()
    {
        var file = await CsvAsync("Name,Category\nERP,ERP\n,\n\n  ,  \n");

        file.Rows().Should().ContainSingle();
    }

    [Fact]
    public async Task ReadAsync_InvalidUtf8_IsRefusedWithAClearMessage()
    {
        var bytes = Encoding.UTF8.GetBytes("Name,Category\nERP,ERP\n").Concat(new byte[] { 0x5A, 0xFC, 0x72, 0x69, 0x63, 0x68, 0x2C, 0x45, 0x0A }).ToArray();

        var read = () => SpreadsheetFile.ReadAsync(new MemoryStream(bytes), "latin1.csv", ImportKind.Systems);

        (await read.Should().ThrowAsync<SpreadsheetFileException>()).Which.Message.Should().Contain("latin1.csv is not UTF-8").And.Contain("line 3");
    }

    [Fact]
    public async Task ReadAsync_StreamLongerThanTheLimit_IsRefusedBeforeAnyByteIsRead()
    {
        var stream = new UnreadableStream(length: 21L * 1024 * 1024);

        var read = () => SpreadsheetFile.ReadAsync(stream, "huge.csv", ImportKind.Systems);

        (await read.Should().ThrowAsync<SpreadsheetFileException>()).Which.Message.Should().Contain("larger than the import limit of 20 MB");
        stream.BytesRead.Should().Be(0);
    }

    [Fact]
    public async Task ReadAsync_StreamOfUnknownLengthBeyondTheLimit_StopsReadingAtTheLimit()
    {
        var stream = new EndlessStream();

        var read = () => SpreadsheetFile.ReadAsync(stream, "pipe.csv", ImportKind.Systems, maxBytes: 1000);

        await read.Should().ThrowAsync<SpreadsheetFileException>();
        stream.BytesRead.Should().BeLessThan(1000 + 81920 + 1);
    }

    [Fact]
    public async Task ReadAsync_WorkbookWithASheetNamedLikeTheKind_ReadsThatSheet()
    {
        using var workbook = new MemoryStream();
        var sheets = new Dictionary<string, object>
        {
            ["Notes"] = new[] { new Dictionary<string, object?> { ["Text"] = "ignore me" } },
            ["Departments"] = new[] { new Dictionary<string, object?> { ["Department"] = "Sales", ["Headcount"] = 40 } },
        };
        MiniExcel.SaveAs(workbook, sheets);
        workbook.Position = 0;

        var file = await SpreadsheetFile.ReadAsync(workbook, "org.xlsx", ImportKind.Departments);

        file.Sheet.Should().Be("Departments");
        file.Headings.Should().Equal("Department", "Headcount");
        file.Rows().Single().Cells.Should().Equal("Sales", "40");
    }

    [Fact]
    public async Task ReadAsync_OldExcelWorkbook_IsRefusedWithWhatToDo()
    {
        var read = () => SpreadsheetFile.ReadAsync(new MemoryStream([1, 2, 3]), "old.xls", ImportKind.Systems);

        (await read.Should().ThrowAsync<SpreadsheetFileException>()).Which.Message.Should().Contain("save it as .xlsx or CSV");
    }

    private static Task<SpreadsheetFile> CsvAsync(string text, bool byteOrderMark = false)
    {
        var bytes = new UTF8Encoding(byteOrderMark).GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();
        return SpreadsheetFile.ReadAsync(new MemoryStream(bytes), "test.csv", ImportKind.Systems);
    }

    /// <summary>Knows its length, fails the test if anyone reads it.</summary>
    private sealed class UnreadableStream(long length) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get; set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            BytesRead += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Like a network stream: no length, never ends.</summary>
    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)'a', offset, count);
            BytesRead += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
