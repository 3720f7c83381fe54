using System.Globalization;
using System.Xml;
using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.Core.IO;
using KnowledgeGraph.Writers.Internal;

namespace KnowledgeGraph.Writers.GraphML;

/// <summary>
/// Writes <c>graph.graphml</c>, loadable by both Gephi (File &gt; Open) and <c>apoc.import.graphml(..., {readLabels:true})</c>.
/// </summary>
/// <remarks>
/// Layout (see docs/exports.md): all <c>&lt;key&gt;</c>s before <c>&lt;graph&gt;</c>, only the six GraphML types;
/// nodes <c>n0..</c> with attribute <c>labels=":Person"</c> and <c>&lt;data key="labels"&gt;</c> (APOC), a Gephi caption
/// key <c>label</c> (the name), <c>type</c> (the label) and <c>kgid</c> (our id); edges <c>e0..</c> with attribute
/// <c>label="MET_WITH"</c>, first child <c>&lt;data key="label"&gt;</c> (APOC needs it first), a <c>weight</c> (count or 1.0)
/// and <c>kgid</c>; MET_WITH edges are <c>directed="false"</c>. Lists are JSON-array strings (APOC's convention; the
/// <c>attr.list</c> hint is left out because the GraphML schema does not allow that attribute), dates ISO strings.
/// Text is made XML-safe: characters XML 1.0 cannot carry are dropped.
/// </remarks>
public sealed class GraphMlWriter : IGraphWriter
{
    /// <summary>The file this writer creates.</summary>
    public const string FileName = "graph.graphml";

    /// <summary>The GraphML namespace.</summary>
    public const string Namespace = "http://graphml.graphdrawing.org/xmlns";

    private static readonly HashSet<string> ReservedNodeNames = new(StringComparer.Ordinal) { "labels", "label", "kgid", "type" };
    private static readonly HashSet<string> ReservedEdgeNames = new(StringComparer.Ordinal) { "label", "weight", "kgid" };

    /// <inheritdoc/>
    public string Name => "graphml";

