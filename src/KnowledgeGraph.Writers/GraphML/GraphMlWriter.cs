using System.Globalization;
using System.Xml;
using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.Core.IO;
using KnowledgeGraph.Writers.Internal;

namespace KnowledgeGraph.Writers.GraphML;

/// <summary>
/// Writes <c>graph.graphml</c>, the whole graph for <c>apoc.import.graphml(..., {readLabels:true})</c>, directed
/// throughout so that NetworkX, igraph and graphology read it too.
/// </summary>
/// <remarks>
/// Layout (see docs/exports.md): all <c>&lt;key&gt;</c>s before <c>&lt;graph edgedefault="directed"&gt;</c>, only the six
/// GraphML types; nodes <c>n0..</c> with attribute <c>labels=":Person"</c>, <c>&lt;data key="labels"&gt;</c> (APOC) and
/// <c>id</c> (our id, the property <c>kg push</c> and <c>import.cypher</c> merge on); edges <c>e0..</c> with attribute
/// <c>label="MET_WITH"</c>, first child <c>&lt;data key="label"&gt;</c> (APOC needs it first) and <c>key</c> (the
/// relationship id, as in the other load paths). No edge carries <c>directed="false"</c>, which NetworkX rejects in a
/// directed graph: MET_WITH runs from the smaller node id to the larger and carries <c>undirected=true</c>. Lists are
/// JSON-array strings under keys with <c>attr.list="string"</c>, which APOC turns into Neo4j lists; dates are ISO
/// strings (GraphML has no date type). Text is made XML-safe: characters XML 1.0 cannot carry are dropped.
/// </remarks>
public sealed class GraphMlWriter : IGraphWriter
{
    /// <summary>The file this writer creates.</summary>
    public const string FileName = "graph.graphml";

    /// <summary>The GraphML namespace.</summary>
    public const string Namespace = "http://graphml.graphdrawing.org/xmlns";

    /// <summary>The edge property that marks a relationship whose direction carries no meaning (MET_WITH).</summary>
    public const string UndirectedKey = "undirected";

    private static readonly string[] ReservedNodeNames = ["labels", "id"];
    private static readonly string[] ReservedEdgeNames = ["label", "key", UndirectedKey];

    /// <inheritdoc/>
    public string Name => "graphml";

    /// <inheritdoc/>
    public string Description => "graph.graphml: the whole graph for apoc.import.graphml (readLabels:true), NetworkX and igraph";

    /// <inheritdoc/>
    public Task WriteAsync(PropertyGraph graph, string outputDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        return AtomicFile.WriteAsync(Path.Combine(outputDirectory, FileName), (s, ct) => WriteAsync(graph, s, ct), cancellationToken);
    }

    /// <summary>Writes the GraphML document to <paramref name="stream"/>.</summary>
    public static async Task WriteAsync(PropertyGraph graph, Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var nodeKeys = GraphMlFormat.BuildKeys(PropertyColumns.ForNodes(graph.Nodes), "v_", ReservedNodeNames, markLists: true);
        var edgeKeys = GraphMlFormat.BuildKeys(PropertyColumns.ForRelationships(graph.Relationships), "e_", ReservedEdgeNames, markLists: true);
        var xmlIds = GraphMlFormat.NodeXmlIds(graph.Nodes);

        await using var w = XmlWriter.Create(stream, XmlOutput.Settings(async: true));
        await w.WriteStartDocumentAsync().ConfigureAwait(false);
        w.WriteStartElement("graphml", Namespace);
        GraphMlFormat.WriteKey(w, "labels", "node", "labels", "string");
        // Key id v_id, not id: Gephi names its columns by key id, and "id" is its own node id column.
        GraphMlFormat.WriteKey(w, "v_id", "node", "id", "string");
        GraphMlFormat.WriteKeys(w, "node", nodeKeys);
        GraphMlFormat.WriteKey(w, "label", "edge", "label", "string");
        GraphMlFormat.WriteKey(w, "e_key", "edge", "key", "string");
        GraphMlFormat.WriteKey(w, "e_undirected", "edge", UndirectedKey, "boolean");
        GraphMlFormat.WriteKeys(w, "edge", edgeKeys);

        w.WriteStartElement("graph", Namespace);
        w.WriteAttributeString("id", "G");
        w.WriteAttributeString("edgedefault", "directed");
        foreach (var node in graph.Nodes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var labels = ":" + string.Join(":", node.Labels);
            w.WriteStartElement("node", Namespace);
            w.WriteAttributeString("id", xmlIds[node.Id]);
            w.WriteAttributeString("labels", labels);
            GraphMlFormat.WriteData(w, "labels", labels);
            GraphMlFormat.WriteData(w, "v_id", node.Id);
            GraphMlFormat.WriteProperties(w, node.Properties, nodeKeys);
            w.WriteEndElement();
        }
        for (var i = 0; i < graph.Relationships.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rel = graph.Relationships[i];
            var (source, target) = RelationshipGroups.Endpoints(rel);
            w.WriteStartElement("edge", Namespace);
            w.WriteAttributeString("id", "e" + i.ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("source", xmlIds[source]);
            w.WriteAttributeString("target", xmlIds[target]);
            w.WriteAttributeString("label", rel.Type);
            // APOC takes the type from the first <data key="label"> child when readLabels is on: keep it first.
            GraphMlFormat.WriteData(w, "label", rel.Type);
            GraphMlFormat.WriteData(w, "e_key", rel.Id);
            if (RelationshipGroups.IsSymmetric(rel.Type))
                GraphMlFormat.WriteData(w, "e_undirected", "true");
            GraphMlFormat.WriteProperties(w, rel.Properties, edgeKeys);
            w.WriteEndElement();
        }
        w.WriteEndElement();
        w.WriteEndElement();
        await XmlOutput.EndDocumentAsync(w, stream, cancellationToken).ConfigureAwait(false);
    }
}
