using System.Collections.Immutable;
using System.Diagnostics;
using System.Threading.Channels;
using KnowledgeGraph.Core.Entities;
using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.Core.Stages.Assembly;
using KnowledgeGraph.Core.Stages.Events;
using KnowledgeGraph.Core.Stages.Relations;
using KnowledgeGraph.Core.Stages.Resolution;
using KnowledgeGraph.Core.Stages.Tagging;
using KnowledgeGraph.Core.Text;

namespace KnowledgeGraph.Core.Pipeline;

/// <summary>Figures of a run, for the closing line of <c>kg build</c>.</summary>
/// <param name="Documents">Distinct articles.</param>
/// <param name="Parts">Article parts processed.</param>
/// <param name="Bytes">Bytes of text.</param>
/// <param name="Sentences">Sentences.</param>
/// <param name="Elapsed">Wall time of the analysis.</param>
/// <param name="Assembly">Of <paramref name="Elapsed"/>, the assembly of the graph from the store after the last analysis.</param>
/// <param name="Continued">When the assembly continued a state kept by an earlier run: the articles it folded in (null: every analysis was assembled).</param>
public sealed record PipelineStatistics(int Documents, int Parts, long Bytes, long Sentences, TimeSpan Elapsed, TimeSpan Assembly = default, int? Continued = null)
{
    /// <summary>Megabytes of text per second.</summary>
    public double MegabytesPerSecond => Elapsed.TotalSeconds > 0 ? Bytes / 1048576.0 / Elapsed.TotalSeconds : 0;

    /// <summary>Articles per second.</summary>
    public double ArticlesPerSecond => Elapsed.TotalSeconds > 0 ? Documents / Elapsed.TotalSeconds : 0;
}

/// <summary>The result of a run: the graph and the figures.</summary>
/// <param name="Graph">The graph.</param>
/// <param name="Statistics">The figures.</param>
/// <param name="Delta">When the assembly continued a kept state: the rows of <paramref name="Graph"/> that may differ from the previous run's.</param>
public sealed record PipelineResult(PropertyGraph Graph, PipelineStatistics Statistics, GraphDelta? Delta = null);

/// <summary>
/// The article-to-graph pipeline: sentences → entity tagging → resolution → relation rules per document (pure, run in
/// parallel on all cores over a bounded stream), then graph assembly over the corpus. Immutable and thread-safe; build
/// it with <see cref="PipelineBuilder"/>.
/// </summary>
public sealed class KnowledgeGraphPipeline
{
    private readonly EntityTagger _tagger;
    private readonly MentionResolver _resolver;
    private readonly RelationExtractor _extractor;
    private readonly GraphAssembler _assembler;
    private readonly SentenceDateFinder _dates;

    internal KnowledgeGraphPipeline(Gazetteer gazetteer, HeadLexicon heads, RuleSet rules, SentenceDateFinder dates)
    {
        Gazetteer = gazetteer;
        Rules = rules;
        _dates = dates;
        _tagger = new EntityTagger(gazetteer, heads);
        _resolver = new MentionResolver(gazetteer);
        _extractor = new RelationExtractor(rules, gazetteer, dates);
        _assembler = new GraphAssembler(gazetteer);
    }

    /// <summary>The gazetteer in use.</summary>
    public Gazetteer Gazetteer { get; }

    /// <summary>The rules in use.</summary>
    public RuleSet Rules { get; }

    /// <summary>Analyses one article part. Pure: same input, same output.</summary>
    public DocumentAnalysis Analyze(SourceDocument document) => Analyze(document, null);

    /// <summary>
    /// The entities a part mentions, by id: the first mention's kind, the longest name written (the first of equals; not
    /// a title standing for the person), the number of mentions and the distinct surfaces. One pass with a dictionary:
    /// the grouping query this replaces cost more than tokenising the part.
    /// </summary>
    internal static ImmutableArray<EntityOccurrence> EntitiesOf(List<TaggedSentence> tagged)
    {
        var groups = new Dictionary<string, EntityGroup>(StringComparer.Ordinal);
        foreach (var ts in tagged)
        {
            foreach (var m in ts.Mentions)
            {
                if (m.EntityId is not { } id || m.IsDemonym)
                    continue;
                if (!groups.TryGetValue(id, out var g))
                    groups[id] = g = new EntityGroup(m.Kind);
                g.Count++;
                g.Surfaces.Add(m.Surface);
                if (m.Source != MentionSource.TitleOnly && MentionResolver.WithoutArticle(m.PatternName ?? m.Surface) is var name &&
                    (g.Name is null || name.Length > g.Name.Length))
                    g.Name = name;
            }
        }
        var ids = new string[groups.Count];
        groups.Keys.CopyTo(ids, 0);
        Array.Sort(ids, StringComparer.Ordinal);
        var result = ImmutableArray.CreateBuilder<EntityOccurrence>(ids.Length);
        foreach (var id in ids)
        {
            var g = groups[id];
            var surfaces = new string[g.Surfaces.Count];
            g.Surfaces.CopyTo(surfaces);
            Array.Sort(surfaces, StringComparer.Ordinal);
            result.Add(new EntityOccurrence(id, g.Kind, g.Name ?? id, g.Count, ImmutableArray.Create(surfaces)));
        }
        return result.MoveToImmutable();
    }

