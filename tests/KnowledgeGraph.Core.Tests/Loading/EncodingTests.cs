using System.Text;
using KnowledgeGraph.Core.Errors;
using KnowledgeGraph.Core.Stages.Loading;

namespace KnowledgeGraph.Core.Tests.Loading;

public class EncodingTests
{
    [Fact]
    public async Task ReadAsync_Utf8WithoutBom_ReadsText()
    {
        // Arrange
        using var temp = new TempFolder();
        var path = temp.Write("a.txt", "Jonas Gahr Støre met Jens Stoltenberg.\n");

        // Act
        var doc = await Load.OneAsync(path);

        // Assert
        Assert.Equal("Jonas Gahr Støre met Jens Stoltenberg.", doc.Text);
        Assert.Equal("a.txt", doc.Id);
        Assert.Equal(0, doc.Part);
        Assert.Equal(path, doc.Path);
    }

    [Fact]
    public async Task ReadAsync_Utf8WithBom_DropsBom()
    {
        // Arrange
        using var temp = new TempFolder();
        var path = temp.Write("a.txt", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("Zürich talks")]);

        // Act
        var doc = await Load.OneAsync(path);

        // Assert
        Assert.Equal("Zürich talks", doc.Text);
    }

    [Fact]
    public async Task ReadAsync_Utf16LittleEndianWithBom_ReadsText()
    {
        // Arrange
        using var temp = new TempFolder();
        var path = temp.Write("a.txt", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("Kyiv – Київ\r\nsecond line")]);

        // Act
        var doc = await Load.OneAsync(path);

        // Assert
        Assert.Equal("Kyiv – Київ\nsecond line", doc.Text);
    }

    [Fact]
    public async Task ReadAsync_Utf32BigEndianWithBom_ReadsText()
    {
        // Arrange
        using var temp = new TempFolder();
        var path = temp.Write("a.txt", [0x00, 0x00, 0xFE, 0xFF, .. new UTF32Encoding(true, false).GetBytes("Oslo")]);

        // Act
        var doc = await Load.OneAsync(path);

        // Assert
        Assert.Equal("Oslo", doc.Text);
    }

    [Fact]
    public async Task ReadAsync_Windows1252Bytes_DecodesAndWarns()
    {
        // Arrange: “Café” in Windows-1252 (0x93 and 0x94 are curly quotes, 0xE9 is é); not valid UTF-8.
        using var temp = new TempFolder();
        var path = temp.Write("a.txt", [0x93, (byte)'C', (byte)'a', (byte)'f', 0xE9, 0x94, (byte)' ', 0x96, (byte)' ', (byte)'x']);

        // Act
        var (docs, warnings, _) = await Load.AllAsync(new FileDocumentSourceOptions { Inputs = [path] });

        // Assert
        Assert.Equal("\u201CCafé\u201D \u2013 x", Assert.Single(docs).Text);
        var warning = Assert.Single(warnings);
        Assert.False(warning.Skipped);
        Assert.Contains("Windows-1252", warning.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_InvalidUtf8AfterValidStart_FallsBackTo1252ForWholeFile()
    {
        // Arrange: valid ASCII for more than one read block, then a lone 0xE9.
        using var temp = new TempFolder();
        var bytes = Encoding.ASCII.GetBytes(new string('a', 100_000) + "\nCaf").Append((byte)0xE9).ToArray();
        var path = temp.Write("a.txt", bytes);

        // Act
        var doc = await Load.OneAsync(path);

        // Assert
        Assert.EndsWith("\nCafé", doc.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_ControlCharactersAndCrLf_StrippedAndNormalised()
    {
        // Arrange
        using var temp = new TempFolder();
        var path = temp.Write("a.txt", "One\u0007 two\tthree\r\nfour\rfive\u000B\u001Bsix\uFEFF\n");

        // Act
        var doc = await Load.OneAsync(path);

        // Assert
        Assert.Equal("One two\tthree\nfour\nfive\nsix", doc.Text);
    }

    [Fact]
    public async Task ReadAsync_DecomposedAccents_ComposedToNfc()
    {
        // Arrange: "Sto\u0308re"-style decomposed text, as saved by some systems; and Hangul jamo.
        using var temp = new TempFolder();
        var path = temp.Write("a.txt", "Ste\u0301phane Se\u0301journe\u0301 \u1112\u1161\u11AB");

        // Act
        var doc = await Load.OneAsync(path);

        // Assert
        Assert.Equal("Stéphane Séjourné 한", doc.Text);
    }

    [Fact]
    public async Task ReadAsync_RightToLeftAndCjkText_Preserved()
    {
        // Arrange
        using var temp = new TempFolder();
        const string text = "الأمين العام لحلف الناتو\n北大西洋公约组织秘书长 斯托尔滕贝格\nשלום 😀";
        var path = temp.Write("a.txt", text);

        // Act
        var doc = await Load.OneAsync(path);

        // Assert
        Assert.Equal(text, doc.Text);
    }

    [Theory]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0 }, "PNG image")]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37 }, "PDF")]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00 }, "ZIP archive or Office document")]
    [InlineData(new byte[] { 0x48, 0x69, 0x00, 0x21 }, "contains NUL bytes")]
    public async Task ReadAsync_BinaryFile_SkippedWithReason(byte[] bytes, string kind)
    {
        // Arrange
        using var temp = new TempFolder();
        var path = temp.Write("a.txt", bytes);

        // Act
        var (docs, warnings, stats) = await Load.AllAsync(new FileDocumentSourceOptions { Inputs = [temp.Path] });

        // Assert
        Assert.Empty(docs);
        var warning = Assert.Single(warnings);
        Assert.Equal(path, warning.File);
        Assert.True(warning.Skipped);
        Assert.Equal($"binary file ({kind}), not an article; convert it to text or remove it", warning.Reason);
        Assert.Equal(1, stats.Skipped);
    }

    [Fact]
    public async Task ReadAsync_BinaryFileUnderFailPolicy_Throws()
    {
        // Arrange
        using var temp = new TempFolder();
        var path = temp.Write("a.txt", "%PDF-1.7\n"u8.ToArray());
        var source = new FileDocumentSource(new FileDocumentSourceOptions { Inputs = [path], OnBadDocument = BadDocumentPolicy.Fail });

        // Act
        var e = await Assert.ThrowsAsync<KnowledgeGraphException>(async () =>
        {
            await foreach (var _ in source.ReadAsync())
            {
            }
        });

        // Assert
        Assert.Equal(ErrorKind.Runtime, e.Kind);
        Assert.Equal(path, e.File);
        Assert.Equal($"{path}: binary file (PDF), not an article; convert it to text or remove it", e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \n\t\r\n  ")]
    public async Task ReadAsync_EmptyOrWhitespaceFile_SkippedAsEmpty(string text)
    {
        // Arrange
        using var temp = new TempFolder();
        temp.Write("a.txt", text);

        // Act
        var (docs, warnings, _) = await Load.AllAsync(new FileDocumentSourceOptions { Inputs = [temp.Path] });

        // Assert
        Assert.Empty(docs);
        Assert.Equal("empty file", Assert.Single(warnings).Reason);
    }
}
