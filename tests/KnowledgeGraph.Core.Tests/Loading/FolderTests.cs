using System.Runtime.Versioning;
using KnowledgeGraph.Core.Errors;
using KnowledgeGraph.Core.Stages.Loading;

namespace KnowledgeGraph.Core.Tests.Loading;

public class FolderTests
{
    [Fact]
    public async Task ReadAsync_NestedFoldersWithLinkLoop_ReadsEachFileOnceInOrdinalOrder()
    {
        // Arrange
        using var temp = new TempFolder();
        temp.Write("b.txt", "B");
        temp.Write("a.md", "A");
        temp.Write("Z.txt", "Z");
        temp.Write("sub/c.txt", "C");
        temp.Write("sub/deeper/d.html", "<p>D</p>");
        temp.Write("sub/skip.pdf", "not an extension we read");
        temp.Write(".hidden.txt", "hidden");
        temp.Write(".git/e.txt", "hidden folder");
        temp.Write("a.md.date", "2023-05-30");
        Directory.CreateSymbolicLink(Path.Combine(temp.Path, "sub", "deeper", "loop"), Path.Combine(temp.Path, "sub"));
        Directory.CreateSymbolicLink(Path.Combine(temp.Path, "self"), Path.Combine(temp.Path, "self"));

        // Act
        var (docs, warnings, stats) = await Load.AllAsync(new FileDocumentSourceOptions { Inputs = [temp.Path] });

        // Assert
        Assert.Equal(["Z.txt", "a.md", "b.txt", "sub/c.txt", "sub/deeper/d.html"], docs.Select(d => d.Id));
        Assert.Equal(["Z", "A", "B", "C", "D"], docs.Select(d => d.Text));
        Assert.Equal(new DateOnly(2023, 5, 30), docs[1].Published);
        Assert.All(warnings, w => Assert.False(w.Skipped));
        Assert.Contains(warnings, w => w.File.EndsWith("loop", StringComparison.Ordinal));
        Assert.Equal(5, stats.Documents);
        Assert.Equal(0, stats.Skipped);
    }

    [Fact]
    public async Task ReadAsync_ThousandSmallFiles_ReadsAll()
    {
        // Arrange
        using var temp = new TempFolder();
        for (var i = 0; i < 1000; i++)
            temp.Write($"d{i % 10}/f{i:D4}.txt", $"Article {i}.");

        // Act
        var (docs, _, stats) = await Load.AllAsync(new FileDocumentSourceOptions { Inputs = [temp.Path] });

        // Assert
        Assert.Equal(1000, docs.Count);
        Assert.Equal("d0/f0000.txt", docs[0].Id);
        Assert.Equal("d9/f0999.txt", docs[^1].Id);
        Assert.Equal(docs.Select(d => d.Id).Order(StringComparer.Ordinal), docs.Select(d => d.Id));
        Assert.Equal(1000, stats.Parts);
    }

    [SkippableFact]
    [UnsupportedOSPlatform("windows")]
    public async Task ReadAsync_UnreadableFile_SkippedWithWarning()
    {
        // Arrange
        Skip.If(OperatingSystem.IsWindows(), "Unix permissions");
        using var temp = new TempFolder();
        var path = temp.Write("secret.txt", "text");
        temp.Write("ok.txt", "fine");
        File.SetUnixFileMode(path, UnixFileMode.None);
        Skip.If(CanRead(path), "running as root: chmod 000 does not block reads");

        // Act
        var (docs, warnings, stats) = await Load.AllAsync(new FileDocumentSourceOptions { Inputs = [temp.Path] });

        // Assert
        Assert.Equal("ok.txt", Assert.Single(docs).Id);
        var warning = Assert.Single(warnings);
        Assert.Equal(path, warning.File);
        Assert.StartsWith("cannot read the file", warning.Reason, StringComparison.Ordinal);
        Assert.Equal(1, stats.Skipped);
    }

