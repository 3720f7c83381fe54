using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.Core.IO;
using KnowledgeGraph.Writers.Internal;

namespace KnowledgeGraph.Writers.Gexf;

/// <summary>
/// Writes <c>people.gexf</c> (GEXF 1.3): the person network for Gephi, Gephi Lite and NetworkX. Undirected; Person
/// nodes with all their properties; one MET_WITH edge per pair of people, <c>weight</c> = number of meetings, a spell
/// and a <c>date</c>/<c>place</c> value per dated meeting, and <c>occasions</c> listing every meeting.
/// </summary>
public sealed class PeopleGexfWriter : IGraphWriter
{
    /// <summary>The file this writer creates.</summary>
    public const string FileName = "people.gexf";

    /// <inheritdoc/>
    public string Name => "people-gexf";

    /// <inheritdoc/>
    public string Description => "people.gexf: who met whom, one weighted undirected edge per pair with a timeline (Gephi)";

    /// <inheritdoc/>
    public Task WriteAsync(PropertyGraph graph, string outputDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        return AtomicFile.WriteAsync(Path.Combine(outputDirectory, FileName), (s, ct) => WriteAsync(graph, s, ct), cancellationToken);
    }

    /// <summary>Writes the person network of <paramref name="graph"/> as GEXF to <paramref name="stream"/>.</summary>
    public static Task WriteAsync(PropertyGraph graph, Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return GexfWriter.WriteAsync(RelationshipGroups.PersonNetwork(graph), stream, undirected: true, "Who met whom: people and their meetings extracted from news articles", cancellationToken);
    }
}
