using System.Collections.Immutable;

namespace KnowledgeGraph.Core.Graph;

/// <summary>A node: a stable id (<c>person:jens-stoltenberg</c>), its labels, and typed properties (always a <c>name</c>).</summary>
/// <param name="Id">Stable id, unique across all labels, kept the same across runs and corpora.</param>
/// <param name="Labels">Labels from <see cref="GraphSchema.NodeLabels"/>; the first is the primary one.</param>
/// <param name="Properties">Properties, sorted by key.</param>
public sealed record GraphNode(string Id, ImmutableArray<string> Labels, PropertyDictionary Properties)
{
    /// <summary>The primary label.</summary>
    public string Label => Labels[0];

    /// <summary>The node's <c>name</c> property, or its id when it has none.</summary>
    public string Name => Properties.TryGetValue("name", out var v) && v.Kind == PropertyKind.String ? v.AsString() : Id;

    /// <summary>Structural equality: id, labels and properties by content.</summary>
    public bool Equals(GraphNode? other) =>
        other is not null && Id == other.Id && Labels.SequenceEqual(other.Labels) && PropertiesEqual(Properties, other.Properties);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Labels.Length, Properties.Count);

    internal static bool PropertiesEqual(PropertyDictionary a, PropertyDictionary b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v.Equals(kv.Value));
}

/// <summary>A directed relationship between two nodes, with typed properties.</summary>
/// <param name="Id">Stable id, unique among relationships.</param>
/// <param name="Type">Type from <see cref="GraphSchema.RelationshipTypes"/>.</param>
/// <param name="StartId">Id of the start node.</param>
/// <param name="EndId">Id of the end node.</param>
/// <param name="Properties">Properties, sorted by key.</param>
public sealed record GraphRelationship(string Id, string Type, string StartId, string EndId, PropertyDictionary Properties)
{
    /// <summary>Structural equality: id, type, endpoints and properties by content.</summary>
    public bool Equals(GraphRelationship? other) =>
        other is not null && Id == other.Id && Type == other.Type && StartId == other.StartId && EndId == other.EndId &&
        GraphNode.PropertiesEqual(Properties, other.Properties);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Type, StartId, EndId);
}

/// <summary>
/// An immutable property graph: nodes sorted by id, then relationships sorted by id. Every writer walks it in this
/// order, which makes every export deterministic.
/// </summary>
public sealed class PropertyGraph
{
    private readonly Dictionary<string, GraphNode> _byId;

    /// <summary>Creates a graph; sorts nodes and relationships by id and checks that every endpoint exists.</summary>
    /// <exception cref="ArgumentException">A duplicate id, an unknown label or type, or a dangling endpoint.</exception>
    public PropertyGraph(IEnumerable<GraphNode> nodes, IEnumerable<GraphRelationship> relationships)
        : this(nodes, relationships, null)
    {
    }

    /// <summary>
    /// A graph whose MENTIONED_IN are <paramref name="mentions"/>, held as numbers (see <see cref="RelationshipList"/>)
    /// beside the other <paramref name="relationships"/>: the same graph as one made of them all as objects. Should the
    /// table's rows not be one run in id order among the others, they are made into objects and sorted in.
    /// </summary>
    internal PropertyGraph(IEnumerable<GraphNode> nodes, IEnumerable<GraphRelationship> relationships, MentionTable? mentions)
    {
        Nodes = OrderedById(nodes, n => n.Id);
        var others = OrderedById(relationships, r => r.Id);
        var at = 0;
        if (mentions is { Count: > 0 })
        {
            var first = mentions.FirstId;
            while (at < others.Length && string.CompareOrdinal(others[at].Id, first) < 0)
                at++;
            if (!mentions.InIdOrder() || (at < others.Length && string.CompareOrdinal(others[at].Id, mentions.LastId) <= 0))
            {
                others = OrderedById(others.Concat(mentions).ToList(), r => r.Id);
                mentions = null;
            }
        }
        Relationships = new RelationshipList(others, mentions, at);
        _byId = new Dictionary<string, GraphNode>(StringComparer.Ordinal);
        foreach (var n in Nodes)
        {
            if (!_byId.TryAdd(n.Id, n))
                throw new ArgumentException($"Duplicate node id '{n.Id}'.", nameof(nodes));
            CheckLabels(n, nameof(nodes));
        }
        // Sorted by id, a duplicate sits next to its twin: no set of every id (a million of them at 100 MB of text, ten
        // million at 1 GB, held only for this check).
        string? previous = null;
        foreach (var r in others)
        {
            if (string.Equals(previous, r.Id, StringComparison.Ordinal))
                throw new ArgumentException($"Duplicate relationship id '{r.Id}'.", nameof(relationships));
            previous = r.Id;
            if (!GraphSchema.IsRelationshipType(r.Type))
                throw new ArgumentException($"Relationship '{r.Id}' has a type outside the schema: {r.Type}.", nameof(relationships));
            if (!_byId.ContainsKey(r.StartId) || !_byId.ContainsKey(r.EndId))
                throw new ArgumentException($"Relationship '{r.Id}' points at a node that does not exist ({r.StartId} -> {r.EndId}).", nameof(relationships));
        }
        // The table's rows are one run in id order (checked above), so only their ends are left to check.
        if (mentions is not null)
        {
            foreach (var id in mentions.Entities.Concat(mentions.Articles))
            {
                if (!_byId.ContainsKey(id))
                    throw new ArgumentException($"A MENTIONED_IN relationship points at a node that does not exist ({id}).", nameof(mentions));
            }
        }
    }

