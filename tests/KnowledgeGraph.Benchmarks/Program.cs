using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using KnowledgeGraph.Analysis;
using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.Core.Pipeline;
using KnowledgeGraph.Core.Stages.Loading;
using KnowledgeGraph.Core.Text;
using KnowledgeGraph.Writers;

namespace KnowledgeGraph.Benchmarks;

/// <summary>
/// kg benchmarks.
/// <list type="bullet">
/// <item>`throughput [MB] [texts-folder...]`: generates a corpus of that many megabytes (default 10) from seeds/ and
/// ../shared/eval/dev/texts in a temp folder, runs `kg build --format json` on it as its own process at
/// `--parallelism 1` and at all cores, and prints CPU seconds (user+sys), MB per CPU-second, wall MB/s, articles/s and
/// peak RSS; then the share of each stage, from one in-process pass over (at most 10 MB of) the same corpus.</item>
/// <item>`stages [MB]`: only the stage shares.</item>
/// <item>`load [cache]`: the data load, part by part, three times in this process (with `cache`: the gazetteer through its binary cache).</item>
/// <item>`analyze [MB] [passes]`: the analysis alone, several passes in process: CPU seconds and bytes allocated per pass.</item>
/// <item>`corpus MB DIR`: only writes the corpus (for other tools on the same slice).</item>
/// <item>`micro`: BenchmarkDotNet figures for single stages. `network [people] [meetings]`: the network metrics of kg build.</item>
/// </list>
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var mode = args.Length > 0 ? args[0] : "throughput";
        double Megabytes(int i, double fallback) => args.Length > i ? double.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
        switch (mode)
        {
            case "micro":
                BenchmarkRunner.Run<StageBenchmarks>(args: args[1..]);
                return 0;
            case "network":
                NetworkFigures(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 8000);
                return 0;
            case "corpus":
                if (args.Length < 3)
                {
                    Console.Error.WriteLine("usage: corpus MB DIR");
                    return 2;
                }
                var written = Corpus.Write(args[2], Megabytes(1, 10), Corpus.DefaultSources(RepoRoot()));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{written.Files:N0} articles, {written.Bytes / 1048576.0:F2} MB in {args[2]}"));
                return 0;
            case "load":
                // `load cache`: the gazetteer through its binary cache (KG_CACHE_DIR or the default folder), as kg build loads it.
                LoadFigures(args.Length > 1 && args[1] == "cache" ? Core.Stages.Tagging.GazetteerLoader.DefaultCacheDirectory() : null);
                return 0;
            case "stages":
                return await WithCorpusAsync(Megabytes(1, 10), args.Skip(2).ToArray(), dir => StagesAsync(dir));
            case "analyze":
                return await WithCorpusAsync(Megabytes(1, 10), args.Skip(3).ToArray(), dir => AnalyzePassesAsync(dir, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5));
            case "throughput":
                return await WithCorpusAsync(Megabytes(1, 10), args.Skip(2).ToArray(), async dir =>
                {
                    await ThroughputAsync(dir);
                    Console.WriteLine();
                    return await StagesAsync(dir, maxBytes: 10L << 20);
                });
            default:
                Console.Error.WriteLine($"unknown mode '{mode}' (expected throughput, stages, corpus, micro, network)");
                return 2;
        }
    }

    private static async Task<int> WithCorpusAsync(double megabytes, string[] sources, Func<string, Task<int>> run)
    {
        var root = Directory.CreateTempSubdirectory("kg-bench-");
        try
        {
            var input = Path.Combine(root.FullName, "articles");
            var written = Corpus.Write(input, megabytes, sources.Length > 0 ? sources : Corpus.DefaultSources(RepoRoot()));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"corpus:      {written.Files:N0} articles, {written.Bytes / 1048576.0:F2} MB (copies of {written.Distinct} articles) in {input}"));
            return await run(input);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    /// <summary>
    /// `kg build DIR --format json` as its own process at 1 and at all cores: CPU seconds (user+sys), wall time, peak RSS.
    /// </summary>
    private static async Task ThroughputAsync(string corpus)
    {
        var kg = KgDll();
        var bytes = new DirectoryInfo(corpus).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
        var files = new DirectoryInfo(corpus).EnumerateFiles("*", SearchOption.AllDirectories).Count();
        var mb = bytes / 1048576.0;
        Console.WriteLine($"kg:          {kg} (load {LoadAverage()})");
        var cores = Environment.ProcessorCount;
        var runs = new List<(int Workers, ChildRun Run)>();
        foreach (var workers in cores > 1 ? new[] { 1, cores } : [1])
        {
            var output = Path.Combine(Path.GetDirectoryName(corpus)!, "out-" + workers);
            // A .dll runs through dotnet; anything else (the native build of scripts/publish-kg.sh) runs as it is.
            string[] command = kg.EndsWith(".dll", StringComparison.Ordinal) ? ["dotnet", kg] : [kg];
            var run = await ChildRun.StartAsync(command[0], [.. command[1..], "build", corpus, "--out", output, "--format", "json", "--quiet", "--data", Path.Combine(RepoRoot(), "data"), "--parallelism", workers.ToString(CultureInfo.InvariantCulture)]);
            if (run.ExitCode != 0)
                throw new InvalidOperationException($"kg build exited with {run.ExitCode}: {run.Error}");
            runs.Add((workers, run));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"--parallelism {workers}: {run.CpuSeconds,6:F2} CPU-s = {mb / run.CpuSeconds,5:F2} MB/CPU-s; wall {run.WallSeconds,6:F2} s = {mb / run.WallSeconds,5:F2} MB/s, {files / run.WallSeconds,6:F0} articles/s; peak RSS {run.PeakRssBytes / 1048576.0:F0} MB"));
        }
        if (runs.Count == 2)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scaling:     wall at {cores} cores = {runs[1].Run.WallSeconds / runs[0].Run.WallSeconds:F2} x wall at 1 core (load {LoadAverage()} after)"));
    }

    /// <summary>One pass of the pipeline in this process on one thread, with the time of each stage.</summary>
    private static async Task<int> StagesAsync(string corpus, long maxBytes = long.MaxValue)
    {
        var root = RepoRoot();
        var data = Path.Combine(root, "data");
        var load = Stopwatch.StartNew();
        var pipeline = new PipelineBuilder().UseDataDirectory(data).Build();
        load.Stop();
        var source = new FileDocumentSource(new FileDocumentSourceOptions
        {
            Inputs = [corpus],
            Boilerplate = BoilerplateRules.Load(Path.Combine(data, "lexicon", "boilerplate.csv")),
        });
        var clock = new StageClock();
        // Read first, then analyse in a plain loop: each stage's time (and a profiler's stacks) stay apart.
        var documents = new List<SourceDocument>();
        long bytes = 0;
        var watch = Stopwatch.StartNew();
        await foreach (var document in source.ReadAsync())
        {
            documents.Add(document);
            bytes += document.Bytes;
            if (bytes >= maxBytes)
                break;
        }
        var reading = watch.Elapsed;
        watch.Restart();
        var analyses = new List<Core.Stages.Assembly.DocumentAnalysis>(documents.Count);
        foreach (var document in documents)
            analyses.Add(pipeline.Analyze(document, clock));
        var analysis = watch.Elapsed;
        watch.Restart();
        var graph = pipeline.Assemble(analyses.OrderBy(a => a.DocumentId, StringComparer.Ordinal).ThenBy(a => a.Part));
        var assembly = watch.Elapsed;
        watch.Restart();
        graph = NetworkMetrics.Annotate(graph);
        var metrics = watch.Elapsed;
        watch.Restart();
        graph = NetworkLayout.Annotate(graph, new NetworkLayoutOptions { Parallelism = 1 });
        var layout = watch.Elapsed;
        var output = Directory.CreateTempSubdirectory("kg-bench-json-");
        watch.Restart();
        try
        {
            await GraphWriters.Resolve("json")[0].WriteAsync(graph, output.FullName, CancellationToken.None);
        }
        finally
        {
            output.Delete(recursive: true);
        }
        var json = watch.Elapsed;
        var dates = clock.Seconds(AnalysisStage.Dates);
        var rows = new (string Stage, double Seconds)[]
        {
            ("data load (gazetteer, lexicon, rules)", load.Elapsed.TotalSeconds),
            ("reading files (decode, boilerplate, dateline)", reading.TotalSeconds),
            ("sentences + tokens", clock.Seconds(AnalysisStage.Sentences)),
            ("entity tagging", clock.Seconds(AnalysisStage.Tagging)),
            ("resolution", clock.Seconds(AnalysisStage.Resolution)),
            ("relation rules + meeting linking", clock.Seconds(AnalysisStage.Relations) - dates),
            ("sentence dates", dates),
            ("per-document entity list", clock.Seconds(AnalysisStage.Collect)),
            ("assembly", assembly.TotalSeconds),
            ("network metrics", metrics.TotalSeconds),
            ("layout", layout.TotalSeconds),
            ("graph.json", json.TotalSeconds),
        };
        var total = rows.Sum(r => r.Seconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"stages (one thread, in process, {bytes / 1048576.0:F2} MB, {analyses.Count:N0} parts; {pipeline.Gazetteer.Count:N0} gazetteer entries, {pipeline.Rules.Rules.Length} rules):"));
        foreach (var (stage, seconds) in rows)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {stage,-48} {seconds,7:F2} s {100 * seconds / total,5:F1} %"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"total",-48} {total,7:F2} s = {bytes / 1048576.0 / total:F2} MB/s ({analysis.TotalSeconds:F2} s analysis)"));
        return 0;
    }

    /// <summary>
    /// `analyze [MB] [passes]`: the analysis alone (no reading, no assembly), the corpus in memory, analysed on one thread
    /// several times over in this process: CPU seconds of the process and bytes allocated by the thread per pass. The
    /// allocation count does not depend on the machine's load, so it shows a change that the CPU time's noise hides.
    /// </summary>
    private static async Task<int> AnalyzePassesAsync(string corpus, int passes)
    {
        var data = Path.Combine(RepoRoot(), "data");
        var pipeline = new PipelineBuilder().UseDataDirectory(data).Build();
        var source = new FileDocumentSource(new FileDocumentSourceOptions
        {
            Inputs = [corpus],
            Boilerplate = BoilerplateRules.Load(Path.Combine(data, "lexicon", "boilerplate.csv")),
        });
        var documents = new List<SourceDocument>();
        long bytes = 0;
        await foreach (var document in source.ReadAsync())
        {
            documents.Add(document);
            bytes += document.Bytes;
        }
        var mb = bytes / 1048576.0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"analysis of {documents.Count:N0} parts, {mb:F2} MB, one thread, {passes} passes (load {LoadAverage()})"));
        var best = double.MaxValue;
        for (var pass = 1; pass <= passes; pass++)
        {
            var clock = new StageClock();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var facts = 0;
            foreach (var document in documents)
                facts += pipeline.Analyze(document, clock).Facts.Length;
            var seconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            best = Math.Min(best, seconds);
            var mbAllocated = (GC.GetAllocatedBytesForCurrentThread() - allocated) / 1048576.0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"pass {pass}: {seconds:F2} CPU-s = {mb / seconds:F2} MB/CPU-s, {mbAllocated:F0} MB allocated, {facts:N0} facts; sentences {clock.Seconds(AnalysisStage.Sentences):F2} s, tagging {clock.Seconds(AnalysisStage.Tagging):F2} s, resolution {clock.Seconds(AnalysisStage.Resolution):F2} s, relations {clock.Seconds(AnalysisStage.Relations) - clock.Seconds(AnalysisStage.Dates):F2} s, dates {clock.Seconds(AnalysisStage.Dates):F2} s, collect {clock.Seconds(AnalysisStage.Collect):F2} s"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"best: {best:F2} CPU-s = {mb / best:F2} MB/CPU-s (load {LoadAverage()} after)"));
        var last = new StageClock();
        // KG_ALLOC_TYPES=1: also the runtime's allocation samples of this pass, by type (an estimate; read the ranking).
        using var types = Environment.GetEnvironmentVariable("KG_ALLOC_TYPES") == "1" ? new AllocationTypes() : null;
        types?.Start();
        foreach (var document in documents)
            pipeline.Analyze(document, last);
        types?.Stop();
        Console.WriteLine("allocated per stage, one pass:");
        foreach (var stage in Enum.GetValues<AnalysisStage>())
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {stage,-12} {last.Bytes(stage) / 1048576.0,8:F0} MB"));
        if (types is not null)
        {
            Console.WriteLine("allocated by type, same pass (sampled about every 100 KB):");
            foreach (var (type, sampled) in types.Top(30))
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {sampled / 1048576.0,8:F0} MB  {type}"));
        }
        return 0;
    }

    /// <summary>`load`: the data load, part by part, three times in this process (the first includes compiling the loaders).</summary>
    private static void LoadFigures(string? cacheDirectory)
    {
        var data = Path.Combine(RepoRoot(), "data");
        for (var round = 1; round <= 3; round++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var gazetteer = Core.Stages.Tagging.GazetteerLoader.Load(data, cacheDirectory);
            var g = watch.Elapsed.TotalSeconds;
            var heads = Core.Stages.Tagging.HeadLexicon.Load(data);
            var h = watch.Elapsed.TotalSeconds - g;
            var rules = Core.Stages.Relations.RuleSet.Load(data);
            var r = watch.Elapsed.TotalSeconds - g - h;
            _ = new PipelineBuilder().UseGazetteer(gazetteer).UseHeadNouns(heads).UseRelationRules(rules).Build();
            var total = watch.Elapsed.TotalSeconds;
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"load {round}: gazetteer {g:F3} s, head nouns {h:F3} s, rules {r:F3} s, pipeline {total - g - h - r:F3} s; total {total:F3} s wall, {cpuSeconds:F3} CPU-s ({gazetteer.Count:N0} entries)"));
        }
    }

    /// <summary>The kg program of this build configuration, or the one <c>KG_DLL</c> names.</summary>
    private static string KgDll()
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        // KG_DLL: another build of kg (a copy that a rebuild cannot change under a long run, or the main branch's), or
        // the native executable of scripts/publish-kg.sh.
        var path = Environment.GetEnvironmentVariable("KG_DLL") is { Length: > 0 } given ? given : Path.Combine(RepoRoot(), "src", "KnowledgeGraph.Cli", "bin", configuration, "net10.0", "kg.dll");
        return File.Exists(path) ? path : throw new InvalidOperationException($"{path} not found: run dotnet build src/KnowledgeGraph.Cli -c {configuration} first");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>
    /// `network [people] [meetings]`: degree, betweenness and community (the step after assembly in kg build) on a
    /// random meeting network with a fixed seed, then the layout; prints the wall times.
    /// </summary>
    private static void NetworkFigures(int people, int meetings)
    {
        var random = new Random(20260101);
        var nodes = Enumerable.Range(0, people).Select(i => new GraphNode($"person:{i:D6}", [GraphSchema.Person], new PropertyBag().Add("name", $"Person {i}").Build()));
        var rels = new List<GraphRelationship>();
        for (var k = 0; k < meetings; k++)
        {
            var (a, b) = (random.Next(people), random.Next(people));
            if (a != b)
                rels.Add(new GraphRelationship($"met:{k}", GraphSchema.MetWith, $"person:{Math.Min(a, b):D6}", $"person:{Math.Max(a, b):D6}", new PropertyBag().Build()));
        }
        var graph = new PropertyGraph(nodes, rels);
        var watch = Stopwatch.StartNew();
        var annotated = NetworkMetrics.Annotate(graph);
        watch.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"network metrics: {people:N0} people, {rels.Count:N0} meetings in {watch.Elapsed.TotalSeconds:F2} s"));
        watch.Restart();
        NetworkLayout.Annotate(annotated);
        watch.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"network layout:  {people:N0} people, {rels.Count:N0} meetings in {watch.Elapsed.TotalSeconds:F2} s"));
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "KnowledgeGraph.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("KnowledgeGraph.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>Single-stage figures (BenchmarkDotNet).</summary>
[MemoryDiagnoser]
public class StageBenchmarks
{
    private KnowledgeGraphPipeline _pipeline = null!;
    private SourceDocument _article = null!;
    private string _text = "";

    [GlobalSetup]
    public void Setup()
    {
        var root = Program.RepoRoot();
        _pipeline = new PipelineBuilder().UseDataDirectory(Path.Combine(root, "data")).Build();
        _text = File.ReadAllText(Directory.GetFiles(Path.Combine(root, "seeds"), "*.txt").Order(StringComparer.Ordinal).First());
        _article = new SourceDocument("a.txt", "a.txt", 0, _text, null, _text.Length);
    }

    [Benchmark]
    public int Tokenize() => Tokenizer.Tokenize(_text).Count;

    [Benchmark]
    public int SplitSentences() => SentenceSplitter.Split(_text).Count;

    [Benchmark]
    public int AnalyzeArticle() => _pipeline.Analyze(_article).Facts.Length;
}
