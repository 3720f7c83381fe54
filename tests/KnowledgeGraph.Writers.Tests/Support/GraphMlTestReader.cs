using System.Collections.Immutable;
using System.Xml.Linq;
using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.Writers.GraphML;

namespace KnowledgeGraph.Writers.Tests.Support;

/// <summary>Reads graph.graphml back the way APOC does (labels from data key "labels", type from the edge label, id and key as properties), for round trips.</summary>
internal static class GraphMlTestReader
{
    private static readonly XNamespace G = GraphMlWriter.Namespace;
    private static readonly HashSet<string> Structural = ["labels", "v_id", "label", "e_key", "e_undirected"];

    public static PropertyGraph Read(string xml)
    {
        var root = XDocument.Parse(xml).Root!;
        var keys = root.Elements(G + "key").ToDictionary(k => (string)k.Attribute("id")!, k => ((string)k.Attribute("attr.name")!, (string)k.Attribute("attr.type")!));
        var graph = root.Element(G + "graph")!;
        var ids = new Dictionary<string, string>();
        var nodes = new List<GraphNode>();
        foreach (var n in graph.Elements(G + "node"))
        {
            var data = n.Elements(G + "data").ToDictionary(d => (string)d.Attribute("key")!, d => d.Value);
            ids[(string)n.Attribute("id")!] = data["v_id"];
            nodes.Add(new GraphNode(data["v_id"], [.. data["labels"].Split(':', StringSplitOptions.RemoveEmptyEntries)], Props(data, keys)));
        }
        var rels = graph.Elements(G + "edge").Select(e =>
        {
            var data = e.Elements(G + "data").ToDictionary(d => (string)d.Attribute("key")!, d => d.Value);
            return new GraphRelationship(data["e_key"], (string)e.Attribute("label")!, ids[(string)e.Attribute("source")!], ids[(string)e.Attribute("target")!], Props(data, keys));
        });
        return new PropertyGraph(nodes, rels);
    }

    private static ImmutableSortedDictionary<string, PropertyValue> Props(Dictionary<string, string> data, Dictionary<string, (string Name, string Type)> keys) =>
        data.Where(d => !Structural.Contains(d.Key))
            .ToImmutableSortedDictionary(d => keys[d.Key].Name, d => XmlRoundTrip.Parse(keys[d.Key].Name, keys[d.Key].Type, d.Value), StringComparer.Ordinal);
}
