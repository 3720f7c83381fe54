using System.Globalization;
using System.Text;
using KnowledgeGraph.Cli.Tests.Support;
using Xunit.Abstractions;

namespace KnowledgeGraph.Cli.Tests.Input;

/// <summary>Folders as people have them: unreadable entries, symbolic-link loops, very many files, a huge dump.</summary>
[Collection(CliCollection.Name)]
public sealed class FolderTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Build_BrokenSymlinkAsArticle_SkippedAsUnreadableOrFailsNamingIt()
    {
        // Arrange: a .txt that cannot be opened (its link points nowhere); this works even when the tests run as root.
        using var t = new TempDir();
        t.Write("in/article.txt", Repo.Article);
        var link = t["in/gone.txt"];
        File.CreateSymbolicLink(link, t["nowhere/missing.txt"]);

        // Act
        var skip = await Kg.BuildAsync(t["in"], t["out"]);
        var fail = await Kg.BuildAsync(t["in"], t["out2"], "--on-bad-document", "fail");

        // Assert
        Assert.True(skip.ExitCode == 0, skip.ToString());
        var warning = Assert.Single(skip.Warnings, w => w.StartsWith("warning: skipped ", StringComparison.Ordinal));
        Assert.StartsWith($"warning: skipped {link}: cannot read the file (", warning, StringComparison.Ordinal);
        Assert.EndsWith("); check its permissions", warning, StringComparison.Ordinal);
        Assert.Contains("warning: 1 file(s) skipped (see the warnings above); --on-bad-document fail stops at the first", skip.StderrLines);
        Exports.AssertValid(t["out"], skip.ToString());
        Assert.True(fail.ExitCode == 1, fail.ToString());
        Assert.Contains(fail.StderrLines, l => l.StartsWith($"error: {link}: cannot read the file (", StringComparison.Ordinal));
        Assert.False(Directory.Exists(t["out2"]));
    }

    [SkippableFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Build_FileWithoutReadPermission_SkippedNamingPermissions()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix permissions");
        using var t = new TempDir();
        var probe = t.Write("probe.txt", "x");
        File.SetUnixFileMode(probe, UnixFileMode.None);
        var readable = true;
        try
        {
            File.ReadAllBytes(probe);
        }
        catch (UnauthorizedAccessException)
        {
            readable = false;
        }
        Skip.If(readable, "running as root: mode 000 does not stop reads (the broken-link test covers unreadable files)");

        // Arrange
        t.Write("in/article.txt", Repo.Article);
        var locked = t.Write("in/locked.txt", Repo.Article);
        File.SetUnixFileMode(locked, UnixFileMode.None);
        Directory.CreateDirectory(t["in/private"]);
        t.Write("in/private/a.txt", Repo.Article);
        File.SetUnixFileMode(t["in/private"], UnixFileMode.None);

        // Act
        var skip = await Kg.BuildAsync(t["in"], t["out"]);
        var fail = await Kg.BuildAsync(t["in"], t["out2"], "--on-bad-document", "fail");

        // Assert
        Assert.True(skip.ExitCode == 0, skip.ToString());
        Assert.Contains(skip.Warnings, w => w.StartsWith($"warning: skipped {locked}: cannot read the file (", StringComparison.Ordinal) && w.EndsWith("check its permissions", StringComparison.Ordinal));
        Assert.Contains(skip.Warnings, w => w.StartsWith($"warning: skipped {t["in/private"]}: cannot read the folder (", StringComparison.Ordinal));
        Assert.Contains("warning: 2 file(s) skipped (see the warnings above); --on-bad-document fail stops at the first", skip.StderrLines);
        Exports.AssertValid(t["out"], skip.ToString());
        Assert.Equal(1, fail.ExitCode);
    }

    [Fact]
    public async Task Build_SymlinkLoop_ReadsEachFolderOnceAndSucceeds()
    {
        // Arrange: in/sub/back -> in (a loop), in/self -> in/self (a link to itself), in/alias -> in/sub (a second route).
        using var t = new TempDir();
        t.Write("in/article.txt", Repo.Article);
        t.Write("in/sub/other.txt", Repo.Article.Replace("Feb. 8, 2023", "March 1, 2024", StringComparison.Ordinal));
        Directory.CreateSymbolicLink(t["in/sub/back"], t["in"]);
        Directory.CreateSymbolicLink(t["in/self"], t["in/self"]);
        Directory.CreateSymbolicLink(t["in/alias"], t["in/sub"]);

        // Act
        var run = await Kg.BuildAsync(t["in"], t["out"], "--on-bad-document", "fail");

        // Assert
        Assert.True(run.ExitCode == 0, run.ToString());
        // Folders are walked in name order, so in/alias is read before in/sub; the loop back to in/ is cut once.
        Assert.Contains($"warning: {t["in/alias/back"]}: not read again: the same folder as {t["in"]} (a symbolic link)", run.Warnings);
        Assert.Contains($"warning: {t["in/sub"]}: not read again: the same folder as {t["in/sub"]} (a symbolic link)", run.Warnings);
        Assert.DoesNotContain(run.Warnings, w => w.Contains("skipped", StringComparison.Ordinal));
        Exports.AssertValid(t["out"], run.ToString());
        Assert.Equal(2, Exports.Names(t["out"], "Article").Count);
    }

    [Fact]
    public async Task Build_TenThousandSmallFiles_AllReadWithBoundedMemory()
    {
        // Arrange: 10,000 short articles in 100 folders.
        using var t = new TempDir();
        for (var i = 0; i < 10_000; i++)
            t.Write($"in/{i / 100:D3}/{i:D5}.txt", $"Note {i}\n\nJens Stoltenberg met Lloyd Austin in Brussels on day {i % 28 + 1} of February 2023.\n");

        // Act
        using var memory = new MemoryProbe();
        var run = await Kg.BuildAsync(t["in"], t["out"], "--on-bad-document", "fail");
        var peak = memory.PeakMegabytes;

        // Assert
        Assert.True(run.ExitCode == 0, run.ToString());
        Exports.AssertValid(t["out"], "10,000 files");
        Assert.Equal(10_000, Exports.Names(t["out"], "Article").Count);
        Assert.True(peak < 500, $"peak managed heap {peak:F0} MB for 10,000 files");
        output.WriteLine($"[figures] 10,000 files: peak managed heap +{peak:F0} MB; {run.StderrLines.FirstOrDefault(l => l.StartsWith("throughput", StringComparison.Ordinal))}");
    }

    [Fact]
    [Trait("Category", "Large")]
    public async Task Build_TwoHundredMegabyteDump_StreamedNotHeldWhole()
    {
        // Arrange: a 200 MB web dump: separator lines, with an article every 10 MB. The loader must read all of it (UTF-8
        // check, line reading, boilerplate) but analysis stays cheap, so the test runs in the default suite.
        using var t = new TempDir();
        var file = t["in/dump.txt"];
        Directory.CreateDirectory(t["in"]);
        var filler = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(new string('=', 71) + "\n", 1024 * 1024 / 72)));
        var article = Encoding.UTF8.GetBytes(Repo.SeedTexts[2] + "\n");
        await using (var stream = File.Create(file))
        {
            for (var mb = 0; mb < 200; mb++)
            {
                if (mb % 10 == 0)
                    await stream.WriteAsync(article);
                await stream.WriteAsync(filler);
            }
        }
        var size = new FileInfo(file).Length;

        // Act
        using var memory = new MemoryProbe();
        var run = await Kg.BuildAsync(t["in"], t["out"], "--on-bad-document", "fail");
        var peak = memory.PeakMegabytes;

        // Assert: a whole-file string would be twice the file size (UTF-16); the heap stays far below the file.
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(size >= 200_000_000, $"{size} bytes");
        Exports.AssertValid(t["out"], run.ToString());
        Assert.Contains("Jens Stoltenberg", Exports.Names(t["out"], "Person"));
        Assert.True(peak < size / 1048576.0 / 2, $"peak managed heap {peak:F0} MB for a {size / 1048576} MB file");
        output.WriteLine($"[figures] 200 MB dump: peak managed heap +{peak:F0} MB; {run.StderrLines.FirstOrDefault(l => l.StartsWith("throughput", StringComparison.Ordinal))}");
    }

    [SkippableFact]
    [Trait("Category", "Large")]
    public async Task Build_TwoHundredMegabytesOfProse_StreamedNotHeldWhole()
    {
        // Analysing 200 MB of real prose takes minutes on two cores, so this one runs only on request.
        Skip.IfNot(Environment.GetEnvironmentVariable("KG_LARGE_TESTS") == "1", "set KG_LARGE_TESTS=1 to analyse 200 MB of prose (several minutes)");

        // Arrange
        using var t = new TempDir();
        var file = t["in/prose.txt"];
        Directory.CreateDirectory(t["in"]);
        // Article bodies only: the seeds end in page chrome that ends an article, and the rest of the file would be dropped.
        var seeds = Repo.SeedTexts.Select(s => Encoding.UTF8.GetBytes(s[..s.LastIndexOf('\n', s.Length * 6 / 10)] + "\n\n")).ToList();
        await using (var stream = File.Create(file))
        {
            for (var i = 0; stream.Length < 200L * 1024 * 1024; i++)
                await stream.WriteAsync(seeds[i % seeds.Count]);
        }
        var size = new FileInfo(file).Length;

        // Act
        using var memory = new MemoryProbe();
        var run = await Kg.BuildAsync(t["in"], t["out"], "--on-bad-document", "fail");
        var peak = memory.PeakMegabytes;

        // Assert
        Assert.True(run.ExitCode == 0, run.ToString());
        Exports.AssertValid(t["out"], run.ToString());
        Assert.True(peak < size / 1048576.0, $"peak managed heap {peak:F0} MB for a {size / 1048576} MB file");
        var sentences = System.Text.RegularExpressions.Regex.Match(run.Stderr, @"MB, ([\d,]+) sentences\)").Groups[1].Value;
        Assert.True(long.Parse(sentences, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) > 1_000_000, $"only {sentences} sentences analysed");
        output.WriteLine($"[figures] 200 MB prose: peak managed heap +{peak:F0} MB; {run.StderrLines.FirstOrDefault(l => l.StartsWith("throughput", StringComparison.Ordinal))}");
    }
}