    private PropertyGraph(ImmutableArray<GraphNode> nodes, RelationshipList relationships, Dictionary<string, GraphNode> byId)
    {
        Nodes = nodes;
        Relationships = relationships;
        _byId = byId;
    }

    // Every node has labels, and only the schema's.
    private static void CheckLabels(GraphNode n, string paramName)
    {
        if (n.Labels.IsDefaultOrEmpty || n.Labels.Any(l => !GraphSchema.IsNodeLabel(l)))
            throw new ArgumentException($"Node '{n.Id}' has a label outside the schema: {string.Join(",", n.Labels)}.", paramName);
    }

    /// <summary>
    /// This graph with <paramref name="nodes"/> in place of its nodes, relationships kept: for a step that only sets
    /// properties on nodes (the network figures, the layout). The relationships are not sorted or checked again, which
    /// over a million of them was most of such a step's time.
    /// </summary>
    /// <exception cref="ArgumentException">The nodes are not this graph's ids in this graph's order, or a label is outside the schema.</exception>
    public PropertyGraph WithNodes(IEnumerable<GraphNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var array = nodes.ToImmutableArray();
        if (array.Length != Nodes.Length)
            throw new ArgumentException($"{array.Length} nodes given for a graph of {Nodes.Length}.", nameof(nodes));
        var byId = new Dictionary<string, GraphNode>(array.Length, StringComparer.Ordinal);
        for (var i = 0; i < array.Length; i++)
        {
            var n = array[i];
            if (!string.Equals(n.Id, Nodes[i].Id, StringComparison.Ordinal))
                throw new ArgumentException($"Node '{n.Id}' given where the graph has '{Nodes[i].Id}': the nodes must keep their ids and order.", nameof(nodes));
            CheckLabels(n, nameof(nodes));
            byId[n.Id] = n;
        }
        return new PropertyGraph(array, Relationships, byId);
    }

    // The items in id order (a stable sort), without sorting what is in order already: each build step that adds
    // properties (metrics, layout) makes a new graph from the previous one's ordered lists.
    private static ImmutableArray<T> OrderedById<T>(IEnumerable<T> items, Func<T, string> id)
    {
        var array = items.ToImmutableArray();
        for (var i = 1; i < array.Length; i++)
        {
            if (string.CompareOrdinal(id(array[i - 1]), id(array[i])) > 0)
                return [.. array.OrderBy(id, StringComparer.Ordinal)];
        }
        return array;
    }

    /// <summary>An empty graph.</summary>
    public static PropertyGraph Empty { get; } = new([], []);

    /// <summary>Nodes, sorted by id.</summary>
    public ImmutableArray<GraphNode> Nodes { get; }

    /// <summary>Relationships, sorted by id.</summary>
    public RelationshipList Relationships { get; }

    /// <summary>Finds a node by id.</summary>
    public bool TryGetNode(string id, out GraphNode node) => _byId.TryGetValue(id, out node!);

    /// <summary>True when both graphs hold the same nodes and relationships, property by property.</summary>
    public bool ContentEquals(PropertyGraph other) =>
        Nodes.SequenceEqual(other.Nodes) && Relationships.SequenceEqual(other.Relationships);
}
