using System.Collections.Immutable;
using System.Globalization;
using System.Xml;
using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.Core.IO;
using KnowledgeGraph.Writers.GraphML;
using KnowledgeGraph.Writers.Internal;

namespace KnowledgeGraph.Writers.Gexf;

/// <summary>
/// Writes <c>graph.gexf</c> (GEXF 1.3) for Gephi: a dynamic graph (<c>timeformat="date"</c>,
/// <c>timerepresentation="timestamp"</c>) whose dated MET_WITH/VISITED edges and Meeting nodes carry
/// <c>&lt;spell timestamp&gt;</c>s, so the timeline plays meetings in order. Nodes are coloured by label and sized by degree;
/// places and countries carry <c>latitude</c>/<c>longitude</c> (double) columns for Geo Layout.
/// </summary>
/// <remarks>
/// Every property becomes an attribute column (union of keys; string when kinds disagree). Lists are written as JSON-array
/// strings in a <c>string</c> column: the schema also allows <c>liststring</c>, but Gephi's list parser has its own
/// quoting rules, and evidence sentences full of commas and quotes would not survive it. Dates are ISO strings.
/// </remarks>
public sealed class GexfWriter : IGraphWriter
{
    /// <summary>The file this writer creates.</summary>
    public const string FileName = "graph.gexf";

    /// <summary>The GEXF 1.3 namespace (the one Gephi 0.10 writes and reads).</summary>
    public const string Namespace = "http://gexf.net/1.3";

    /// <summary>The GEXF 1.3 viz namespace.</summary>
    public const string VizNamespace = "http://gexf.net/1.3/viz";

    /// <summary>Node colours by label (r, g, b): the Neo4j Browser palette of <c>style.grass</c>, so both tools agree.</summary>
    public static ImmutableDictionary<string, (byte R, byte G, byte B)> Palette { get; } = new Dictionary<string, (byte, byte, byte)>
    {
        [GraphSchema.Person] = (76, 142, 218),
        [GraphSchema.Organization] = (241, 102, 103),
        [GraphSchema.Country] = (87, 199, 227),
        [GraphSchema.Location] = (141, 204, 147),
        [GraphSchema.Event] = (201, 144, 192),
        [GraphSchema.Meeting] = (255, 196, 84),
        [GraphSchema.Article] = (165, 171, 182),
    }.ToImmutableDictionary(StringComparer.Ordinal);

    /// <summary>Relationship types whose dated occasions become spells on the timeline.</summary>
    public static ImmutableArray<string> TimedTypes { get; } = [GraphSchema.MetWith, GraphSchema.Visited];

    /// <inheritdoc/>
    public string Name => "gexf";

    /// <inheritdoc/>
    public string Description => "graph.gexf: GEXF 1.3 for Gephi, with a timeline of meetings and latitude/longitude";

    /// <summary>The node size for a degree: 10 plus 2 per relationship, capped at 60. Linear so sizes are easy to read.</summary>
    public static double NodeSize(int degree) => 10 + (2 * Math.Min(degree, 25));

    /// <inheritdoc/>
    public Task WriteAsync(PropertyGraph graph, string outputDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        return AtomicFile.WriteAsync(Path.Combine(outputDirectory, FileName), (s, ct) => WriteAsync(graph, s, ct), cancellationToken);
    }

