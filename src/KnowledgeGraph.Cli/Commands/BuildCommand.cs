using System.Collections.Concurrent;
using System.CommandLine;
using System.Globalization;
using KnowledgeGraph.Analysis;
using KnowledgeGraph.Cli.Console;
using KnowledgeGraph.Core.Errors;
using KnowledgeGraph.Core.Pipeline;
using KnowledgeGraph.Core.Stages.Loading;
using KnowledgeGraph.Core.Stages.Tagging;
using KnowledgeGraph.Store;
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
    public bool Rebuild { get; set; }
    public bool Relayout { get; set; }
    public string Scope { get; set; } = "people";

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
        var formats = new Option<string>("--format", "-f") { Description = $"Formats to write, comma-separated: all, {string.Join(", ", GraphWriters.Names)}; or none (graph.db only: a large archive's daily build, exports when asked for)", DefaultValueFactory = _ => "all" };
        var data = CommonOptions.Data();
        var dateOf = new Option<string[]>("--date-of") { Description = "Article date where the text has none: FILE=YYYY-MM-DD (repeatable). A sidecar FILE.date works too", AllowMultipleArgumentsPerToken = false };
        var onBad = new Option<string>("--on-bad-document") { Description = "What to do with an unreadable or binary file: skip (warn and go on) or fail", DefaultValueFactory = _ => "skip" };
        onBad.AcceptOnlyFromAmong("skip", "fail");
        var parallelism = new Option<int>("--parallelism") { Description = "Worker threads (0 = all cores)" };
        var quiet = CommonOptions.Quiet();
        var scope = new Option<string>("--scope") { Description = "What graph.gexf and graph.html carry: people (the default: people, meetings and the places and bodies they are tied to; no articles or mentions) or full (the whole graph). graph.json, GraphML and the Neo4j files are always full", DefaultValueFactory = _ => "people" };
        scope.AcceptOnlyFromAmong([.. GraphScope.Names]);
        var rebuild = new Option<bool>("--rebuild") { Description = "Analyse every article again, even those the store in --out already holds unchanged" };
        var relayout = new Option<bool>("--relayout") { Description = "Lay the whole network out afresh, as a first build does, instead of keeping the positions of the previous build and placing only what is new" };
        var command = new Command("build", "Build the knowledge graph of a folder of articles. The graph lives in <out>/graph.db; building again into the\n" +
            "same folder analyses only new or changed files (a changed data or rule file: all of them) and drops deleted ones.\n\nExamples:\n  kg build seeds --out graph-exports\n  kg build news/ --format json,graphml --date-of note.txt=2023-05-30")
        {
            inputs, output, formats, data, dateOf, onBad, parallelism, quiet, rebuild, relayout, scope,
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
                Rebuild = parse.GetValue(rebuild),
                Relayout = parse.GetValue(relayout),
                Scope = GraphScope.Validate(parse.GetValue(scope)!),
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
        var pipeline = new PipelineBuilder().UseDataDirectory(dataDir, GazetteerLoader.DefaultCacheDirectory()).Build();
        var boilerplateFile = Path.Combine(dataDir, "lexicon", "boilerplate.csv");
        var policy = settings.OnBadDocument == "fail" ? BadDocumentPolicy.Fail : BadDocumentPolicy.Skip;
        var tmp = CreateTemporaryFolder(settings.Out);
        try
        {
            // The store is updated in a copy inside the temporary folder: a failed or cancelled build leaves the
            // previous graph.db (and every export) as it was.
            using var store = OpenStoreCopy(settings, tmp, reporter);
            var dataVersion = BuildVersion.OfData(dataDir);
            var known = store.ArticleHashes();
            var incremental = known.Count > 0;
            if (known.Count > 0 && store.DataVersion != dataVersion)
            {
                reporter.Info($"data, rules or program changed since {settings.Out} was built: analysing all {known.Count:N0} articles again");
                store.ClearArticles();
                known.Clear();
            }
            // An incremental build keeps the layout of the previous one and places only what is new (the force-directed
            // step over the whole network is most of a build's time after the analysis); --relayout lays it all out afresh.
            var previousLayout = known.Count > 0 && !settings.Relayout ? store.Positions() : null;
            var reused = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
            var sources = new ConcurrentDictionary<string, (string Path, string Hash)>(StringComparer.Ordinal);
            store.ArticleSource = id => sources.TryGetValue(id, out var s) ? s : null;
            var source = new FileDocumentSource(new FileDocumentSourceOptions
            {
                Inputs = settings.Inputs,
                OnBadDocument = policy,
                DateOverrides = dates,
                Boilerplate = File.Exists(boilerplateFile) ? BoilerplateRules.Load(boilerplateFile) : BoilerplateRules.Empty,
                OnWarning = w => reporter.Warning(w.Skipped ? $"skipped {w.File}: {w.Reason}" : $"{w.File}: {w.Reason}"),
                // Every file's hash is recorded (the next build compares with it); an unchanged one is not read again.
                Reuse = file =>
                {
                    string hash;
                    try
                    {
                        hash = BuildVersion.OfArticle(file.Path, file.DateOverride);
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        // Unreadable: reading it reports the bad document as usual (skip or fail).
                        return false;
                    }
                    sources[file.Id] = (file.Path, hash);
                    if (known.TryGetValue(file.Id, out var before) && before == hash && !reused.ContainsKey(file.Id))
                        return reused.TryAdd(file.Id, true);
                    return false;
                },
            });
            reporter.Info($"kg build: {string.Join(' ', settings.Inputs)} -> {settings.Out} ({pipeline.Gazetteer.Count:N0} gazetteer entries, {pipeline.Rules.Rules.Length} rules)");
            var done = 0;
            var progress = new Progress<Core.Stages.Assembly.DocumentAnalysis>(_ =>
            {
                var n = Interlocked.Increment(ref done);
                reporter.Progress($"analysed {n:N0} article parts", n % 1000 == 0);
            });
            var removed = 0;
            // A store-only build that keeps the layout writes only the rows the delta names: the graph need carry the
            // properties of those only.
            var pruned = new IncrementalStore(store, () => removed = store.RemoveArticlesExcept(
                reused.Keys.Concat(store.AnalysedThisRun).ToHashSet(StringComparer.Ordinal)), !writers.Any() && previousLayout is not null);
            var result = await pipeline.RunAsync(source.ReadAsync(ct), pruned, settings.Parallelism, progress, ct).ConfigureAwait(false);
            if (incremental)
            {
                reporter.Info($"incremental build: {store.AnalysedThisRun.Count:N0} new or changed article(s) analysed, {reused.Count:N0} unchanged kept, {removed:N0} removed");
                reporter.Info(result.Statistics.Continued is { } folded
                    ? $"assembly continued from the state kept in graph.db: {folded:N0} new article(s) folded in"
                    : "assembly of every stored analysis again (no kept state to continue: articles removed or changed, new ones sorting before the last one assembled, or a store without one)");
            }
            // What only the analysis needed (a hash and a path per file of the archive) is not held through the steps
            // below, which hold the whole graph: a local of this async method lives as long as the method.
            known.Clear();
            known.TrimExcess();
            sources.Clear();
            reused.Clear();
            store.ArticleSource = null;
            HeapCompaction.Collect();
            // A corpus step after assembly: where each person sits in the meeting network (degree, betweenness, community),
            // written on the Person nodes so every export carries it (Gephi sizes and colours by it without computing it).
            // Then a seeded force-directed layout (x, y on every node): Gephi opens graph.gexf laid out, graph.html draws it.
            var watch = System.Diagnostics.Stopwatch.StartNew();
            result = result with { Graph = Annotate(result.Graph, settings.Parallelism, previousLayout, watch, out var tMetrics) };
            var tLayout = watch.Elapsed;
            // A build that kept the layout changes a small part of the graph: only the rows that changed are written.
            // After an assembly continued from the kept state, only the rows it may have changed are compared.
            GraphWriteSummary? written = null;
            if (previousLayout is not null && result.Delta is { } delta && pruned.DeltaPropertiesOnly)
            {
                written = store.UpdateGraphInPlace(result.Graph, delta, ct);
                if (written is null)
                {
                    // More changed than an in-place update is worth: the tables are written whole (as UpdateGraph would
                    // have), from the whole graph of the state just kept.
                    result = result with { Graph = Core.Graph.PropertyGraph.Empty };
                    result = result with
                    {
                        Graph = Annotate(pipeline.AssembleKeptState(pruned) ?? throw new InvalidOperationException("The assembly state just kept cannot be read back."),
                            settings.Parallelism, previousLayout, watch, out _),
                    };
                    store.WriteGraph(result.Graph, ct);
                    written = new GraphWriteSummary(false, result.Graph.Nodes.Length + result.Graph.Relationships.Length, 0);
                }
            }
            else if (previousLayout is not null)
            {
                written = result.Delta is { } d ? store.UpdateGraph(result.Graph, d, ct) : store.UpdateGraph(result.Graph, ct);
            }
            previousLayout = null;
            if (written is null)
                store.WriteGraph(result.Graph, ct);
            store.DataVersion = dataVersion;
            store.Dispose();
            HeapCompaction.Collect();
            var tStore = watch.Elapsed;
            await WriteIntoAsync(tmp, result.Graph, writers, ct, settings.Scope).ConfigureAwait(false);
            var inPlace = written is { InPlace: true } ? string.Create(CultureInfo.InvariantCulture, $"; graph rows written in place: {written.Rows:N0} changed, {written.Unchanged:N0} kept") : "";
            reporter.Info(string.Create(CultureInfo.InvariantCulture,
                $"assembly from the store {result.Statistics.Assembly.TotalSeconds:F2} s; after analysis and assembly: metrics {tMetrics.TotalSeconds:F2} s, layout {(tLayout - tMetrics).TotalSeconds:F2} s, graph.db {(tStore - tLayout).TotalSeconds:F2} s, exports {(watch.Elapsed - tStore).TotalSeconds:F2} s{inPlace}"));
            SwapIn(tmp, settings.Out);
            Report(settings, reporter, writers, result, source.Statistics);
            return ExitCodes.Success;
        }
        catch
        {
            if (Directory.Exists(tmp))
                Directory.Delete(tmp, recursive: true);
            throw;
        }
    }

    // The network figures, then the layout; returns the annotated graph and when the figures were done. Not part of
    // the async method, so that the graph between the two steps is not kept alive by it.
    private static Core.Graph.PropertyGraph Annotate(Core.Graph.PropertyGraph graph, int parallelism,
        IReadOnlyDictionary<string, (double X, double Y)>? previousLayout, System.Diagnostics.Stopwatch watch, out TimeSpan metricsDone)
    {
        var metrics = NetworkMetrics.Annotate(graph);
        metricsDone = watch.Elapsed;
        return NetworkLayout.Annotate(metrics, new NetworkLayoutOptions { Parallelism = parallelism }, previousLayout);
    }

    private static void Report(BuildSettings settings, Reporter reporter, IReadOnlyList<IGraphWriter> writers, PipelineResult result, LoadStatistics load)
    {
        var s = result.Statistics;
        var exports = writers.Count == 0 ? " (no export: --format none)" : ", " + string.Join(", ", writers.Select(w => w.Name));
        reporter.Info($"wrote graph.db{exports} to {settings.Out}: {result.Graph.Nodes.Length:N0} nodes, {result.Graph.Relationships.Length:N0} relationships");
        // Files left out by extension are not bad documents, but a folder of PDFs building an empty graph needs saying.
        if (load.Ignored > 0)
            reporter.Info($"{load.Ignored:N0} file(s) ignored: not .txt, .md or .html (or hidden)");
        if (load.Skipped > 0)
            reporter.Warning($"{load.Skipped} file(s) skipped (see the warnings above); --on-bad-document fail stops at the first");
        reporter.Info(string.Create(CultureInfo.InvariantCulture,
            $"throughput: {s.Documents:N0} articles ({s.Bytes / 1048576.0:F2} MB, {s.Sentences:N0} sentences) in {s.Elapsed.TotalSeconds:F2} s = {s.MegabytesPerSecond:F2} MB/s, {s.ArticlesPerSecond:F1} articles/s"));
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
        var tmp = CreateTemporaryFolder(outDir);
        try
        {
            await WriteIntoAsync(tmp, graph, writers, ct).ConfigureAwait(false);
            SwapIn(tmp, outDir);
        }
        catch
        {
            if (Directory.Exists(tmp))
                Directory.Delete(tmp, recursive: true);
            throw;
        }
    }

    /// <summary>A fresh folder beside <paramref name="outDir"/> (named after this process, see <see cref="RecoverInterrupted"/>).</summary>
    internal static string CreateTemporaryFolder(string outDir)
    {
        var target = Path.GetFullPath(outDir).TrimEnd(Path.DirectorySeparatorChar);
        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        var tmp = Path.Combine(parent, $".{Path.GetFileName(target)}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(tmp);
        return tmp;
    }

    private static async Task WriteIntoAsync(string tmp, Core.Graph.PropertyGraph graph, IEnumerable<IGraphWriter> writers, CancellationToken ct, string scope = "full")
    {
        Core.Graph.PropertyGraph? people = null;
        foreach (var w in writers)
        {
            ct.ThrowIfCancellationRequested();
            var scoped = scope == "people" && GraphScope.Visual.Contains(w.Name) ? people ??= GraphScope.People(graph) : graph;
            await w.WriteAsync(scoped, tmp, ct).ConfigureAwait(false);
        }
        ct.ThrowIfCancellationRequested();
    }

    /// <summary>Moves the finished folder <paramref name="tmp"/> in place of <paramref name="outDir"/>.</summary>
    internal static void SwapIn(string tmp, string outDir)
    {
        var target = Path.GetFullPath(outDir).TrimEnd(Path.DirectorySeparatorChar);
        var parent = Path.GetDirectoryName(target)!;
        var name = Path.GetFileName(target);
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

    /// <summary>
    /// Opens the store of this build inside <paramref name="tmp"/>: a copy of the one in --out when there is one (and
    /// --rebuild is not given), else a new one. A store this kg cannot read is set aside with a warning: full build.
    /// </summary>
    private static GraphStore OpenStoreCopy(BuildSettings settings, string tmp, Reporter reporter)
    {
        var existing = Path.Combine(settings.Out, GraphStore.FileName);
        var path = Path.Combine(tmp, GraphStore.FileName);
        if (!settings.Rebuild && File.Exists(existing))
        {
            try
            {
                // A finished store is one file (no write-ahead log beside it): a copy is the whole of it.
                File.Copy(existing, path);
                return GraphStore.Open(path);
            }
            catch (KnowledgeGraphException ex)
            {
                reporter.Warning($"{ex.Message}; building from scratch");
                foreach (var f in new[] { path, path + "-wal", path + "-shm" })
                    File.Delete(f);
            }
        }
        return GraphStore.Open(path);
    }

    /// <summary>The store, pruned of articles no longer in the inputs just before the pipeline assembles from it.</summary>
    private sealed class IncrementalStore(GraphStore store, Action prune, bool deltaPropertiesOnly) : IAssemblyStateStore
    {
        private bool _pruned;

        public bool DeltaPropertiesOnly => deltaPropertiesOnly;

        public void Add(IReadOnlyList<Core.Stages.Assembly.DocumentAnalysis> batch) => store.Add(batch);

        public IEnumerable<Core.Stages.Assembly.DocumentAnalysis> ReadOrdered()
        {
            Prune();
            return store.ReadOrdered();
        }

        // Removing articles makes the kept assembly state unusable: prune before asking for it.
        public string? AssembledThrough
        {
            get
            {
                Prune();
                return store.AssembledThrough;
            }
        }

        public IEnumerable<(char Kind, string Id, byte[] Data)> ReadAssemblyState() => store.ReadAssemblyState();

        public IEnumerable<Core.Stages.Assembly.DocumentAnalysis> ReadOrderedAfter(string documentId) => store.ReadOrderedAfter(documentId);

        public void WriteAssemblyState(IEnumerable<(char Kind, string Id, byte[] Data)> rows, bool whole, string? lastDocument) =>
            store.WriteAssemblyState(rows, whole, lastDocument);

        private void Prune()
        {
            if (_pruned)
                return;
            _pruned = true;
            prune();
        }
    }
}
