using System.Collections.Immutable;
using System.Globalization;
using System.Xml;
using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.Core.IO;
using KnowledgeGraph.Writers.GraphML;
using KnowledgeGraph.Writers.Internal;

namespace KnowledgeGraph.Writers.Gexf;

/// <summary>
/// Writes <c>graph.gexf</c> (GEXF 1.3), the whole graph for Gephi, NetworkX 3 and graphology (Gephi Lite): directed
/// throughout, dynamic (<c>timeformat="date"</c>, <c>timerepresentation="interval"</c>), one edge per type and node
/// pair whose dated occasions are spells, so the timeline plays every meeting and Gephi merges nothing away. Nodes are
/// coloured by label and sized by degree (people: by community and betweenness, when kg build computed them); places and countries carry <c>latitude</c>/<c>longitude</c> (double) columns
/// for Geo Layout.
/// </summary>
/// <remarks>
/// Columns have numeric ids (<c>0, 1, ...</c>) and the property key as title: Gephi Lite's importer shows the title only
/// for numeric ids. Column 0 is the label (nodes) or type (edges). Every property becomes a column (union of keys;
/// string when kinds disagree). Lists are JSON-array strings in a <c>string</c> column: the schema also allows
/// <c>liststring</c>, but Gephi's list parser has its own quoting rules, and evidence sentences full of commas and quotes
/// would not survive it. Dates are ISO strings.
/// Relationships of one type between the same two nodes (two meetings of a pair) become one edge: <c>weight</c> = number
/// of occasions, one spell per dated occasion, each property value bounded by its occasion's date (edge columns are
/// dynamic), and an <c>occasions</c> column (JSON array of key, date and place) for readers without a timeline. MET_WITH
/// runs from the smaller node id to the larger with <c>undirected=true</c>: NetworkX has no mixed graphs.
/// </remarks>
public sealed class GexfWriter : IGraphWriter
{
    /// <summary>The file this writer creates.</summary>
    public const string FileName = "graph.gexf";

    /// <summary>The GEXF 1.3 namespace (the one Gephi 0.10 writes and reads).</summary>
    public const string Namespace = "http://gexf.net/1.3";

    /// <summary>The GEXF 1.3 viz namespace.</summary>
    public const string VizNamespace = "http://gexf.net/1.3/viz";

    /// <summary>The edge column listing the relationships an edge stands for.</summary>
    public const string OccasionsTitle = "occasions";

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
    public string Description => "graph.gexf: the whole graph in GEXF 1.3 for Gephi (timeline of meetings, latitude/longitude)";

    /// <summary>The node size for a degree: 10 plus 2 per relationship, capped at 60. Linear so sizes are easy to read.</summary>
    public static double NodeSize(int degree) => 10 + (2 * Math.Min(degree, 25));

    /// <inheritdoc/>
    public Task WriteAsync(PropertyGraph graph, string outputDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        return AtomicFile.WriteAsync(Path.Combine(outputDirectory, FileName), (s, ct) => WriteAsync(graph, s, ct), cancellationToken);
    }

    /// <summary>Writes the GEXF document of the whole graph to <paramref name="stream"/>.</summary>
    public static Task WriteAsync(PropertyGraph graph, Stream stream, CancellationToken cancellationToken) =>
        WriteAsync(graph, stream, undirected: false, "People, organisations, places and meetings extracted from news articles", cancellationToken);

