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
/// kg benchmarks. `throughput [copies]`: builds a corpus of copies of seeds/ in a temp folder, runs the whole pipeline
/// (loading, analysis on all cores, assembly, all writers) and prints MB/s, articles/s and peak memory.
/// `micro`: BenchmarkDotNet figures for single stages. `network [people] [meetings]`: the network metrics of kg build.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "micro")
        {
            BenchmarkRunner.Run<StageBenchmarks>(args: args[1..]);
            return 0;
        }
        if (args.Length > 0 && args[0] == "network")
        {
            NetworkFigures(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 8000);
            return 0;
        }
        var copies = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 400;
        return await ThroughputAsync(copies);
    }

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

    private static async Task<int> ThroughputAsync(int copies)
    {
        var root = RepoRoot();
        var corpus = Directory.CreateTempSubdirectory("kg-bench-");
        var output = Path.Combine(corpus.FullName, "out");
        try
        {
            var seeds = Directory.GetFiles(Path.Combine(root, "seeds"), "*.txt");
            var input = Directory.CreateDirectory(Path.Combine(corpus.FullName, "articles")).FullName;
            for (var i = 0; i < copies; i++)
            {
                foreach (var seed in seeds)
                    File.Copy(seed, Path.Combine(input, $"{Path.GetFileNameWithoutExtension(seed)}-{i:D5}.txt"));
            }
            var data = Path.Combine(root, "data");
            var load = Stopwatch.StartNew();
            var pipeline = new PipelineBuilder().UseDataDirectory(data).Build();
            load.Stop();
            var source = new FileDocumentSource(new FileDocumentSourceOptions
            {
                Inputs = [input],
                Boilerplate = BoilerplateRules.Load(Path.Combine(data, "lexicon", "boilerplate.csv")),
            });
            var run = Stopwatch.StartNew();
            var result = await pipeline.RunAsync(source.ReadAsync());
            var analysed = run.Elapsed;
            Directory.CreateDirectory(output);
            foreach (var w in GraphWriters.All)
                await w.WriteAsync(result.Graph, output, CancellationToken.None);
            run.Stop();
            var s = result.Statistics;
            using var me = Process.GetCurrentProcess();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                corpus:     {s.Documents:N0} articles, {s.Bytes / 1048576.0:F2} MB, {s.Sentences:N0} sentences ({Environment.ProcessorCount} cores)
                data load:  {load.Elapsed.TotalSeconds:F2} s (gazetteer {pipeline.Gazetteer.Count:N0} entries, {pipeline.Rules.Rules.Length} rules)
                analysis:   {analysed.TotalSeconds:F2} s = {s.Bytes / 1048576.0 / analysed.TotalSeconds:F2} MB/s, {s.Documents / analysed.TotalSeconds:F0} articles/s
                with export:{run.Elapsed.TotalSeconds:F2} s for all {GraphWriters.All.Length} formats ({result.Graph.Nodes.Length:N0} nodes, {result.Graph.Relationships.Length:N0} relationships)
                peak memory:{me.PeakWorkingSet64 / 1048576.0:F0} MB working set
                """));
            return 0;
        }
        finally
        {
            corpus.Delete(recursive: true);
        }
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