    /// <inheritdoc/>
    public string Description => "graph.graphml: GraphML for Gephi and apoc.import.graphml (readLabels:true)";

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
        var nodeKeys = BuildKeys(PropertyColumns.ForNodes(graph.Nodes), "v_", ReservedNodeNames);
        var edgeKeys = BuildKeys(PropertyColumns.ForRelationships(graph.Relationships), "e_", ReservedEdgeNames);
        var xmlIds = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < graph.Nodes.Length; i++)
            xmlIds[graph.Nodes[i].Id] = "n" + i.ToString(CultureInfo.InvariantCulture);

        await using var w = XmlWriter.Create(stream, XmlOutput.Settings(async: true));
        await w.WriteStartDocumentAsync().ConfigureAwait(false);
        w.WriteStartElement("graphml", Namespace);
        WriteKey(w, "labels", "node", "labels", "string");
        WriteKey(w, "n_label", "node", "label", "string");
        WriteKey(w, "type", "node", "type", "string");
        WriteKey(w, "kgid", "node", "kgid", "string");
        foreach (var k in nodeKeys)
            WriteKey(w, k.Id, "node", k.AttrName, k.AttrType);
        WriteKey(w, "label", "edge", "label", "string");
        WriteKey(w, "weight", "edge", "weight", "double");
        WriteKey(w, "e_kgid", "edge", "kgid", "string");
        foreach (var k in edgeKeys)
            WriteKey(w, k.Id, "edge", k.AttrName, k.AttrType);

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
            WriteData(w, "labels", labels);
            WriteData(w, "n_label", node.Name);
            WriteData(w, "type", node.Label);
            WriteData(w, "kgid", node.Id);
            foreach (var k in nodeKeys)
            {
                if (node.Properties.TryGetValue(k.Key, out var v) && ExportText.IsWritable(v))
                    WriteData(w, k.Id, FormatValue(v));
            }
            w.WriteEndElement();
        }
        for (var i = 0; i < graph.Relationships.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rel = graph.Relationships[i];
            w.WriteStartElement("edge", Namespace);
            w.WriteAttributeString("id", "e" + i.ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("source", xmlIds[rel.StartId]);
            w.WriteAttributeString("target", xmlIds[rel.EndId]);
            if (rel.Type == GraphSchema.MetWith)
                w.WriteAttributeString("directed", "false");
            w.WriteAttributeString("label", rel.Type);
            // APOC takes the type from the first <data key="label"> child when readLabels is on: keep it first.
            WriteData(w, "label", rel.Type);
            WriteData(w, "weight", ExportText.FormatFloat(Weight(rel)));
            WriteData(w, "e_kgid", rel.Id);
            foreach (var k in edgeKeys)
            {
                if (rel.Properties.TryGetValue(k.Key, out var v) && ExportText.IsWritable(v))
                    WriteData(w, k.Id, FormatValue(v));
            }
            w.WriteEndElement();
        }
        w.WriteEndElement();
        w.WriteEndElement();
        await w.WriteEndDocumentAsync().ConfigureAwait(false);
        await w.FlushAsync().ConfigureAwait(false);
        await stream.WriteAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The edge weight: the <c>count</c> property when it is a positive number, else 1.0.</summary>
    internal static double Weight(GraphRelationship rel) =>
        rel.Properties.TryGetValue("count", out var c) && c.Kind switch
        {
            PropertyKind.Integer => c.AsInteger() > 0,
            PropertyKind.Float => double.IsFinite(c.AsFloat()) && c.AsFloat() > 0,
            _ => false,
        }
            ? (c.Kind == PropertyKind.Integer ? c.AsInteger() : c.AsFloat())
            : 1.0;

    /// <summary>A value as GraphML data text: lists as JSON arrays, dates ISO, floats round-trip.</summary>
    internal static string FormatValue(PropertyValue v) => v.Kind switch
    {
        PropertyKind.StringList => ExportText.JsonArray(v.AsList()),
        PropertyKind.Float => ExportText.FormatFloat(v.AsFloat()),
        _ => v.ToInvariantString(),
    };

    internal static string AttrType(PropertyColumn c) => c.Mixed ? "string" : c.Kind switch
    {
        PropertyKind.Integer => "long",
        PropertyKind.Float => "double",
        PropertyKind.Boolean => "boolean",
        _ => "string",
    };

    private static List<GraphMlKey> BuildKeys(IEnumerable<PropertyColumn> columns, string idPrefix, HashSet<string> reserved)
    {
        var keys = new List<GraphMlKey>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var names = new HashSet<string>(reserved, StringComparer.Ordinal);
        foreach (var c in columns)
        {
            // attr.name must be an NMTOKEN and must not shadow the keys Gephi and APOC give a meaning to.
            var name = XmlOutput.ToNmToken(c.Key);
            if (!names.Add(name))
            {
                var n = 2;
                while (!names.Add($"{name}_{n.ToString(CultureInfo.InvariantCulture)}"))
                    n++;
                name = $"{name}_{n.ToString(CultureInfo.InvariantCulture)}";
            }
            var id = idPrefix + name;
            ids.Add(id);
            keys.Add(new GraphMlKey(c.Key, id, name, AttrType(c)));
        }
        return keys;
    }

    private static void WriteKey(XmlWriter w, string id, string domain, string attrName, string attrType)
    {
        w.WriteStartElement("key", Namespace);
        w.WriteAttributeString("id", id);
        w.WriteAttributeString("for", domain);
        w.WriteAttributeString("attr.name", attrName);
        w.WriteAttributeString("attr.type", attrType);
        w.WriteEndElement();
    }

    private static void WriteData(XmlWriter w, string key, string value)
    {
        w.WriteStartElement("data", Namespace);
        w.WriteAttributeString("key", key);
        w.WriteString(ExportText.ToXmlSafe(value));
        w.WriteEndElement();
    }

    private sealed record GraphMlKey(string Key, string Id, string AttrName, string AttrType);
}