    /// <summary>
    /// Writes <paramref name="graph"/> as GEXF. <paramref name="undirected"/> makes every edge undirected (the person
    /// network); otherwise every edge is directed and symmetric types carry the <c>undirected</c> column.
    /// </summary>
    internal static async Task WriteAsync(PropertyGraph graph, Stream stream, bool undirected, string description, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var degrees = GraphStats.Degrees(graph);
        var groups = RelationshipGroups.Of(graph.Relationships);
        var markSymmetric = !undirected && graph.Relationships.Any(r => RelationshipGroups.IsSymmetric(r.Type));
        var nodeColumns = Columns(PropertyColumns.ForNodes(graph.Nodes), []);
        var edgeColumns = Columns(PropertyColumns.ForRelationships(graph.Relationships), markSymmetric ? [OccasionsTitle, GraphMlWriter.UndirectedKey] : [OccasionsTitle]);

        await using var w = XmlWriter.Create(stream, XmlOutput.Settings(async: true));
        await w.WriteStartDocumentAsync().ConfigureAwait(false);
        w.WriteStartElement("gexf", Namespace);
        w.WriteAttributeString("xmlns", "viz", null, VizNamespace);
        w.WriteAttributeString("version", "1.3");
        w.WriteStartElement("meta", Namespace);
        w.WriteElementString("creator", Namespace, "KnowledgeGraph");
        w.WriteElementString("description", Namespace, description);
        w.WriteEndElement();

        w.WriteStartElement("graph", Namespace);
        w.WriteAttributeString("mode", "dynamic");
        w.WriteAttributeString("defaultedgetype", undirected ? "undirected" : "directed");
        w.WriteAttributeString("timeformat", "date");
        // Intervals, not timestamps: NetworkX reads only start/end, and drops a timestamp's date.
        w.WriteAttributeString("timerepresentation", "interval");
        WriteAttributeDeclarations(w, "node", "static", nodeColumns);
        WriteAttributeDeclarations(w, "edge", "dynamic", edgeColumns);

        w.WriteStartElement("nodes", Namespace);
        w.WriteAttributeString("count", graph.Nodes.Length.ToString(CultureInfo.InvariantCulture));
        foreach (var node in graph.Nodes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            w.WriteStartElement("node", Namespace);
            w.WriteAttributeString("id", ExportText.ToXmlSafe(node.Id));
            w.WriteAttributeString("label", ExportText.ToXmlToken(node.Name, node.Id));
            w.WriteStartElement("attvalues", Namespace);
            WriteAttValue(w, nodeColumns[0], node.Label, null);
            WriteAttValues(w, node.Properties, nodeColumns, null);
            w.WriteEndElement();
            if (node.Label == GraphSchema.Meeting)
                WriteSpells(w, Dates(node.Properties));
            var (r, g, b) = CommunityColor(node.Properties) ?? (Palette.TryGetValue(node.Label, out var c) ? c : ((byte)165, (byte)171, (byte)182));
            w.WriteStartElement("viz", "color", VizNamespace);
            w.WriteAttributeString("r", r.ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("g", g.ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("b", b.ToString(CultureInfo.InvariantCulture));
            w.WriteEndElement();
            // The layout of kg build (x, y on every node): Gephi opens the graph laid out instead of piled at the origin.
            if (Position(node.Properties) is var (x, y))
            {
                w.WriteStartElement("viz", "position", VizNamespace);
                w.WriteAttributeString("x", ExportText.FormatFloat(x));
                w.WriteAttributeString("y", ExportText.FormatFloat(y));
                w.WriteAttributeString("z", "0.0");
                w.WriteEndElement();
            }
            w.WriteStartElement("viz", "size", VizNamespace);
            w.WriteAttributeString("value", ExportText.FormatFloat(BetweennessSize(node.Properties) ?? NodeSize(degrees[node.Id])));
            w.WriteEndElement();
            w.WriteEndElement();
        }
        w.WriteEndElement();

        w.WriteStartElement("edges", Namespace);
        w.WriteAttributeString("count", groups.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var group in groups)
        {
            cancellationToken.ThrowIfCancellationRequested();
            w.WriteStartElement("edge", Namespace);
            w.WriteAttributeString("id", ExportText.ToXmlSafe(group.Id));
            w.WriteAttributeString("source", ExportText.ToXmlSafe(group.SourceId));
            w.WriteAttributeString("target", ExportText.ToXmlSafe(group.TargetId));
            w.WriteAttributeString("label", group.Type);
            w.WriteAttributeString("kind", group.Type);
            w.WriteAttributeString("weight", ExportText.FormatFloat(group.Weight));
            w.WriteStartElement("attvalues", Namespace);
            WriteAttValue(w, edgeColumns[0], group.Type, null);
            foreach (var rel in group.Members)
                WriteAttValues(w, rel.Properties, edgeColumns, RelationshipGroups.Date(rel));
            WriteAttValue(w, Find(edgeColumns, OccasionsTitle), RelationshipGroups.Occasions(group), null);
            if (markSymmetric && RelationshipGroups.IsSymmetric(group.Type))
                WriteAttValue(w, Find(edgeColumns, GraphMlWriter.UndirectedKey), "true", null);
            w.WriteEndElement();
            if (TimedTypes.Contains(group.Type))
                WriteSpells(w, [.. group.Members.SelectMany(m => Dates(m.Properties)).Distinct().Order()]);
            w.WriteEndElement();
        }
        w.WriteEndElement();

        w.WriteEndElement();
        w.WriteEndElement();
        await XmlOutput.EndDocumentAsync(w, stream, cancellationToken).ConfigureAwait(false);
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

    /// <summary>A node's layout position: its <c>x</c> and <c>y</c> numbers, when it has both.</summary>
    /// <summary>Colours of communities (a qualitative palette, reused in turn past its end).</summary>
    public static ImmutableArray<(byte R, byte G, byte B)> CommunityPalette { get; } =
    [
        (31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189),
        (140, 86, 75), (227, 119, 194), (127, 127, 127), (188, 189, 34), (23, 190, 207),
    ];

    /// <summary>A person's colour is its community's (the integer <c>community</c> of kg build); null without one.</summary>
    internal static (byte R, byte G, byte B)? CommunityColor(IReadOnlyDictionary<string, PropertyValue> properties) =>
        properties.TryGetValue("community", out var c) && c.Kind == PropertyKind.Integer
            ? CommunityPalette[(int)(Math.Abs(c.AsInteger()) % CommunityPalette.Length)]
            : null;

    /// <summary>A person's size grows with its normalised betweenness (0 to 1): 10 for none, 60 for the most between.</summary>
    internal static double? BetweennessSize(IReadOnlyDictionary<string, PropertyValue> properties) =>
        properties.TryGetValue("betweenness", out var b) && Number(b) is { } v ? 10 + (50 * Math.Clamp(v, 0, 1)) : null;

    internal static (double X, double Y)? Position(IReadOnlyDictionary<string, PropertyValue> properties) =>
        properties.TryGetValue("x", out var x) && properties.TryGetValue("y", out var y) && Number(x) is { } px && Number(y) is { } py
            ? (px, py)
            : null;

    private static double? Number(PropertyValue v) => v.Kind switch
    {
        PropertyKind.Float => v.AsFloat(),
        PropertyKind.Integer => v.AsInteger(),
        _ => null,
    };

    internal static string GexfType(PropertyColumn c) => GraphMlFormat.AttrType(c);

    private static GexfColumn Find(List<GexfColumn> columns, string key) => columns.First(c => c.Column is null && c.Key == key);

    private static List<GexfColumn> Columns(ImmutableArray<PropertyColumn> columns, string[] extra)
    {
        // Column 0 is the label/type; property columns, then the writer's own columns follow. Ids are numbers, titles
        // the property keys, renamed name_2 when a key would take the title of the label/type or a writer column.
        var list = new List<GexfColumn> { new("0", "type", "type", "string", null) };
        var titles = new HashSet<string>(["type", .. extra], StringComparer.Ordinal);
        foreach (var c in columns)
        {
            var title = ExportText.ToXmlSafe(c.Key);
            if (!titles.Add(title))
            {
                var n = 2;
                while (!titles.Add($"{title}_{n.ToString(CultureInfo.InvariantCulture)}"))
                    n++;
                title = $"{title}_{n.ToString(CultureInfo.InvariantCulture)}";
            }
            list.Add(new(list.Count.ToString(CultureInfo.InvariantCulture), c.Key, title, GexfType(c), c));
        }
        foreach (var key in extra)
            list.Add(new(list.Count.ToString(CultureInfo.InvariantCulture), key, key, key == GraphMlWriter.UndirectedKey ? "boolean" : "string", null));
        return list;
    }

    private static void WriteAttributeDeclarations(XmlWriter w, string domain, string mode, List<GexfColumn> columns)
    {
        w.WriteStartElement("attributes", Namespace);
        w.WriteAttributeString("class", domain);
        w.WriteAttributeString("mode", mode);
        foreach (var column in columns)
        {
            w.WriteStartElement("attribute", Namespace);
            w.WriteAttributeString("id", column.Id);
            w.WriteAttributeString("title", column.Title);
            w.WriteAttributeString("type", column.Type);
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private static void WriteAttValues(XmlWriter w, PropertyDictionary properties, List<GexfColumn> columns, DateOnly? date)
    {
        foreach (var column in columns)
        {
            if (column.Column is not null && properties.TryGetValue(column.Key, out var v) && ExportText.IsWritable(v))
                WriteAttValue(w, column, GraphMlFormat.FormatValue(v), date);
        }
    }

    private static void WriteAttValue(XmlWriter w, GexfColumn column, string text, DateOnly? date)
    {
        w.WriteStartElement("attvalue", Namespace);
        w.WriteAttributeString("for", column.Id);
        w.WriteAttributeString("value", ExportText.ToXmlSafe(text));
        if (date is { } d)
        {
            // A value holds from its occasion's date to the same date: intervals are closed in GEXF.
            w.WriteAttributeString("start", ExportText.FormatDate(d));
            w.WriteAttributeString("end", ExportText.FormatDate(d));
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
            w.WriteAttributeString("start", ExportText.FormatDate(date));
            w.WriteAttributeString("end", ExportText.FormatDate(date));
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    /// <summary>One declared attribute column.</summary>
    /// <param name="Id">The numeric id.</param>
    /// <param name="Key">The property key (or the writer's own column name).</param>
    /// <param name="Title">The title readers show.</param>
    /// <param name="Type">The GEXF type.</param>
    /// <param name="Column">The property column, null for the type column and the writer's own columns.</param>
    private sealed record GexfColumn(string Id, string Key, string Title, string Type, PropertyColumn? Column);
}
