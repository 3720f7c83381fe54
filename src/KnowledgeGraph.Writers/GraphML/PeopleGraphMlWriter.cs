using System.Globalization;
using System.Xml;
using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.Core.IO;
using KnowledgeGraph.Writers.Internal;

namespace KnowledgeGraph.Writers.GraphML;

/// <summary>
/// Writes <c>people.graphml</c>: the person network for Gephi, NetworkX and igraph. Undirected; Person nodes with all
/// their properties; one edge per pair of people who met, <c>weight</c> = number of meetings, <c>occasions</c> = each
/// meeting's key, date and place (a JSON array, since GraphML has no time dimension). Plain GraphML: no APOC
/// extension, so list-valued properties are JSON-array strings without <c>attr.list</c>.
/// </summary>
public sealed class PeopleGraphMlWriter : IGraphWriter
{
    /// <summary>The file this writer creates.</summary>
    public const string FileName = "people.graphml";

    private static readonly string[] ReservedNodeNames = ["label", "id"];

    /// <inheritdoc/>
    public string Name => "people-graphml";

    /// <inheritdoc/>
    public string Description => "people.graphml: who met whom, one weighted undirected edge per pair (Gephi, NetworkX, igraph)";

    /// <inheritdoc/>
    public Task WriteAsync(PropertyGraph graph, string outputDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        return AtomicFile.WriteAsync(Path.Combine(outputDirectory, FileName), (s, ct) => WriteAsync(graph, s, ct), cancellationToken);
    }

    /// <summary>Writes the person network of <paramref name="graph"/> as GraphML to <paramref name="stream"/>.</summary>
    public static async Task WriteAsync(PropertyGraph graph, Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var people = RelationshipGroups.PersonNetwork(graph);
        var nodeKeys = GraphMlFormat.BuildKeys(PropertyColumns.ForNodes(people.Nodes), "v_", ReservedNodeNames, markLists: false);
        var xmlIds = GraphMlFormat.NodeXmlIds(people.Nodes);
        var pairs = RelationshipGroups.Of(people.Relationships);

        await using var w = XmlWriter.Create(stream, XmlOutput.Settings(async: true));
        await w.WriteStartDocumentAsync().ConfigureAwait(false);
        w.WriteStartElement("graphml", GraphMlWriter.Namespace);
        // Gephi takes the node caption from a key named label; weight is the edge weight in Gephi, NetworkX and igraph.
        GraphMlFormat.WriteKey(w, "label", "node", "label", "string");
        // Key id v_id, not id: Gephi names its columns by key id, and "id" is its own node id column.
        GraphMlFormat.WriteKey(w, "v_id", "node", "id", "string");
        GraphMlFormat.WriteKeys(w, "node", nodeKeys);
        GraphMlFormat.WriteKey(w, "weight", "edge", "weight", "double");
        GraphMlFormat.WriteKey(w, "occasions", "edge", "occasions", "string");

        w.WriteStartElement("graph", GraphMlWriter.Namespace);
        w.WriteAttributeString("id", "people");
        w.WriteAttributeString("edgedefault", "undirected");
        foreach (var node in people.Nodes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            w.WriteStartElement("node", GraphMlWriter.Namespace);
            w.WriteAttributeString("id", xmlIds[node.Id]);
            GraphMlFormat.WriteData(w, "label", node.Name);
            GraphMlFormat.WriteData(w, "v_id", node.Id);
            GraphMlFormat.WriteProperties(w, node.Properties, nodeKeys);
            w.WriteEndElement();
        }
        for (var i = 0; i < pairs.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var pair = pairs[i];
            w.WriteStartElement("edge", GraphMlWriter.Namespace);
            w.WriteAttributeString("id", "e" + i.ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("source", xmlIds[pair.SourceId]);
            w.WriteAttributeString("target", xmlIds[pair.TargetId]);
            GraphMlFormat.WriteData(w, "weight", ExportText.FormatFloat(pair.Weight));
            GraphMlFormat.WriteData(w, "occasions", RelationshipGroups.Occasions(pair));
            w.WriteEndElement();
        }
        w.WriteEndElement();
        w.WriteEndElement();
        await XmlOutput.EndDocumentAsync(w, stream, cancellationToken).ConfigureAwait(false);
    }
}
