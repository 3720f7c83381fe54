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
/// <remarks>
/// An assembled graph's ids are mostly their ends joined (<c>attended:</c>, the person, <c>:</c>, the meeting):
/// such a relationship holds the text around its ends (shared by every relationship of that shape) instead of an id
/// string of its own, and makes <see cref="Id"/> when asked (see <see cref="WithIdAround(string, string, string, string, PropertyDictionary, IdShapes)"/>). It reads, compares and
/// sorts as one made with its id.
/// </remarks>
public sealed record GraphRelationship
{
    private readonly string? _id;
    private readonly IdShape? _shape;

    /// <summary>Creates a relationship.</summary>
    /// <param name="Id">Stable id, unique among relationships.</param>
    /// <param name="Type">Type from <see cref="GraphSchema.RelationshipTypes"/>.</param>
    /// <param name="StartId">Id of the start node.</param>
    /// <param name="EndId">Id of the end node.</param>
    /// <param name="Properties">Properties, sorted by key.</param>
#pragma warning disable CA1707, IDE1006 // the parameters keep the names they had as a positional record's
    public GraphRelationship(string Id, string Type, string StartId, string EndId, PropertyDictionary Properties)
#pragma warning restore CA1707, IDE1006
    {
        _id = Id;
        this.Type = Type;
        this.StartId = StartId;
        this.EndId = EndId;
        this.Properties = Properties;
    }

    private GraphRelationship(IdShape shape, string type, string startId, string endId, PropertyDictionary properties)
    {
        Type = type;
        StartId = startId;
        EndId = endId;
        Properties = properties;
        // Last: the ends' init accessors make the id of a relationship that already has a shape.
        _shape = shape;
    }

    /// <summary>Stable id, unique among relationships.</summary>
    public string Id
    {
        get => _id ?? string.Concat(_shape!.Prefix, StartId, ":", EndId) + _shape.Suffix;
        init
        {
            _id = value;
            _shape = null;
        }
    }

    /// <summary>Type from <see cref="GraphSchema.RelationshipTypes"/>.</summary>
    public string Type { get; init; }

    /// <summary>Id of the start node.</summary>
    public string StartId
    {
        get;
        init
        {
            // An id made of the ends is kept as it was: made, before the end changes.
            if (_shape is not null)
            {
                _id = Id;
                _shape = null;
            }
            field = value;
        }
    }

    /// <summary>Id of the end node.</summary>
    public string EndId
    {
        get;
        init
        {
            // An id made of the ends is kept as it was: made, before the end changes.
            if (_shape is not null)
            {
                _id = Id;
                _shape = null;
            }
            field = value;
        }
    }

    /// <summary>Properties, sorted by key.</summary>
    public PropertyDictionary Properties { get; init; }

    /// <summary>The parts of the relationship, as a positional record gives them.</summary>
    public void Deconstruct(out string Id, out string Type, out string StartId, out string EndId, out PropertyDictionary Properties)
    {
        Id = this.Id;
        Type = this.Type;
        StartId = this.StartId;
        EndId = this.EndId;
        Properties = this.Properties;
    }

