using System.Collections.Immutable;
using System.Xml.Linq;
using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.Writers.Gexf;

namespace KnowledgeGraph.Writers.Tests.Support;

/// <summary>
/// Reads graph.gexf back (ids, label from the type column 0, edge kind, attribute columns) for round trips of graphs
/// with at most one relationship per type and node pair; the writer's own edge columns (occasions, undirected) are skipped.
/// </summary>
internal static class GexfTestReader
{
    private static readonly XNamespace X = GexfWriter.Namespace;

    public static PropertyGraph Read(string xml)
    {
        var graph = XDocument.Parse(xml).Root!.Element(X + "graph")!;
        var columns = graph.Elements(X + "attributes").ToDictionary(
            a => (string)a.Attribute("class")!,
            a => a.Elements(X + "attribute").ToDictionary(c => (string)c.Attribute("id")!, c => ((string)c.Attribute("title")!, (string)c.Attribute("type")!)));
        var nodes = graph.Element(X + "nodes")!.Elements(X + "node").Select(n =>
        {
            var (type, props) = Values(n, columns["node"]);
            return new GraphNode((string)n.Attribute("id")!, [type], props);
        });
        var rels = graph.Element(X + "edges")!.Elements(X + "edge").Select(e =>
        {
            var (_, props) = Values(e, columns["edge"]);
            return new GraphRelationship((string)e.Attribute("id")!, (string)e.Attribute("kind")!, (string)e.Attribute("source")!, (string)e.Attribute("target")!, props);
        });
        return new PropertyGraph(nodes, rels);
    }

    private static (string Type, ImmutableSortedDictionary<string, PropertyValue> Props) Values(XElement owner, Dictionary<string, (string Title, string Type)> columns)
    {
        var values = owner.Element(X + "attvalues")!.Elements(X + "attvalue").ToDictionary(v => (string)v.Attribute("for")!, v => (string)v.Attribute("value")!);
        var props = values.Where(v => v.Key != "0" && columns[v.Key].Title is not ("occasions" or "undirected")).ToImmutableSortedDictionary(
            v => columns[v.Key].Title, v => XmlRoundTrip.Parse(columns[v.Key].Title, columns[v.Key].Type, v.Value), StringComparer.Ordinal);
        return (values["0"], props);
    }
}