    private sealed class EntityGroup(EntityKind kind)
    {
        public EntityKind Kind { get; } = kind;
        public string? Name { get; set; }
        public int Count { get; set; }
        public HashSet<string> Surfaces { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>Analyses one article part, adding each stage's time to <paramref name="clock"/> when one is given (the benchmark's stage shares).</summary>
    internal DocumentAnalysis Analyze(SourceDocument document, StageClock? clock)
    {
        ArgumentNullException.ThrowIfNull(document);
        var mark = clock is null ? 0 : StageClock.Start();
        var sentences = SentenceSplitter.Split(document.Text);
        mark = clock?.Add(AnalysisStage.Sentences, mark) ?? 0;
        var tagged = sentences.Select(_tagger.Tag).ToList();
        mark = clock?.Add(AnalysisStage.Tagging, mark) ?? 0;
        _resolver.Resolve(tagged, document.Published);
        // Wire copy that dates itself "Oct 18" and names no year is dated by the offices of the people it names.
        var published = document.Published ?? OfficeDating.Date(document.Text, tagged, Gazetteer, DateTime.UtcNow.Year);
        mark = clock?.Add(AnalysisStage.Resolution, mark) ?? 0;
        var extraction = (clock is null ? _extractor : TimedExtractor(clock)).Extract(document.Id, tagged, published, document.Text);
        mark = clock?.Add(AnalysisStage.Relations, mark) ?? 0;
        var entities = EntitiesOf(tagged);
        var analysis = new DocumentAnalysis
        {
            DocumentId = document.Id,
            Part = document.Part,
            Published = published,
            Title = document.Part == 0 ? FirstLine(document.Text) : null,
            Entities = entities,
            Facts = Relations.RelationFact.Aggregate(extraction.Facts),
            Containment = extraction.Containment.Distinct().ToImmutableArray(),
            Bytes = document.Bytes,
            Sentences = sentences.Count,
        };
        clock?.Add(AnalysisStage.Collect, mark);
        return analysis;
    }

    // The benchmark's extractor: the same rules, with the date search (called inside the relation stage) timed apart.
    private RelationExtractor TimedExtractor(StageClock clock) => new(Rules, Gazetteer, (sentence, published) =>
    {
        clock.AddBytes(AnalysisStage.Relations);
        var t = Stopwatch.GetTimestamp();
        var date = _dates(sentence, published);
        clock.Add(AnalysisStage.Dates, t);
        return date;
    });

    /// <summary>Assembles analyses into a graph.</summary>
    public PropertyGraph Assemble(IEnumerable<DocumentAnalysis> analyses) => _assembler.Assemble(analyses);

    /// <summary>
    /// Runs the pipeline over a stream of documents with <paramref name="parallelism"/> workers; reading, analysis and
    /// assembly overlap, and at most a few documents per worker are held in memory at once.
    /// </summary>
    public Task<PipelineResult> RunAsync(IAsyncEnumerable<SourceDocument> documents, int parallelism = 0, IProgress<DocumentAnalysis>? progress = null, CancellationToken cancellationToken = default) =>
        RunAsync(documents, new MemoryAnalysisStore(), parallelism, progress, cancellationToken);

