using System.Collections.Immutable;
using KnowledgeGraph.Core.Graph;

namespace KnowledgeGraph.Writers.Internal;

/// <summary>One property column: its key and the kind every value in the column is written as.</summary>
/// <param name="Key">The property key.</param>
/// <param name="Kind">The common kind; <see cref="PropertyKind.String"/> when the values disagree.</param>
/// <param name="Mixed">True when values of different kinds share the key, so they are written as text.</param>
internal sealed record PropertyColumn(string Key, PropertyKind Kind, bool Mixed);

/// <summary>
/// Collects the union of property keys (and a kind per key) over a set of property maps. Writers never assume a fixed
/// set of keys: the pipeline may add more, and each format needs its columns declared up front.
/// </summary>
internal static class PropertyColumns
{
    /// <summary>Columns of <paramref name="maps"/>, sorted by key (ordinal).</summary>
    public static ImmutableArray<PropertyColumn> Collect(IEnumerable<IReadOnlyDictionary<string, PropertyValue>> maps)
    {
        var kinds = new SortedDictionary<string, (PropertyKind Kind, bool Mixed)>(StringComparer.Ordinal);
        foreach (var map in maps)
        {
            foreach (var (key, value) in map)
            {
                if (!ExportText.IsWritable(value))
                    continue;
                kinds[key] = kinds.TryGetValue(key, out var seen)
                    ? seen.Kind == value.Kind ? seen : (PropertyKind.String, true)
                    : (value.Kind, false);
            }
        }
        return [.. kinds.Select(kv => new PropertyColumn(kv.Key, kv.Value.Kind, kv.Value.Mixed))];
    }

    /// <summary>Columns of the nodes' properties.</summary>
    public static ImmutableArray<PropertyColumn> ForNodes(IEnumerable<GraphNode> nodes) => Collect(nodes.Select(n => (IReadOnlyDictionary<string, PropertyValue>)n.Properties));

    /// <summary>Columns of the relationships' properties.</summary>
    public static ImmutableArray<PropertyColumn> ForRelationships(IEnumerable<GraphRelationship> rels) => Collect(rels.Select(r => (IReadOnlyDictionary<string, PropertyValue>)r.Properties));
}
