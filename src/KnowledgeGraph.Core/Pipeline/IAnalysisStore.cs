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
