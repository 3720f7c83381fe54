using KnowledgeGraph.Core.Graph;

namespace KnowledgeGraph.Writers.Internal;

/// <summary>Degree counts and the label order used to group output deterministically.</summary>
internal static class GraphStats
{
    /// <summary>Number of relationships touching each node (a self-loop counts twice).</summary>
    public static Dictionary<string, int> Degrees(PropertyGraph graph)
    {
        var degrees = graph.Nodes.ToDictionary(n => n.Id, _ => 0, StringComparer.Ordinal);
        foreach (var r in graph.Relationships)
        {
            degrees[r.StartId]++;
            degrees[r.EndId]++;
        }
        return degrees;
    }

    /// <summary>Labels that occur as a node's primary label, in <see cref="GraphSchema.NodeLabels"/> order.</summary>
    public static IReadOnlyList<string> UsedLabels(PropertyGraph graph)
    {
        var used = graph.Nodes.Select(n => n.Label).ToHashSet(StringComparer.Ordinal);
        return [.. GraphSchema.NodeLabels.Where(used.Contains)];
    }

    /// <summary>Relationship types that occur, in <see cref="GraphSchema.RelationshipTypes"/> order.</summary>
    public static IReadOnlyList<string> UsedTypes(PropertyGraph graph)
    {
        var used = graph.Relationships.Select(r => r.Type).ToHashSet(StringComparer.Ordinal);
        return [.. GraphSchema.RelationshipTypes.Where(used.Contains)];
    }

    /// <summary>The node with the most relationships among those with <paramref name="label"/>; ties go to the smaller id.</summary>
    public static GraphNode? MostConnected(PropertyGraph graph, string label, Dictionary<string, int> degrees, string? excludeId = null) =>
        graph.Nodes.Where(n => n.Label == label && n.Id != excludeId)
            .OrderByDescending(n => degrees[n.Id])
            .ThenBy(n => n.Id, StringComparer.Ordinal)
            .FirstOrDefault();
}
