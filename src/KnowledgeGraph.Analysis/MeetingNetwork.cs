using System.Collections.Immutable;
using KnowledgeGraph.Core.Graph;
using QuikGraph;
using QuikGraph.Algorithms.Observers;
using QuikGraph.Algorithms.Search;

namespace KnowledgeGraph.Analysis;

/// <summary>How two people were together once: an in-person meeting, or (with co-visits) a visit to the same place on the same day.</summary>
/// <param name="RelationshipIds">The MET_WITH relationship, or the two VISITED relationships of a co-visit.</param>
/// <param name="Kind"><c>met-with</c> or <c>co-visit</c>.</param>
/// <param name="Date">The date, when known.</param>
/// <param name="Place">The place's name, when known.</param>
/// <param name="Documents">Source articles.</param>
/// <param name="Evidence">Source sentences (of a meeting).</param>
public sealed record Encounter(ImmutableArray<string> RelationshipIds, string Kind, DateOnly? Date, string? Place, ImmutableArray<string> Documents, ImmutableArray<string> Evidence);

/// <summary>Two people and every encounter between them, earliest first (undated last).</summary>
/// <param name="First">The person with the smaller id.</param>
/// <param name="Second">The person with the larger id.</param>
/// <param name="Encounters">The encounters, by date then relationship id.</param>
public sealed record PersonLink(GraphNode First, GraphNode Second, ImmutableArray<Encounter> Encounters)
{
    /// <summary>The other end of the link from <paramref name="person"/>.</summary>
    public GraphNode Other(GraphNode person) => ReferenceEquals(person, First) || person.Id == First.Id ? Second : First;
}

/// <summary>One step of a chain: <paramref name="From"/> met <paramref name="To"/>, in these encounters.</summary>
/// <param name="From">The person nearer the start of the chain.</param>
/// <param name="To">The next person.</param>
/// <param name="Link">Every encounter of the two.</param>
public sealed record Hop(GraphNode From, GraphNode To, PersonLink Link);

/// <summary>Options of <see cref="MeetingNetwork.Build"/>.</summary>
public sealed record MeetingNetworkOptions
{
    /// <summary>Also link two people who visited the same place on the same date (<c>kg path --via-visits</c>).</summary>
    public bool IncludeCoVisits { get; init; }
}

/// <summary>
/// The in-person meeting network of a graph: every Person node is a vertex, and two people share one undirected edge
/// when they met (MET_WITH) at least once, carrying all their meetings. Built on QuikGraph's
/// <see cref="UndirectedGraph{TVertex, TEdge}"/>; vertices are the people's positions in id order, and edges are added
/// in (smaller id, larger id) order, so every vertex lists its neighbours in id order and every search is deterministic.
/// </summary>
public sealed class MeetingNetwork
{
    private readonly Dictionary<string, int> _index;

