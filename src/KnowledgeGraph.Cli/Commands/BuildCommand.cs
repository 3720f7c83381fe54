using System.CommandLine;
using System.Globalization;
using KnowledgeGraph.Analysis;
using KnowledgeGraph.Cli.Console;
using KnowledgeGraph.Core.Errors;
using KnowledgeGraph.Core.Pipeline;
using KnowledgeGraph.Core.Stages.Loading;
using KnowledgeGraph.Writers;

namespace KnowledgeGraph.Cli.Commands;

/// <summary>Settings of <c>kg build</c>, bound from the command line.</summary>
internal sealed class BuildSettings
{
    public List<string> Inputs { get; set; } = [];
    public string Out { get; set; } = "graph-exports";
    public string Formats { get; set; } = "all";
    public string? Data { get; set; }
    public List<string> DateOf { get; set; } = [];
    public string OnBadDocument { get; set; } = "skip";
    public int Parallelism { get; set; }
    public bool Quiet { get; set; }

    /// <summary>Checks the settings; returns the date overrides.</summary>
    public Dictionary<string, DateOnly> Validate()
    {
        if (Inputs.Count == 0)
            throw KnowledgeGraphException.Usage("kg build needs at least one file or folder of articles (kg build seeds --out graph-exports)");
        foreach (var input in Inputs)
        {
            // The inputs argument takes any token, so a mistyped option arrives here as an input: name it as an option.
            if (input.StartsWith('-') && !File.Exists(input) && !Directory.Exists(input))
                throw KnowledgeGraphException.Usage($"unknown option '{input}' for kg build (see kg build --help; for a file whose name starts with '-', write ./{input})");
            if (!File.Exists(input) && !Directory.Exists(input))
                throw KnowledgeGraphException.Usage($"input '{input}' not found (give a file or folder of .txt, .md or .html articles)");
        }
        if (OnBadDocument is not ("skip" or "fail"))
            throw KnowledgeGraphException.Usage($"--on-bad-document '{OnBadDocument}' is not a policy (expected skip or fail)");
        if (Parallelism < 0)
            throw KnowledgeGraphException.Usage("--parallelism must be 0 (all cores) or more");
        var dates = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        foreach (var d in DateOf)
        {
            var eq = d.LastIndexOf('=');
            if (eq <= 0 || !DateOnly.TryParseExact(d[(eq + 1)..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                throw KnowledgeGraphException.Usage($"--date-of '{d}' is not FILE=YYYY-MM-DD (e.g. --date-of article.txt=2023-05-30)");
            dates[d[..eq]] = date;
        }
        return dates;
    }
}

/// <summary><c>kg build</c>: articles in, graph exports out.</summary>
internal static class BuildCommand
{
    public static Command Create(Func<Reporter> reporterFactory)
    {
        var inputs = new Argument<string[]>("inputs") { Description = "Article files or folders (.txt, .md, .html)", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out", "-o") { Description = "Output folder; replaced as a whole when the build succeeds", DefaultValueFactory = _ => "graph-exports" };
        var formats = new Option<string>("--format", "-f") { Description = $"Formats to write, comma-separated: all, {string.Join(", ", GraphWriters.Names)}", DefaultValueFactory = _ => "all" };
        var data = CommonOptions.Data();
        var dateOf = new Option<string[]>("--date-of") { Description = "Article date where the text has none: FILE=YYYY-MM-DD (repeatable). A sidecar FILE.date works too", AllowMultipleArgumentsPerToken = false };
        var onBad = new Option<string>("--on-bad-document") { Description = "What to do with an unreadable or binary file: skip (warn and go on) or fail", DefaultValueFactory = _ => "skip" };
        onBad.AcceptOnlyFromAmong("skip", "fail");
        var parallelism = new Option<int>("--parallelism") { Description = "Worker threads (0 = all cores)" };
        var quiet = CommonOptions.Quiet();
        var command = new Command("build", "Build the knowledge graph of a folder of articles.\n\nExamples:\n  kg build seeds --out graph-exports\n  kg build news/ --format json,graphml --date-of note.txt=2023-05-30")
        {
            inputs, output, formats, data, dateOf, onBad, parallelism, quiet,
        };
        command.SetAction(async (parse, ct) =>
        {
            var settings = new BuildSettings
            {
                Inputs = [.. parse.GetValue(inputs) ?? []],
                Out = parse.GetValue(output)!,
                Formats = parse.GetValue(formats)!,
                Data = parse.GetValue(data),
                DateOf = [.. parse.GetValue(dateOf) ?? []],
                OnBadDocument = parse.GetValue(onBad)!,
                Parallelism = parse.GetValue(parallelism),
                Quiet = parse.GetValue(quiet),
            };
            return await RunAsync(settings, reporterFactory(), ct).ConfigureAwait(false);
        });
        return command;
    }

    public static async Task<int> RunAsync(BuildSettings settings, Reporter reporter, CancellationToken ct)
    {
        var dates = settings.Validate();
        var writers = GraphWriters.Resolve(settings.Formats == "all" ? string.Join(',', GraphWriters.Names) : settings.Formats);
        if (RecoverInterrupted(settings.Out) is { } restored)
            reporter.Warning($"restored {settings.Out} from {restored}: an earlier build was killed while swapping its output in");
        var dataDir = CommonOptions.ResolveData(settings.Data);
        var pipeline = new PipelineBuilder().UseDataDirectory(dataDir).Build();
        var boilerplateFile = Path.Combine(dataDir, "lexicon", "boilerplate.csv");
        var policy = settings.OnBadDocument == "fail" ? BadDocumentPolicy.Fail : BadDocumentPolicy.Skip;
        var source = new FileDocumentSource(new FileDocumentSourceOptions
        {
            Inputs = settings.Inputs,
            OnBadDocument = policy,
            DateOverrides = dates,
            Boilerplate = File.Exists(boilerplateFile) ? BoilerplateRules.Load(boilerplateFile) : BoilerplateRules.Empty,
            OnWarning = w => reporter.Warning(w.Skipped ? $"skipped {w.File}: {w.Reason}" : $"{w.File}: {w.Reason}"),
        });
        reporter.Info($"kg build: {string.Join(' ', settings.Inputs)} -> {settings.Out} ({pipeline.Gazetteer.Count:N0} gazetteer entries, {pipeline.Rules.Rules.Length} rules)");
        var done = 0;
        var progress = new Progress<Core.Stages.Assembly.DocumentAnalysis>(_ =>
        {
            var n = Interlocked.Increment(ref done);
            reporter.Progress($"analysed {n:N0} article parts", n % 1000 == 0);
        });
        var result = await pipeline.RunAsync(source.ReadAsync(ct), settings.Parallelism, progress, ct).ConfigureAwait(false);
        // A corpus step after assembly: where each person sits in the meeting network (degree, betweenness, community),
        // written on the Person nodes so every export carries it (Gephi sizes and colours by it without computing it).
        // Then a seeded force-directed layout (x, y on every node): Gephi opens graph.gexf laid out, graph.html draws it.
        result = result with { Graph = NetworkLayout.Annotate(NetworkMetrics.Annotate(result.Graph), new NetworkLayoutOptions { Parallelism = settings.Parallelism }) };
        await WriteAtomicallyAsync(settings.Out, result.Graph, writers, ct).ConfigureAwait(false);
        var s = result.Statistics;
        var load = source.Statistics;
        reporter.Info($"wrote {string.Join(", ", writers.Select(w => w.Name))} to {settings.Out}: {result.Graph.Nodes.Length:N0} nodes, {result.Graph.Relationships.Length:N0} relationships");
        // Files left out by extension are not bad documents, but a folder of PDFs building an empty graph needs saying.
        if (load.Ignored > 0)
            reporter.Info($"{load.Ignored:N0} file(s) ignored: not .txt, .md or .html (or hidden)");
        if (load.Skipped > 0)
            reporter.Warning($"{load.Skipped} file(s) skipped (see the warnings above); --on-bad-document fail stops at the first");
        reporter.Info(string.Create(CultureInfo.InvariantCulture,
            $"throughput: {s.Documents:N0} articles ({s.Bytes / 1048576.0:F2} MB, {s.Sentences:N0} sentences) in {s.Elapsed.TotalSeconds:F2} s = {s.MegabytesPerSecond:F2} MB/s, {s.ArticlesPerSecond:F1} articles/s"));
        return ExitCodes.Success;
    }

    /// <summary>
    /// Tidies up after a build that was killed (SIGKILL, power loss) and so could not clean up: removes its temporary
    /// folders, and when it died between moving the old output aside and moving the new one in, moves the old one back.
    /// Folders of a process that is still running (a concurrent build) are left alone. Returns the folder restored, if any.
    /// </summary>
    internal static string? RecoverInterrupted(string outDir)
    {
        var target = Path.GetFullPath(outDir).TrimEnd(Path.DirectorySeparatorChar);
        var parent = Path.GetDirectoryName(target)!;
        var name = Path.GetFileName(target);
        if (!Directory.Exists(parent))
            return null;
        string? restored = null;
        foreach (var kind in new[] { "old", "tmp" })
        {
            foreach (var dir in Directory.EnumerateDirectories(parent, $".{name}.{kind}-*").Order(StringComparer.Ordinal))
            {
                var rest = Path.GetFileName(dir)[$".{name}.{kind}-".Length..];
                var dash = rest.IndexOf('-', StringComparison.Ordinal);
                if (dash <= 0 || !int.TryParse(rest[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || IsRunning(pid))
                    continue;
                if (kind == "old" && !Directory.Exists(target))
                {
                    Directory.Move(dir, target);
                    restored = dir;
                }
                else
                {
                    Directory.Delete(dir, recursive: true);
                }
            }
        }
        return restored;
    }

    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId)
            return true;
        try
        {
            using var p = System.Diagnostics.Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>
    /// Writes every format into a fresh sibling folder, then swaps it in place of <paramref name="outDir"/>: a failed
    /// or cancelled build leaves the previous exports untouched.
    /// </summary>
    internal static async Task WriteAtomicallyAsync(string outDir, Core.Graph.PropertyGraph graph, IEnumerable<IGraphWriter> writers, CancellationToken ct)
    {
        var target = Path.GetFullPath(outDir).TrimEnd(Path.DirectorySeparatorChar);
        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        var name = Path.GetFileName(target);
        var tmp = Path.Combine(parent, $".{name}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(tmp);
            foreach (var w in writers)
            {
                ct.ThrowIfCancellationRequested();
                await w.WriteAsync(graph, tmp, ct).ConfigureAwait(false);
            }
            ct.ThrowIfCancellationRequested();
            string? old = null;
            if (Directory.Exists(target))
            {
                old = Path.Combine(parent, $".{name}.old-{Environment.ProcessId}-{Guid.NewGuid():N}");
                Directory.Move(target, old);
            }
            Directory.Move(tmp, target);
            if (old is not null)
                Directory.Delete(old, recursive: true);
        }
        catch
        {
            if (Directory.Exists(tmp))
                Directory.Delete(tmp, recursive: true);
            throw;
        }
    }
}
