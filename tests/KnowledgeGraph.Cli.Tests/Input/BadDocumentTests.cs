using System.Text;
using KnowledgeGraph.Cli.Tests.Support;

namespace KnowledgeGraph.Cli.Tests.Input;

/// <summary>
/// One bad file next to a good article, through the whole <c>kg build</c>: under <c>--on-bad-document skip</c> (the default)
/// the build succeeds with one warning naming the file and the reason and a closing count; under <c>fail</c> it stops with
/// exit 1 naming the file, and writes nothing. Either way every export that is written stays valid.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class BadDocumentTests
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1];
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0, 0x21, 0x43, 0x65, 0x87, 0, 0, 0, 0];

    public static TheoryData<string, byte[], string> Skipped => new()
    {
        { "empty.txt", [], "empty file" },
        { "blank.txt", Encoding.ASCII.GetBytes("\n\n   \r\n\t\n"), "empty file" },
        { "photo.txt", Png, "binary file (PNG image), not an article; convert it to text or remove it" },
        { "report.txt", Pdf, "binary file (PDF), not an article; convert it to text or remove it" },
        { "saved-page.html", Zip, "binary file (ZIP archive or Office document), not an article; convert it to text or remove it" },
        { "nul.txt", Encoding.ASCII.GetBytes("Jens Stoltenberg met\0 Lloyd Austin.\0\0\n"), "binary file (contains NUL bytes), not an article; convert it to text or remove it" },
        { "chrome.html", Encoding.UTF8.GetBytes("<html><head><script>var a = 'Jens Stoltenberg met Lloyd Austin';</script><style>p{}</style></head><body><nav>Home</nav></body></html>"), "no article text left after removing markup and boilerplate" },
    };

    [Theory]
    [MemberData(nameof(Skipped))]
    public async Task Build_BadFileUnderSkip_WarnsNamingFileAndReasonAndSucceeds(string name, byte[] bytes, string reason)
    {
        // Arrange
        using var t = new TempDir();
        t.Write("in/article.txt", Repo.Article);
        var bad = t.Write("in/" + name, bytes);

        // Act
        var run = await Kg.BuildAsync(t["in"], t["out"]);

        // Assert
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal($"warning: skipped {bad}: {reason}", Assert.Single(run.Warnings, w => w.Contains("skipped " + bad, StringComparison.Ordinal)));
        Assert.Contains("warning: 1 file(s) skipped (see the warnings above); --on-bad-document fail stops at the first", run.StderrLines);
        Exports.AssertValid(t["out"], run.ToString());
        Assert.Contains("Jens Stoltenberg", Exports.Names(t["out"], "Person"));
    }

    [Theory]
    [MemberData(nameof(Skipped))]
    public async Task Build_BadFileUnderFail_ExitsOneNamingFileAndWritesNothing(string name, byte[] bytes, string reason)
    {
        // Arrange
        using var t = new TempDir();
        t.Write("in/article.txt", Repo.Article);
        var bad = t.Write("in/" + name, bytes);

        // Act
        var run = await Kg.BuildAsync(t["in"], t["out"], "--on-bad-document", "fail");

        // Assert
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"error: {bad}: {reason}", run.StderrLines);
        Assert.False(Directory.Exists(t["out"]), "a failed build must not create the output folder");
        Assert.Empty(Directory.EnumerateFileSystemEntries(t.Path, ".out.*"));
    }

    [Fact]
    public async Task Build_NonArticleExtensions_AreIgnoredWithoutWarningUnderBothPolicies()
    {
        // Arrange: a folder as people have it: the article, a PDF, an image, an archive.
        using var t = new TempDir();
        t.Write("in/article.txt", Repo.Article);
        t.Write("in/report.pdf", Pdf);
        t.Write("in/photo.png", Png);
        t.Write("in/archive.zip", Zip);

        // Act
        var skip = await Kg.BuildAsync(t["in"], t["out"]);
        var fail = await Kg.BuildAsync(t["in"], t["out2"], "--on-bad-document", "fail");

        // Assert
        Assert.True(skip.ExitCode == 0, skip.ToString());
        Assert.True(fail.ExitCode == 0, fail.ToString());
        Assert.Empty(skip.Warnings);
        Assert.Contains("3 file(s) ignored: not .txt, .md or .html (or hidden)", skip.StderrLines);
        Exports.AssertValid(t["out"], skip.ToString());
    }

    [Fact]
    public async Task Build_NotFound_ExitsTwoNamingTheInput()
    {
        // Arrange
        using var t = new TempDir();

        // Act
        var run = await Kg.BuildAsync(t["missing"], t["out"]);

        // Assert
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"error: input '{t["missing"]}' not found (give a file or folder of .txt, .md or .html articles)", run.StderrLines);
    }
}