    private MeetingNetwork(ImmutableArray<GraphNode> people, UndirectedGraph<int, TaggedUndirectedEdge<int, PersonLink>> graph)
    {
        People = people;
        Graph = graph;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < people.Length; i++)
            _index[people[i].Id] = i;
    }

    /// <summary>Every Person node, sorted by id; a person's vertex is its position here.</summary>
    public ImmutableArray<GraphNode> People { get; }

    /// <summary>The QuikGraph graph: vertex <c>i</c> is <c>People[i]</c>, one edge per pair of people who met.</summary>
    public UndirectedGraph<int, TaggedUndirectedEdge<int, PersonLink>> Graph { get; }

    /// <summary>Every link, by (first id, second id).</summary>
    public IEnumerable<PersonLink> Links => Graph.Edges.Select(e => e.Tag);

    /// <summary>Builds the network of <paramref name="graph"/>.</summary>
    public static MeetingNetwork Build(PropertyGraph graph, MeetingNetworkOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        options ??= new MeetingNetworkOptions();
        var people = graph.Nodes.Where(n => n.Label == GraphSchema.Person).ToImmutableArray();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < people.Length; i++)
            index[people[i].Id] = i;

        var encounters = new SortedDictionary<(int, int), List<Encounter>>();
        void AddEncounter(string a, string b, Encounter e)
        {
            // Only people are vertices; a self-meeting (an alias merge gone wrong) links nobody.
            if (!index.TryGetValue(a, out var i) || !index.TryGetValue(b, out var j) || i == j)
                return;
            var key = i < j ? (i, j) : (j, i);
            if (!encounters.TryGetValue(key, out var list))
                encounters[key] = list = [];
            list.Add(e);
        }

        foreach (var r in graph.Relationships.OfType(GraphSchema.MetWith))
            AddEncounter(r.StartId, r.EndId, new Encounter([r.Id], "met-with", Date(r), Text(r, "place"), List(r, "documents"), List(r, "evidence")));

        if (options.IncludeCoVisits)
        {
            // Two visits to the same place on the same day put both people there: a co-visit links them.
            var visits = graph.Relationships.OfType(GraphSchema.Visited).Where(r => Date(r) is not null && index.ContainsKey(r.StartId))
                .GroupBy(r => (r.EndId, Date(r)!.Value));
            foreach (var g in visits)
            {
                var list = g.OrderBy(r => r.StartId, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
                graph.TryGetNode(g.Key.EndId, out var place);
                for (var x = 0; x < list.Count; x++)
                {
                    for (var y = x + 1; y < list.Count; y++)
                    {
                        var docs = List(list[x], "documents").Concat(List(list[y], "documents")).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray();
                        AddEncounter(list[x].StartId, list[y].StartId, new Encounter([list[x].Id, list[y].Id], "co-visit", g.Key.Item2, place.Name, docs, []));
                    }
                }
            }
        }

        var qg = new UndirectedGraph<int, TaggedUndirectedEdge<int, PersonLink>>(allowParallelEdges: false);
        qg.AddVertexRange(Enumerable.Range(0, people.Length));
        foreach (var ((i, j), list) in encounters)
        {
            var ordered = list.OrderBy(e => e.Date ?? DateOnly.MaxValue).ThenBy(e => e.RelationshipIds[0], StringComparer.Ordinal).ToImmutableArray();
            qg.AddEdge(new TaggedUndirectedEdge<int, PersonLink>(i, j, new PersonLink(people[i], people[j], ordered)));
        }
        return new MeetingNetwork(people, qg);
    }

    /// <summary>The vertex of the person with id <paramref name="id"/>, or -1.</summary>
    public int IndexOf(string id) => _index.TryGetValue(id, out var i) ? i : -1;

    /// <summary>
    /// The shortest chain of meetings from one person to another (QuikGraph's undirected breadth-first search), or null
    /// when none exists; empty when both are the same person. Among chains of equal length, the search reaches each
    /// person first through the earliest-reached person of the previous step, neighbours taken in id order.
    /// </summary>
    public IReadOnlyList<Hop>? ShortestPath(string fromId, string toId)
    {
        var from = Require(fromId);
        var to = Require(toId);
        if (from == to)
            return [];
        var bfs = new UndirectedBreadthFirstSearchAlgorithm<int, TaggedUndirectedEdge<int, PersonLink>>(Graph);
        var predecessors = new UndirectedVertexPredecessorRecorderObserver<int, TaggedUndirectedEdge<int, PersonLink>>();
        using (predecessors.Attach(bfs))
            bfs.Compute(from);
        if (!predecessors.TryGetPath(to, out var edges))
            return null;
        var hops = new List<Hop>();
        var at = People[from];
        foreach (var e in edges)
        {
            var next = e.Tag.Other(at);
            hops.Add(new Hop(at, next, e.Tag));
            at = next;
        }
        return hops;
    }

    /// <summary>
    /// The people within <paramref name="depth"/> meetings of a person (QuikGraph's breadth-first search), with their
    /// distance, the person first; and every link among them, nearest first.
    /// </summary>
    public (IReadOnlyList<(GraphNode Person, int Distance)> People, IReadOnlyList<PersonLink> Links) Neighbourhood(string id, int depth)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(depth);
        var centre = Require(id);
        var distance = new Dictionary<int, int> { [centre] = 0 };
        var bfs = new UndirectedBreadthFirstSearchAlgorithm<int, TaggedUndirectedEdge<int, PersonLink>>(Graph);
        bfs.TreeEdge += (_, e) => distance[e.Target] = distance[e.Source] + 1;
        // The search has no depth limit of its own: stop it once it takes a person from beyond the last ring.
        bfs.ExamineVertex += v =>
        {
            if (distance[v] >= depth)
                bfs.Abort();
        };
        bfs.Compute(centre);
        var inside = distance.Where(kv => kv.Value <= depth).ToDictionary(kv => kv.Key, kv => kv.Value);
        var people = inside.OrderBy(kv => kv.Value).ThenBy(kv => kv.Key).Select(kv => (People[kv.Key], kv.Value)).ToList();
        var links = Graph.Edges.Where(e => inside.ContainsKey(e.Source) && inside.ContainsKey(e.Target))
            .OrderBy(e => Math.Min(inside[e.Source], inside[e.Target])).ThenBy(e => Math.Max(inside[e.Source], inside[e.Target]))
            .ThenBy(e => e.Source).ThenBy(e => e.Target)
            .Select(e => e.Tag).ToList();
        return (people, links);
    }

    private int Require(string id) =>
        _index.TryGetValue(id, out var i) ? i : throw new ArgumentException($"'{id}' is not a person of the graph.", nameof(id));

    private static DateOnly? Date(GraphRelationship r) =>
        r.Properties.TryGetValue("date", out var v) && v.Kind == PropertyKind.Date ? v.AsDate() : null;

    private static string? Text(GraphRelationship r, string key) =>
        r.Properties.TryGetValue(key, out var v) && v.Kind == PropertyKind.String ? v.AsString() : null;

    private static ImmutableArray<string> List(GraphRelationship r, string key) =>
        r.Properties.TryGetValue(key, out var v) && v.Kind == PropertyKind.StringList ? v.AsList() : [];
}