    /// <summary>
    /// Runs the pipeline over a stream of documents with <paramref name="parallelism"/> workers. Each analysis goes to
    /// <paramref name="store"/> in batches as soon as it is done (one writer, so a store may wrap each batch in one
    /// transaction); the graph is then assembled from everything the store holds, read back in document order. The
    /// figures count this run's documents only.
    /// </summary>
    public async Task<PipelineResult> RunAsync(IAsyncEnumerable<SourceDocument> documents, IAnalysisStore store, int parallelism = 0, IProgress<DocumentAnalysis>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(store);
        var workers = parallelism > 0 ? parallelism : Environment.ProcessorCount;
        var watch = Stopwatch.StartNew();
        var channel = Channel.CreateBounded<SourceDocument>(new BoundedChannelOptions(workers * 2) { SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        // Analyses go to one writer; bounded so that a slow disk slows analysis down instead of piling results up.
        var done = Channel.CreateBounded<DocumentAnalysis>(new BoundedChannelOptions(StoreBatchSize * 2) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        var producer = Task.Run(async () =>
        {
            try
            {
                await foreach (var d in documents.WithCancellation(cancellationToken).ConfigureAwait(false))
                    await channel.Writer.WriteAsync(d, cancellationToken).ConfigureAwait(false);
                channel.Writer.TryComplete();
            }
            catch (Exception ex)
            {
                channel.Writer.TryComplete(ex);
                throw;
            }
        }, cancellationToken);
        var consumers = Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            await foreach (var d in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var a = Analyze(d);
                await done.Writer.WriteAsync(a, cancellationToken).ConfigureAwait(false);
                progress?.Report(a);
            }
        }, cancellationToken)).ToList();
        // Completed without the error: the reader below ends, and awaiting the workers rethrows what they threw as it was.
        var analysed = Task.WhenAll(consumers.Append(producer)).ContinueWith(_ => done.Writer.TryComplete(), TaskScheduler.Default);
        var documentIds = new HashSet<string>(StringComparer.Ordinal);
        long parts = 0, bytes = 0, sentences = 0;
        var batch = new List<DocumentAnalysis>(StoreBatchSize);
        try
        {
            await foreach (var a in done.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                documentIds.Add(a.DocumentId);
                parts++;
                bytes += a.Bytes;
                sentences += a.Sentences;
                batch.Add(a);
                if (batch.Count >= StoreBatchSize)
                {
                    store.Add(batch);
                    batch.Clear();
                }
            }
        }
        catch
        {
            // The store failed (a full disk): workers waiting to hand over an analysis stop instead of waiting forever.
            done.Writer.TryComplete();
            throw;
        }
        await analysed.ConfigureAwait(false);
        await Task.WhenAll(consumers.Append(producer)).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (batch.Count > 0)
            store.Add(batch);
        var assembly = watch.Elapsed;
        int? continued = null;
        GraphDelta? delta = null;
        PropertyGraph graph;
        if (store is IAssemblyStateStore kept)
        {
            // A kept state continued with the articles after it is the state of one fold of them all; otherwise every
            // analysis is folded again, and the whole state kept for the next run.
            var through = kept.AssembledThrough;
            var state = through is not null ? AssemblyState.Load(kept.ReadAssemblyState(), through) : null;
            if (state is not null)
            {
                var before = state.ArticleCount;
                _assembler.Fold(state, kept.ReadOrderedAfter(through!));
                continued = state.ArticleCount - before;
                delta = _assembler.Delta(state);
            }
            else
            {
                state = new AssemblyState();
                _assembler.Fold(state, store.ReadOrdered());
            }
            kept.WriteAssemblyState(state.Changes(), whole: continued is null, state.LastDocument);
            // After a fold of every analysis, its garbage (every analysis read back) is given back before the graph is
            // made beside the state; the state is emptied as the graph is made.
            if (continued is null)
                HeapCompaction.Collect();
            graph = _assembler.BuildAndRelease(state, kept.DeltaPropertiesOnly ? delta : null, giveBack: continued is null);
        }
        else
        {
            graph = _assembler.AssembleOrdered(store.ReadOrdered());
        }
        watch.Stop();
        var stats = new PipelineStatistics(documentIds.Count, (int)parts, bytes, sentences, watch.Elapsed, watch.Elapsed - assembly, continued);
        return new PipelineResult(graph, stats, delta);
    }

    /// <summary>
    /// The whole graph of the state <paramref name="store"/> keeps (as the last run left it), or null when it keeps none
    /// that can be read: for a caller that asked for the delta's properties only and then needs every row.
    /// </summary>
    public PropertyGraph? AssembleKeptState(IAssemblyStateStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.AssembledThrough is { } through && AssemblyState.Load(store.ReadAssemblyState(), through) is { } state
            ? _assembler.BuildAndRelease(state)
            : null;
    }

    /// <summary>Analyses handed to an <see cref="IAnalysisStore"/> at once (one transaction in the SQLite store).</summary>
    public const int StoreBatchSize = 256;

    private static string? FirstLine(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            var t = line.Trim();
            if (t.Length > 0)
                return t.Length > 300 ? t[..300] : t;
        }
        return null;
    }
}