    /// <summary>
    /// The relationship <c>new GraphRelationship(id, …)</c> makes, holding of <paramref name="id"/> only the text
    /// around <c>startId:endId</c> in it (an instance of <paramref name="shapes"/>, shared by every id of that shape);
    /// an id that does not hold its ends so is kept as it is.
    /// </summary>
    /// <param name="id">The id.</param>
    /// <param name="type">The type.</param>
    /// <param name="startId">The start node's id.</param>
    /// <param name="endId">The end node's id.</param>
    /// <param name="properties">The properties.</param>
    /// <param name="shapes">The shapes made so far, to share: one per distinct text before and after the ends.</param>
    public static GraphRelationship WithIdAround(string id, string type, string startId, string endId, PropertyDictionary properties, IdShapes shapes)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(startId);
        ArgumentNullException.ThrowIfNull(endId);
        ArgumentNullException.ThrowIfNull(shapes);
        var span = id.AsSpan();
        for (var at = span.IndexOf(startId.AsSpan(), StringComparison.Ordinal); at >= 0;)
        {
            var rest = span[(at + startId.Length)..];
            if (rest.Length > endId.Length && rest[0] == ':' && rest[1..].StartsWith(endId, StringComparison.Ordinal))
                return new GraphRelationship(shapes.Get(span[..at], rest[(1 + endId.Length)..]), type, startId, endId, properties);
            var next = span[(at + 1)..].IndexOf(startId.AsSpan(), StringComparison.Ordinal);
            at = next < 0 ? -1 : at + 1 + next;
        }
        return new GraphRelationship(id, type, startId, endId, properties);
    }

    /// <summary>The relationship whose id is <paramref name="shape"/>'s prefix, <c>startId:endId</c> and its suffix.</summary>
    public static GraphRelationship WithIdAround(IdShape shape, string type, string startId, string endId, PropertyDictionary properties)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(startId);
        ArgumentNullException.ThrowIfNull(endId);
        return new GraphRelationship(shape, type, startId, endId, properties);
    }

    /// <summary>
    /// <see cref="string.CompareOrdinal(string, string)"/> of the two ids (its sign), without making an id that is
    /// held as its ends.
    /// </summary>
    public static int CompareIds(GraphRelationship a, GraphRelationship b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a._shape is null && b._shape is null)
            return string.CompareOrdinal(a._id, b._id);
        var x = new IdCursor(a);
        var y = new IdCursor(b);
        while (true)
        {
            var s = x.Rest();
            var t = y.Rest();
            if (s.IsEmpty || t.IsEmpty)
                return s.IsEmpty ? (t.IsEmpty ? 0 : -1) : 1;
            var n = Math.Min(s.Length, t.Length);
            var c = s[..n].SequenceCompareTo(t[..n]);
            if (c != 0)
                return c;
            x.Skip(n);
            y.Skip(n);
        }
    }

    // Walks an id as its parts: the id, or the shape's prefix, the start, ':', the end and the shape's suffix.
    private ref struct IdCursor(GraphRelationship r)
    {
        private int _part;
        private int _offset;

        public ReadOnlySpan<char> Rest()
        {
            while (true)
            {
                var part = Part(_part);
                if (part is null)
                    return default;
                if (_offset < part.Length)
                    return part.AsSpan(_offset);
                _part++;
                _offset = 0;
            }
        }

        public void Skip(int n) => _offset += n;

        private readonly string? Part(int i) => r._shape is null
            ? (i == 0 ? r._id : null)
            : i switch { 0 => r._shape.Prefix, 1 => r.StartId, 2 => ":", 3 => r.EndId, 4 => r._shape.Suffix, _ => null };
    }

    /// <summary>Structural equality: id, type, endpoints and properties by content.</summary>
    public bool Equals(GraphRelationship? other) =>
        other is not null && CompareIds(this, other) == 0 && Type == other.Type && StartId == other.StartId && EndId == other.EndId &&
        GraphNode.PropertiesEqual(Properties, other.Properties);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Type, StartId, EndId);
}

/// <summary>The text of an id around its ends (see <see cref="GraphRelationship.WithIdAround(string, string, string, string, PropertyDictionary, IdShapes)"/>).</summary>
/// <param name="Prefix">Before the start node's id.</param>
/// <param name="Suffix">After the end node's id.</param>
public sealed record IdShape(string Prefix, string Suffix);

/// <summary>The id shapes of one graph, one instance per distinct prefix and suffix.</summary>
public sealed class IdShapes
{
    private readonly Dictionary<string, IdShape> _shapes = new(StringComparer.Ordinal);

    /// <summary>The shape of this prefix and suffix.</summary>
    public IdShape Get(ReadOnlySpan<char> prefix, ReadOnlySpan<char> suffix)
    {
        // Unambiguous: the length of the prefix first.
        var key = string.Concat(prefix.Length.ToString(System.Globalization.CultureInfo.InvariantCulture).AsSpan(), ":".AsSpan(), prefix, suffix);
        if (!_shapes.TryGetValue(key, out var shape))
            _shapes[key] = shape = new IdShape(prefix.ToString(), suffix.ToString());
        return shape;
    }

    /// <summary>Shapes made.</summary>
    public int Count => _shapes.Count;
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
        var others = OrderedById(relationships);
        var at = 0;
        if (mentions is { Count: > 0 })
        {
            var first = mentions.FirstId;
            while (at < others.Length && string.CompareOrdinal(others[at].Id, first) < 0)
                at++;
            if (!mentions.InIdOrder() || (at < others.Length && string.CompareOrdinal(others[at].Id, mentions.LastId) <= 0))
            {
                others = OrderedById(others.Concat(mentions).ToList());
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
        GraphRelationship? previous = null;
        foreach (var r in others)
        {
            if (previous is not null && GraphRelationship.CompareIds(previous, r) == 0)
                throw new ArgumentException($"Duplicate relationship id '{r.Id}'.", nameof(relationships));
            previous = r;
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

    // The relationships in id order (a stable sort), compared without making the ids held as their ends.
    private static ImmutableArray<GraphRelationship> OrderedById(IEnumerable<GraphRelationship> items)
    {
        var array = items.ToImmutableArray();
        for (var i = 1; i < array.Length; i++)
        {
            if (GraphRelationship.CompareIds(array[i - 1], array[i]) > 0)
                return [.. array.Order(Comparer<GraphRelationship>.Create(GraphRelationship.CompareIds))];
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
