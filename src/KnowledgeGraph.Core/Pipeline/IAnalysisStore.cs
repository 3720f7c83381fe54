using KnowledgeGraph.Core.Stages.Assembly;

namespace KnowledgeGraph.Core.Pipeline;

/// <summary>
/// Where <see cref="KnowledgeGraphPipeline.RunAsync(IAsyncEnumerable{Text.SourceDocument}, IAnalysisStore, int, IProgress{DocumentAnalysis}?, CancellationToken)"/>
/// keeps the analyses of a run until assembly: in memory, or on disk (the SQLite store of <c>kg build</c>) so that memory
/// does not grow with the archive and a later build can reuse them.
/// </summary>
public interface IAnalysisStore
{
    /// <summary>Keeps a batch of analyses; called from one thread at a time, in no particular document order.</summary>
    void Add(IReadOnlyList<DocumentAnalysis> batch);

    /// <summary>Every analysis kept (this run's and any earlier ones still valid), ordered by document id (ordinal), then part.</summary>
    IEnumerable<DocumentAnalysis> ReadOrdered();
}

/// <summary>An <see cref="IAnalysisStore"/> in memory: what a run without a store used to do.</summary>
public sealed class MemoryAnalysisStore : IAnalysisStore
{
    private readonly List<DocumentAnalysis> _analyses = [];

    /// <inheritdoc/>
    public void Add(IReadOnlyList<DocumentAnalysis> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _analyses.AddRange(batch);
    }

    /// <inheritdoc/>
    public IEnumerable<DocumentAnalysis> ReadOrdered() =>
        _analyses.OrderBy(r => r.DocumentId, StringComparer.Ordinal).ThenBy(r => r.Part);
}

/// <summary>
/// An <see cref="IAnalysisStore"/> that also keeps the assembler's state (<see cref="AssemblyState"/>) between runs, so
/// that a run whose new articles all sort after the ones assembled before folds only them into the kept state
/// instead of assembling every analysis again.
/// </summary>
public interface IAssemblyStateStore : IAnalysisStore
{
    /// <summary>
    /// The last document of the kept state when it can be continued: every article the store holds up to it (ordinal)
    /// is folded in it and none was changed or removed since; null otherwise (no state, or articles removed, changed or
    /// added before it), and then every analysis is assembled again.
    /// </summary>
    string? AssembledThrough { get; }

    /// <summary>The rows of the kept state (<see cref="AssemblyState.Changes"/>).</summary>
    IEnumerable<(char Kind, string Id, byte[] Data)> ReadAssemblyState();

    /// <summary>The analyses of the documents that sort after <paramref name="documentId"/> (ordinal), ordered as <see cref="IAnalysisStore.ReadOrdered"/>.</summary>
    IEnumerable<DocumentAnalysis> ReadOrderedAfter(string documentId);

    /// <summary>
    /// Keeps the changed rows of the state (all of them, replacing what was kept, when <paramref name="whole"/>) and
    /// the last document folded.
    /// </summary>
    void WriteAssemblyState(IEnumerable<(char Kind, string Id, byte[] Data)> rows, bool whole, string? lastDocument);

    /// <summary>
    /// True when the graph of a run that continues the kept state is wanted only for the rows its
    /// <see cref="GraphDelta"/> names (a store-only build: no export): the relationships the delta does not name then
    /// come without their properties (their ends and ids are kept, for the network figures and the layout), which
    /// spares making the evidence, documents and rules of every relationship of the archive. False by default.
    /// </summary>
    bool DeltaPropertiesOnly => false;
}
