using KnowledgeGraph.Core.Text;

namespace KnowledgeGraph.Core.Stages.Loading;

/// <summary>Where articles come from: a stream of documents, read one at a time so a corpus never has to fit in memory.</summary>
public interface IDocumentSource
{
    /// <summary>Reads the documents in a deterministic order; a large file arrives as several parts with the same id.</summary>
    /// <param name="cancellationToken">Stops the reading between parts.</param>
    IAsyncEnumerable<SourceDocument> ReadAsync(CancellationToken cancellationToken = default);
}