    [SkippableFact]
    [UnsupportedOSPlatform("windows")]
    public async Task ReadAsync_UnreadableFolder_SkippedWithWarning()
    {
        // Arrange
        Skip.If(OperatingSystem.IsWindows(), "Unix permissions");
        using var temp = new TempFolder();
        temp.Write("locked/a.txt", "text");
        temp.Write("ok.txt", "fine");
        var locked = Path.Combine(temp.Path, "locked");
        File.SetUnixFileMode(locked, UnixFileMode.None);
        Skip.If(CanList(locked), "running as root: chmod 000 does not block reads");

        // Act
        var (docs, warnings, _) = await Load.AllAsync(new FileDocumentSourceOptions { Inputs = [temp.Path] });

        // Assert
        Assert.Equal("ok.txt", Assert.Single(docs).Id);
        Assert.Equal(locked, Assert.Single(warnings).File);
    }

    [Fact]
    public async Task ReadAsync_MissingInput_ThrowsValidationError()
    {
        // Arrange
        var source = new FileDocumentSource(new FileDocumentSourceOptions { Inputs = ["/no/such/folder"] });

        // Act
        var e = await Assert.ThrowsAsync<KnowledgeGraphException>(async () =>
        {
            await foreach (var _ in source.ReadAsync())
            {
            }
        });

        // Assert
        Assert.Equal(ErrorKind.Validation, e.Kind);
        Assert.Equal("/no/such/folder: no such file or folder; check the path", e.Message);
    }

    [Fact]
    public async Task ReadAsync_DateSources_OverrideBeatsSidecarBeatsText()
    {
        // Arrange
        using var temp = new TempFolder();
        temp.Write("a.txt", "Headline\nPublished: 1 June 2023\nText.");
        temp.Write("a.txt.date", "2023-05-30\n");
        temp.Write("sub/b.txt", "Headline\nPublished: 1 June 2023\nText.");
        temp.Write("sub/b.txt.date", "2023-05-30");
        temp.Write("c.txt", "Headline\nPublished: 1 June 2023\nText.");
        var options = new FileDocumentSourceOptions
        {
            Inputs = [temp.Path],
            DateOverrides = new Dictionary<string, DateOnly> { ["sub/b.txt"] = new(2020, 1, 2), ["gone.txt"] = new(2020, 1, 3) },
        };

        // Act
        var (docs, warnings, stats) = await Load.AllAsync(options);

        // Assert
        Assert.Equal([new DateOnly(2023, 5, 30), new DateOnly(2023, 6, 1), new DateOnly(2020, 1, 2)], docs.Select(d => d.Published));
        Assert.Equal("the date given for 'gone.txt' matched no article that was read; check the file name", Assert.Single(warnings).Reason);
        Assert.Equal(3, stats.Dated);
    }

    [Fact]
    public async Task ReadAsync_BadSidecar_ThrowsDataFileError()
    {
        // Arrange
        using var temp = new TempFolder();
        var path = temp.Write("a.txt", "Text.");
        var sidecar = temp.Write("a.txt.date", "30/05/2023");
        var source = new FileDocumentSource(new FileDocumentSourceOptions { Inputs = [path] });

        // Act
        var e = await Assert.ThrowsAsync<KnowledgeGraphException>(async () =>
        {
            await foreach (var _ in source.ReadAsync())
            {
            }
        });

        // Assert
        Assert.Equal(sidecar, e.File);
        Assert.Equal(1, e.Line);
        Assert.Equal(
            $"{sidecar}:1: expected the article's date as YYYY-MM-DD, found '30/05/2023'; write a date such as 2023-05-30 on the first line, or delete the file",
            e.Message);
    }

    [Fact]
    public async Task ReadAsync_ExplicitFileWithOtherExtension_NotReadAndWarned()
    {
        // Arrange
        using var temp = new TempFolder();
        var path = temp.Write("notes.rtf", "text");

        // Act
        var (docs, warnings, stats) = await Load.AllAsync(new FileDocumentSourceOptions { Inputs = [path] });

        // Assert
        Assert.Empty(docs);
        Assert.StartsWith("not read: '.rtf' is not an article extension", Assert.Single(warnings).Reason, StringComparison.Ordinal);
        Assert.Equal(1, stats.Ignored);
    }

    private static bool CanRead(string path)
    {
        try
        {
            using var _ = File.OpenRead(path);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool CanList(string path)
    {
        try
        {
            _ = Directory.GetFileSystemEntries(path);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