    /// <summary>Writes the GEXF document to <paramref name="stream"/>.</summary>
    public static async Task WriteAsync(PropertyGraph graph, Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var degrees = GraphStats.Degrees(graph);
        var nodeColumns = Columns(PropertyColumns.ForNodes(graph.Nodes), "type");
        var edgeColumns = Columns(PropertyColumns.ForRelationships(graph.Relationships), "type");

        await using var w = XmlWriter.Create(stream, XmlOutput.Settings(async: true));
        await w.WriteStartDocumentAsync().ConfigureAwait(false);
        w.WriteStartElement("gexf", Namespace);
        w.WriteAttributeString("xmlns", "viz", null, VizNamespace);
        w.WriteAttributeString("version", "1.3");
        w.WriteStartElement("meta", Namespace);
        w.WriteElementString("creator", Namespace, "KnowledgeGraph");
        w.WriteElementString("description", Namespace, "People, organisations, places and meetings extracted from news articles");
        w.WriteEndElement();

        w.WriteStartElement("graph", Namespace);
        w.WriteAttributeString("mode", "dynamic");
        w.WriteAttributeString("defaultedgetype", "directed");
        w.WriteAttributeString("timeformat", "date");
        w.WriteAttributeString("timerepresentation", "timestamp");
        WriteAttributeDeclarations(w, "node", nodeColumns);
        WriteAttributeDeclarations(w, "edge", edgeColumns);

        w.WriteStartElement("nodes", Namespace);
        w.WriteAttributeString("count", graph.Nodes.Length.ToString(CultureInfo.InvariantCulture));
        foreach (var node in graph.Nodes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            w.WriteStartElement("node", Namespace);
            w.WriteAttributeString("id", ExportText.ToXmlSafe(node.Id));
            w.WriteAttributeString("label", ExportText.ToXmlToken(node.Name, node.Id));
            WriteAttValues(w, node.Label, node.Properties, nodeColumns);
            if (node.Label == GraphSchema.Meeting)
                WriteSpells(w, Dates(node.Properties));
            var (r, g, b) = Palette.TryGetValue(node.Label, out var c) ? c : ((byte)165, (byte)171, (byte)182);
            w.WriteStartElement("viz", "color", VizNamespace);
            w.WriteAttributeString("r", r.ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("g", g.ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("b", b.ToString(CultureInfo.InvariantCulture));
            w.WriteEndElement();
            w.WriteStartElement("viz", "size", VizNamespace);
            w.WriteAttributeString("value", ExportText.FormatFloat(NodeSize(degrees[node.Id])));
            w.WriteEndElement();
            w.WriteEndElement();
        }
        w.WriteEndElement();

        w.WriteStartElement("edges", Namespace);
        w.WriteAttributeString("count", graph.Relationships.Length.ToString(CultureInfo.InvariantCulture));
        foreach (var rel in graph.Relationships)
        {
            cancellationToken.ThrowIfCancellationRequested();
            w.WriteStartElement("edge", Namespace);
            w.WriteAttributeString("id", ExportText.ToXmlSafe(rel.Id));
            w.WriteAttributeString("source", ExportText.ToXmlSafe(rel.StartId));
            w.WriteAttributeString("target", ExportText.ToXmlSafe(rel.EndId));
            if (rel.Type == GraphSchema.MetWith)
                w.WriteAttributeString("type", "undirected");
            w.WriteAttributeString("label", rel.Type);
            w.WriteAttributeString("kind", rel.Type);
            w.WriteAttributeString("weight", ExportText.FormatFloat(GraphMlWriter.Weight(rel)));
            WriteAttValues(w, rel.Type, rel.Properties, edgeColumns);
            if (TimedTypes.Contains(rel.Type))
                WriteSpells(w, Dates(rel.Properties));
            w.WriteEndElement();
        }
        w.WriteEndElement();

        w.WriteEndElement();
        w.WriteEndElement();
        await w.WriteEndDocumentAsync().ConfigureAwait(false);
        await w.FlushAsync().ConfigureAwait(false);
        await stream.WriteAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The dated occasions of an element: its <c>date</c> and any ISO items of a <c>dates</c> list, sorted, distinct.</summary>
    internal static IReadOnlyList<DateOnly> Dates(IReadOnlyDictionary<string, PropertyValue> properties)
    {
        var dates = new SortedSet<DateOnly>();
        if (properties.TryGetValue("date", out var d) && d.Kind == PropertyKind.Date)
            dates.Add(d.AsDate());
        if (properties.TryGetValue("dates", out var list) && list.Kind == PropertyKind.StringList)
        {
            foreach (var item in list.AsList())
            {
                if (DateOnly.TryParseExact(item, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                    dates.Add(parsed);
            }
        }
        return [.. dates];
    }

    internal static string GexfType(PropertyColumn c) => c.Mixed ? "string" : c.Kind switch
    {
        PropertyKind.Integer => "long",
        PropertyKind.Float => "double",
        PropertyKind.Boolean => "boolean",
        _ => "string",
    };

    private static List<(string Id, PropertyColumn? Column)> Columns(ImmutableArray<PropertyColumn> columns, string typeColumn)
    {
        // Column 0 is the label/type; property columns follow with ids a0, a1, ... and the property key as title.
        var list = new List<(string, PropertyColumn?)> { (typeColumn, null) };
        for (var i = 0; i < columns.Length; i++)
            list.Add(("a" + i.ToString(CultureInfo.InvariantCulture), columns[i]));
        return list;
    }

    private static void WriteAttributeDeclarations(XmlWriter w, string domain, List<(string Id, PropertyColumn? Column)> columns)
    {
        w.WriteStartElement("attributes", Namespace);
        w.WriteAttributeString("class", domain);
        foreach (var (id, column) in columns)
        {
            w.WriteStartElement("attribute", Namespace);
            w.WriteAttributeString("id", id);
            w.WriteAttributeString("title", column is null ? "type" : ExportText.ToXmlSafe(column.Key));
            w.WriteAttributeString("type", column is null ? "string" : GexfType(column));
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private static void WriteAttValues(XmlWriter w, string type, ImmutableSortedDictionary<string, PropertyValue> properties, List<(string Id, PropertyColumn? Column)> columns)
    {
        w.WriteStartElement("attvalues", Namespace);
        foreach (var (id, column) in columns)
        {
            string? text = null;
            if (column is null)
                text = type;
            else if (properties.TryGetValue(column.Key, out var v) && ExportText.IsWritable(v))
                text = GraphMlWriter.FormatValue(v);
            if (text is null)
                continue;
            w.WriteStartElement("attvalue", Namespace);
            w.WriteAttributeString("for", id);
            w.WriteAttributeString("value", ExportText.ToXmlSafe(text));
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private static void WriteSpells(XmlWriter w, IReadOnlyList<DateOnly> dates)
    {
        if (dates.Count == 0)
            return;
        w.WriteStartElement("spells", Namespace);
        foreach (var date in dates)
        {
            w.WriteStartElement("spell", Namespace);
            w.WriteAttributeString("timestamp", ExportText.FormatDate(date));
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }
}
