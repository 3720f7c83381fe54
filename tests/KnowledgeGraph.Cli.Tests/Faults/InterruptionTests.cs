using KnowledgeGraph.Cli.Commands;
using KnowledgeGraph.Cli.Tests.Support;
using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.Writers;

namespace KnowledgeGraph.Cli.Tests.Faults;

/// <summary>
/// Ctrl+C, SIGTERM and SIGKILL during <c>kg build</c>: the previous graph-exports/ stays byte-identical, no temporary
/// folder is left behind (or the next run removes it), and the next run works.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class InterruptionTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Build_CancelledWhileReading_ExitsOneThirtyAndLeavesPreviousOutputIntact()
    {
        // Arrange: a previous build, then a folder whose last file is bad: its warning (sent while the folder is being read,
        // before anything is written) is where the test presses Ctrl+C. No timing involved.
        using var t = new TempDir();
        Assert.Equal(0, (await Kg.BuildAsync(Repo.Seeds, t["out"])).ExitCode);
        var before = Exports.Snapshot(t["out"]);
        WriteArticles(t, 300);
        t.Write("in/zz-empty.txt", "");
        using var cts = new CancellationTokenSource();

        // Act
        var run = await Kg.RunAsync(["build", t["in"], "--out", t["out"], "--data", Repo.Data], cts.Token,
            line => { if (line.Contains("skipped", StringComparison.Ordinal)) cts.Cancel(); });

        // Assert
        Assert.True(run.ExitCode == 130, run.ToString());
        Assert.Contains("error: cancelled; nothing was replaced (the previous output is intact)", run.StderrLines);
        Assert.Equal(before, Exports.Snapshot(t["out"]));
        Assert.Empty(Directory.EnumerateDirectories(t.Path, ".out.*"));

        // A second run works.
        var again = await Kg.BuildAsync(t["in"], t["out"]);
        Assert.True(again.ExitCode == 0, again.ToString());
        Exports.AssertValid(t["out"]);
        Assert.Equal(300, Exports.Names(t["out"], "Article").Count);
    }

    [Fact]
    public async Task WriteAtomically_CancelledBetweenWriters_RemovesTemporaryFolderAndKeepsTarget()
    {
        // Arrange: the second writer sees Ctrl+C after the first has written its file into the temporary folder.
        using var t = new TempDir();
        Assert.Equal(0, (await Kg.BuildAsync(Repo.Seeds, t["out"])).ExitCode);
        var before = Exports.Snapshot(t["out"]);
        using var cts = new CancellationTokenSource();
        var writers = new IGraphWriter[] { GraphWriters.All[0], new CancellingWriter(cts), GraphWriters.All[1] };
        var graph = await Writers.Json.JsonGraphReader.ReadAsync(Path.Combine(t["out"], "graph.json"), CancellationToken.None);

        // Act
        var error = await Record.ExceptionAsync(() => BuildCommand.WriteAtomicallyAsync(t["out"], graph, writers, cts.Token));

        // Assert
        Assert.IsAssignableFrom<OperationCanceledException>(error);
        Assert.Equal(before, Exports.Snapshot(t["out"]));
        Assert.Empty(Directory.EnumerateDirectories(t.Path, ".out.*"));
    }

    [Fact]
    public async Task Build_LeftoversOfAKilledBuild_AreRemovedAndAMissingOutputRestored()
    {
        // Arrange: what SIGKILL between the two renames leaves: the output moved aside, the new one still temporary.
        using var t = new TempDir();
        Assert.Equal(0, (await Kg.BuildAsync(Repo.Seeds, t["out"])).ExitCode);
        var before = Exports.Snapshot(t["out"]);
        const int DeadPid = 99_999_999;
        Directory.Move(t["out"], t[$".out.old-{DeadPid}-0123"]);
        t.Write($".out.tmp-{DeadPid}-4567/graph.json", "{\"type\":\"node\",");
        t.Write("in/empty.txt", "");

        // Act: even a build that fails puts the previous output back first.
        var run = await Kg.BuildAsync(t["in"], t["out"], "--on-bad-document", "fail");

        // Assert
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"warning: restored {t["out"]} from {t[$".out.old-{DeadPid}-0123"]}: an earlier build was killed while swapping its output in", run.StderrLines);
        Assert.Equal(before, Exports.Snapshot(t["out"]));
        Assert.Empty(Directory.EnumerateDirectories(t.Path, ".out.*"));
    }

    [Fact]
    public async Task Build_KilledMidRun_PreviousOutputIntactAndNextRunSucceeds()
    {
        // Arrange
        using var t = new TempDir();
        Assert.Equal(0, (await Kg.BuildAsync(Repo.Seeds, t["out"])).ExitCode);
        var before = Exports.Snapshot(t["out"]);
        WriteArticles(t, 3_000);

        // Act: SIGKILL once the child has analysed 1,000 articles (a milestone line on redirected stderr).
        using (var child = ChildKg.Start("build", t["in"], "--out", t["out"], "--data", Repo.Data))
        {
            await child.WaitForLineAsync(l => l.StartsWith("analysed 1,000 ", StringComparison.Ordinal), Patience);
            child.Kill();
            await child.WaitForExitAsync(Patience);
        }

        // Assert
        Assert.Equal(before, Exports.Snapshot(t["out"]));
        using var again = ChildKg.Start("build", t["in"], "--out", t["out"], "--data", Repo.Data);
        var (code, _) = await again.WaitForExitAsync(Patience);
        Assert.True(code == 0, again.Stderr);
        Exports.AssertValid(t["out"]);
        Assert.Equal(3_000, Exports.Names(t["out"], "Article").Count);
        Assert.Empty(Directory.EnumerateDirectories(t.Path, ".out.*"));
    }

    [SkippableFact]
    public async Task Build_Sigterm_CancelsCleanlyWithExitOneThirty()
    {
        Skip.If(OperatingSystem.IsWindows(), "POSIX signals");

        // Arrange
        using var t = new TempDir();
        Assert.Equal(0, (await Kg.BuildAsync(Repo.Seeds, t["out"])).ExitCode);
        var before = Exports.Snapshot(t["out"]);
        WriteArticles(t, 3_000);

        // Act
        using var child = ChildKg.Start("build", t["in"], "--out", t["out"], "--data", Repo.Data);
        await child.WaitForLineAsync(l => l.StartsWith("analysed 1,000 ", StringComparison.Ordinal), Patience);
        child.Terminate();
        var (code, _) = await child.WaitForExitAsync(Patience);

        // Assert
        Assert.True(code == 130, $"exit {code}\n{child.Stderr}");
        Assert.Contains("error: cancelled; nothing was replaced (the previous output is intact)", child.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, Exports.Snapshot(t["out"]));
        Assert.Empty(Directory.EnumerateDirectories(t.Path, ".out.*"));
    }

    [Fact]
    public async Task Version_OfTheBuiltProgram_IsPrintedWithExitZero()
    {
        // In-process, --version reports the test host's version (System.CommandLine reads the entry assembly), so ask kg itself.
        using var child = ChildKg.Start("--version");
        var (code, stdout) = await child.WaitForExitAsync(Patience);
        Assert.Equal(0, code);
        Assert.Matches(@"^0\.1\.0(\+[0-9a-f]+)?\s*$", stdout);
    }

    private static void WriteArticles(TempDir t, int count)
    {
        for (var i = 0; i < count; i++)
            t.Write($"in/{i:D5}.txt", $"Note {i}\n\nJens Stoltenberg met Lloyd Austin in Brussels on day {i % 28 + 1} of February 2023.\n");
    }


    private sealed class CancellingWriter(CancellationTokenSource cts) : IGraphWriter
    {
        public string Name => "cancel";

        public string Description => "presses Ctrl+C";

        public Task WriteAsync(PropertyGraph graph, string outputDirectory, CancellationToken cancellationToken)
        {
            File.WriteAllText(Path.Combine(outputDirectory, "partial.txt"), "half");
            cts.Cancel();
            cancellationToken.ThrowIfCancellationRequested();
            return Task.CompletedTask;
        }
    }
}
