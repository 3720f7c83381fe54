using System.Collections.Immutable;
using KnowledgeGraph.Core.Graph;
using QuikGraph;
using QuikGraph.Algorithms.ConnectedComponents;
using QuikGraph.Algorithms.Search;

namespace KnowledgeGraph.Analysis;

/// <summary>Where a person sits in the meeting network.</summary>
/// <param name="Degree">How many distinct people the person met.</param>
/// <param name="Betweenness">Normalised betweenness centrality, 0..1: the share of shortest chains between two other people that pass through this one.</param>
/// <param name="Community">The group: people linked by any chain of meetings share it; 0 is the largest group.</param>
public readonly record struct PersonMetrics(int Degree, double Betweenness, int Community);

/// <summary>
/// Degree, betweenness and community of every person of a <see cref="MeetingNetwork"/>, and the step of <c>kg build</c>
/// that writes them on the Person nodes (<c>degree</c>, <c>betweenness</c>, <c>community</c>). Deterministic: the same
/// graph gives the same figures on every run.
/// </summary>
public static class NetworkMetrics
{
    /// <summary>The property keys written on Person nodes.</summary>
    public const string DegreeKey = "degree", BetweennessKey = "betweenness", CommunityKey = "community";

    /// <summary>Betweenness is rounded to this many decimals, so exports stay readable and stable.</summary>
    public const int BetweennessDecimals = 6;

    /// <summary>The figures of every person, by vertex (<see cref="MeetingNetwork.People"/> order).</summary>
    public static ImmutableArray<PersonMetrics> Compute(MeetingNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var betweenness = Betweenness(network.Graph, network.People.Length);
        var community = Communities(network.Graph, network.People.Length);
        return [.. Enumerable.Range(0, network.People.Length).Select(v =>
            new PersonMetrics(network.Graph.AdjacentDegree(v), Math.Round(betweenness[v], BetweennessDecimals), community[v]))];
    }

    /// <summary>
    /// Returns <paramref name="graph"/> with <c>degree</c> (integer), <c>betweenness</c> (float) and <c>community</c>
    /// (integer) on every Person node, over the in-person meetings (MET_WITH). Other nodes and all relationships are kept as they are.
    /// </summary>
    public static PropertyGraph Annotate(PropertyGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var network = MeetingNetwork.Build(graph);
        var metrics = Compute(network);
        var nodes = graph.Nodes.Select(n =>
        {
            var v = n.Label == GraphSchema.Person ? network.IndexOf(n.Id) : -1;
            if (v < 0)
                return n;
            var m = metrics[v];
            var properties = n.Properties
                .SetItem(DegreeKey, PropertyValue.Of((long)m.Degree))
                .SetItem(BetweennessKey, PropertyValue.Of(m.Betweenness))
                .SetItem(CommunityKey, PropertyValue.Of((long)m.Community));
            return n with { Properties = properties };
        });
        return graph.WithNodes(nodes);
    }

    /// <summary>
    /// Brandes' algorithm (2001) for unweighted graphs, normalised for an undirected graph by (n-1)(n-2)/2. QuikGraph
    /// 2.5.0 has no betweenness centrality, so this runs Brandes over its graph types, with its undirected breadth-first
    /// search giving each source's shortest-path levels; counting paths and back-propagating dependencies is Brandes' own
    /// step. Shortest chains never leave a connected component, so each component of three or more people is searched
    /// on its own (as a QuikGraph <see cref="ArrayUndirectedGraph{TVertex, TEdge}"/>): a search then only colours the
    /// people it can reach, which keeps a network of many small groups fast.
    /// </summary>
    internal static double[] Betweenness<TEdge>(IUndirectedGraph<int, TEdge> graph, int n)
        where TEdge : IEdge<int>
    {
        var centrality = new double[n];
        if (n < 3)
            return centrality;
        var components = new ConnectedComponentsAlgorithm<int, TEdge>(graph);
        components.Compute();
        var distance = new int[n];
        var sigma = new double[n];
        var delta = new double[n];
        var order = new List<int>(n);
        foreach (var members in Enumerable.Range(0, n).GroupBy(v => components.Components[v]).Where(c => c.Count() >= 3))
        {
            var sub = new UndirectedGraph<int, TEdge>(allowParallelEdges: false);
            sub.AddVertexRange(members);
            sub.AddEdgeRange(members.SelectMany(graph.AdjacentEdges).Distinct().OrderBy(e => e.Source).ThenBy(e => e.Target));
            var component = new ArrayUndirectedGraph<int, TEdge>(sub);
            // One colour map and queue for every search of the component: each search starts by whitening them.
            var colors = new Dictionary<int, GraphColor>(component.VertexCount);
            var queue = new QuikGraph.Collections.Queue<int>();
            foreach (var s in members)
            {
                foreach (var v in members)
                {
                    distance[v] = -1;
                    sigma[v] = 0;
                    delta[v] = 0;
                }
                order.Clear();
                distance[s] = 0;
                var bfs = new UndirectedBreadthFirstSearchAlgorithm<int, TEdge>(null, component, queue, colors);
                bfs.TreeEdge += (_, e) => distance[e.Target] = distance[e.Source] + 1;
                // Vertices are examined level by level, so this order is by distance from s.
                bfs.ExamineVertex += order.Add;
                bfs.Compute(s);

                sigma[s] = 1;
                foreach (var w in order)
                {
                    foreach (var e in component.AdjacentEdges(w))
                    {
                        var v = e.GetOtherVertex(w);
                        if (distance[v] == distance[w] + 1)
                            sigma[v] += sigma[w];
                    }
                }
                for (var k = order.Count - 1; k >= 0; k--)
                {
                    var w = order[k];
                    foreach (var e in component.AdjacentEdges(w))
                    {
                        var v = e.GetOtherVertex(w);
                        if (distance[v] == distance[w] - 1)
                            delta[v] += sigma[v] / sigma[w] * (1 + delta[w]);
                    }
                    if (w != s)
                        centrality[w] += delta[w];
                }
            }
        }
        // Every unordered pair was counted from both ends: halve, then divide by the (n-1)(n-2)/2 pairs not including v.
        var scale = 1.0 / ((n - 1) * (double)(n - 2));
        for (var v = 0; v < n; v++)
            centrality[v] *= scale;
        return centrality;
    }

    /// <summary>
    /// Groups: QuikGraph's connected components, numbered by size (largest first), ties by their first person in id
    /// order, so the numbers do not depend on the search's own component order.
    /// </summary>
    internal static int[] Communities<TEdge>(IUndirectedGraph<int, TEdge> graph, int n)
        where TEdge : IEdge<int>
    {
        var components = new ConnectedComponentsAlgorithm<int, TEdge>(graph);
        components.Compute();
        var renumber = Enumerable.Range(0, n).GroupBy(v => components.Components[v])
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Min())
            .Select((g, i) => (g.Key, i))
            .ToDictionary(x => x.Key, x => x.i);
        return [.. Enumerable.Range(0, n).Select(v => renumber[components.Components[v]])];
    }
}
