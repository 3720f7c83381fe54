using System.Collections.Immutable;
using System.Runtime.Intrinsics;
using GraphShape;
using GraphShape.Algorithms.Layout;
using KnowledgeGraph.Core.Graph;

namespace KnowledgeGraph.Analysis;

/// <summary>Options of <see cref="NetworkLayout"/>.</summary>
public sealed record NetworkLayoutOptions
{
    /// <summary>The seed of every random choice (initial positions, the layout's own randomness): same graph and seed, same coordinates.</summary>
    public int Seed { get; init; } = 20230530;

    /// <summary>The length an edge tends to, in layout units (Gephi's coordinates and the page's SVG units).</summary>
    public double EdgeLength { get; init; } = 60;

    /// <summary>
    /// The budget of the force-directed step, in vertex pairs times iterations. Fruchterman-Reingold costs n² per
    /// iteration; a component too big for 200 iterations within the budget gets fewer (at least <see cref="MinIterations"/>).
    /// </summary>
    public long PairIterationBudget { get; init; } = 400_000_000;

    /// <summary>The fewest iterations a component gets however big it is.</summary>
    public int MinIterations { get; init; } = 10;

    /// <summary>
    /// Cores the force-directed step may use (0 = all): each vertex's forces are summed on its own, so the coordinates
    /// are the same on any number of cores.
    /// </summary>
    public int Parallelism { get; init; }
}

/// <summary>
/// Positions for every node of a graph, computed once by <c>kg build</c> after the metrics and written on the nodes as
/// <c>x</c> and <c>y</c> (doubles, two decimals): Gephi opens <c>graph.gexf</c> laid out (<c>viz:position</c>), GraphML
/// readers get <c>x</c>/<c>y</c> keys, and <c>graph.html</c> draws the person network from them.
/// </summary>
/// <remarks>
/// <para>The person–meeting network (Person and Meeting nodes, linked by ATTENDED and MET_WITH) is laid out with
/// GraphShape's Fruchterman-Reingold algorithm (<see cref="FRLayoutAlgorithm{TVertex, TEdge, TGraph}"/>, free
/// variant), one connected component at a time, from seeded random starting positions with a seeded generator, so the
/// same graph gives the same coordinates on every run. Components are packed in rows, largest first; people who met
/// nobody sit in a grid below them. The algorithm costs n² per iteration, so a big component gets fewer iterations
/// (<see cref="NetworkLayoutOptions.PairIterationBudget"/>, about 4 s on one core), and one too big for even
/// <see cref="NetworkLayoutOptions.MinIterations"/> keeps its seeded random starting positions (a square of the same density).</para>
/// <para>Every other node (organisations, places, countries, events, articles) is put next to the nodes it is linked
/// to: round by round, a node with placed neighbours goes to their mean position plus an offset on a small circle (the
/// golden angle times its rank), so it never lands exactly on them. Nodes linked to nothing placed go in a last grid.</para>
/// </remarks>
public static class NetworkLayout
{
    /// <summary>The property keys written on every node.</summary>
    public const string XKey = "x", YKey = "y";

    private const int Decimals = 2;
    private static readonly double GoldenAngle = Math.PI * (3 - Math.Sqrt(5));

    /// <summary>
    /// Returns <paramref name="graph"/> with <c>x</c> and <c>y</c> on every node; relationships unchanged. With
    /// <paramref name="previous"/> positions (an incremental build's), see <see cref="Compute"/>.
    /// </summary>
    public static PropertyGraph Annotate(PropertyGraph graph, NetworkLayoutOptions? options = null, IReadOnlyDictionary<string, (double X, double Y)>? previous = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        // By node index: no map of every node's id to its position beside the graph.
        var positions = Positions(graph, options, previous);
        var nodes = graph.Nodes.Select((n, i) =>
        {
            var (x, y) = positions[i];
            return n with { Properties = n.Properties.SetItem(XKey, PropertyValue.Of(x)).SetItem(YKey, PropertyValue.Of(y)) };
        });
        return graph.WithNodes(nodes);
    }

    /// <summary>
    /// The position of every node, by id, rounded to two decimals. Without <paramref name="previous"/> (or with none),
    /// the whole graph is laid out from scratch. With the positions of an earlier build, only what is new is placed
    /// (see <see cref="Extend"/>): every node that had a position keeps it.
    /// </summary>
    public static ImmutableDictionary<string, (double X, double Y)> Compute(PropertyGraph graph, NetworkLayoutOptions? options = null, IReadOnlyDictionary<string, (double X, double Y)>? previous = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var positions = Positions(graph, options, previous);
        var result = ImmutableDictionary.CreateBuilder<string, (double X, double Y)>(StringComparer.Ordinal);
        for (var i = 0; i < positions.Length; i++)
            result[graph.Nodes[i].Id] = positions[i];
        return result.ToImmutable();
    }

    // What Compute gives, by node index.
    private static (double X, double Y)[] Positions(PropertyGraph graph, NetworkLayoutOptions? options, IReadOnlyDictionary<string, (double X, double Y)>? previous)
    {
        options ??= new NetworkLayoutOptions();
        if (previous is { Count: > 0 })
            return Extend(graph, options, previous);
        var random = new Random(options.Seed);
        var nodes = graph.Nodes;
        var index = new Dictionary<string, int>(nodes.Length, StringComparer.Ordinal);
        for (var i = 0; i < nodes.Length; i++)
            index[nodes[i].Id] = i;
        var positions = new (double X, double Y)?[nodes.Length];

        // 1. The person–meeting network, laid out per connected component.
        var core = new bool[nodes.Length];
        for (var i = 0; i < nodes.Length; i++)
            core[i] = nodes[i].Label is GraphSchema.Person or GraphSchema.Meeting;
        var coreEdges = new SortedSet<(int, int)>();
        foreach (var r in graph.Relationships.ExceptMentions())
        {
            if (r.Type is not (GraphSchema.Attended or GraphSchema.MetWith))
                continue;
            if (!index.TryGetValue(r.StartId, out var a) || !index.TryGetValue(r.EndId, out var b) || a == b || !core[a] || !core[b])
                continue;
            coreEdges.Add(a < b ? (a, b) : (b, a));
        }
        var components = Components(nodes.Length, core, coreEdges);
        var linked = components.Where(c => c.Count > 1).OrderByDescending(c => c.Count).ThenBy(c => c[0]).ToList();
        var singles = components.Where(c => c.Count == 1).Select(c => c[0]).ToList();
        var laidOut = linked.Select(c => LayOut(c, coreEdges, options, random)).ToList();
        var bottom = Pack(laidOut, positions, options.EdgeLength);
        bottom = Grid(singles, positions, bottom, options.EdgeLength);

        // 2. Everything else, next to what it is linked to, round by round. Every node's neighbours in one array (a
        // node's run after the one before it; two passes over the relationships, the first counting): an archive's
        // mentions make millions of entries, which a list per node held with room to grow and copies left behind.
        var start = new int[nodes.Length + 1];
        foreach (var r in graph.Relationships.Ends())
        {
            if (index.TryGetValue(r.StartId, out var a) && index.TryGetValue(r.EndId, out var b) && a != b)
            {
                start[a + 1]++;
                start[b + 1]++;
            }
        }
        for (var i = 0; i < nodes.Length; i++)
            start[i + 1] += start[i];
        var adjacent = new int[start[nodes.Length]];
        var filled = start[..^1];
        foreach (var r in graph.Relationships.Ends())
        {
            if (index.TryGetValue(r.StartId, out var a) && index.TryGetValue(r.EndId, out var b) && a != b)
            {
                adjacent[filled[a]++] = b;
                adjacent[filled[b]++] = a;
            }
        }
        IEnumerable<int> NeighboursOf(int i) => new ArraySegment<int>(adjacent, start[i], start[i + 1] - start[i]);
        var satellites = new int[nodes.Length];
        // Counts start at zero (not -1): with nothing placed before this layout, no neighbour has earlier satellites.
        var pending = Satellites([.. Enumerable.Range(0, nodes.Length).Where(i => positions[i] is null)], NeighboursOf, i => NeighboursOf(i).Count(k => positions[k] is not null), positions, satellites, options.EdgeLength);
        Grid(pending, positions, bottom, options.EdgeLength);
        return Rounded(positions);
    }

    private static (double X, double Y)[] Rounded((double X, double Y)?[] positions)
    {
        var result = new (double X, double Y)[positions.Length];
        for (var i = 0; i < positions.Length; i++)
        {
            var (x, y) = positions[i]!.Value;
            result[i] = (Round(x), Round(y));
        }
        return result;
    }

    /// <summary>
    /// The layout of an incremental build: every node that had a position in <paramref name="previous"/> keeps it (the
    /// force-directed step, the bulk of a full layout's time, is not run again over the old network). A new Person or
    /// Meeting linked (ATTENDED, MET_WITH) to placed ones goes next to them, round by round, as satellites go in a full
    /// layout; a component of the person–meeting network with no placed member at all is laid out on its own (seeded
    /// Fruchterman-Reingold) and packed below everything placed; new people who met nobody go in a grid below that; then
    /// every other new node goes next to what it is linked to, as in a full layout. Linear in the graph plus the
    /// force-directed cost of the new components only. The positions differ from a full layout of the same graph
    /// (which <c>kg build --relayout</c> gives).
    /// </summary>
    private static (double X, double Y)[] Extend(PropertyGraph graph, NetworkLayoutOptions options, IReadOnlyDictionary<string, (double X, double Y)> previous)
    {
        var random = new Random(options.Seed);
        var nodes = graph.Nodes;
        var index = new Dictionary<string, int>(nodes.Length, StringComparer.Ordinal);
        for (var i = 0; i < nodes.Length; i++)
            index[nodes[i].Id] = i;
        var positions = new (double X, double Y)?[nodes.Length];
        var bottom = 0.0;
        for (var i = 0; i < nodes.Length; i++)
        {
            if (previous.TryGetValue(nodes[i].Id, out var p) && double.IsFinite(p.X) && double.IsFinite(p.Y))
                positions[i] = p;
        }
        foreach (var p in previous.Values)
        {
            if (double.IsFinite(p.Y))
                bottom = Math.Max(bottom, p.Y + options.EdgeLength);
        }
        var core = new bool[nodes.Length];
        for (var i = 0; i < nodes.Length; i++)
            core[i] = nodes[i].Label is GraphSchema.Person or GraphSchema.Meeting;
        // Only what touches a new node is listed (a day adds a few hundred nodes to an archive of a million
        // relationships): a new node's every neighbour, a placed node's new neighbours and how many placed ones it has,
        // the person-meeting links of new nodes, and the links among new people and meetings (the only ones the fresh
        // components below are made of: a new node left unplaced by step 1 has no placed person or meeting beside it).
        var coreEdges = new SortedSet<(int, int)>();
        var coreNeighbours = new List<int>[nodes.Length];
        var neighbours = new List<int>[nodes.Length];
        var placedAround = new int[nodes.Length];
        for (var i = 0; i < nodes.Length; i++)
        {
            if (positions[i] is null)
                (coreNeighbours[i], neighbours[i]) = ([], []);
        }
        foreach (var r in graph.Relationships.Ends())
        {
            if (!index.TryGetValue(r.StartId, out var a) || !index.TryGetValue(r.EndId, out var b) || a == b)
                continue;
            var (newA, newB) = (positions[a] is null, positions[b] is null);
            if (!newA && !newB)
            {
                placedAround[a]++;
                placedAround[b]++;
                continue;
            }
            (neighbours[a] ??= []).Add(b);
            (neighbours[b] ??= []).Add(a);
            if (r.Type is not (GraphSchema.Attended or GraphSchema.MetWith) || !core[a] || !core[b])
                continue;
            if (!newA)
                coreNeighbours[b].Add(a);
            else if (!newB)
                coreNeighbours[a].Add(b);
            else if (coreEdges.Add(a < b ? (a, b) : (b, a)))
            {
                coreNeighbours[a].Add(b);
                coreNeighbours[b].Add(a);
            }
        }
        // A node's placed neighbours, counted with repeats (one per relationship), as a list of all of them would.
        int PlacedAround(int i) => placedAround[i] + (neighbours[i]?.Count(k => positions[k] is not null) ?? 0);
        var satellites = new int[nodes.Length];
        Array.Fill(satellites, -1);

        // 1. New people and meetings tied to placed ones: next to them, over the person–meeting links only.
        Satellites([.. Enumerable.Range(0, nodes.Length).Where(i => core[i] && positions[i] is null)], i => coreNeighbours[i], PlacedAround, positions, satellites, options.EdgeLength);
        // 2. Components with nothing placed: laid out on their own and packed below; new lone people in a grid below them.
        var fresh = Components(nodes.Length, Enumerable.Range(0, nodes.Length).Select(i => core[i] && positions[i] is null).ToArray(), coreEdges);
        var linked = fresh.Where(c => c.Count > 1).OrderByDescending(c => c.Count).ThenBy(c => c[0]).ToList();
        var singles = fresh.Where(c => c.Count == 1).Select(c => c[0]).ToList();
        var laidOut = linked.Select(c => LayOut(c, coreEdges, options, random)).ToList();
        bottom = Pack(laidOut, positions, options.EdgeLength, bottom);
        bottom = Grid(singles, positions, bottom, options.EdgeLength);
        // 3. Every other new node next to what it is linked to; what is linked to nothing placed, in a last grid.
        var pending = Enumerable.Range(0, nodes.Length).Where(i => positions[i] is null).ToList();
        pending = Satellites(pending, i => neighbours[i], PlacedAround, positions, satellites, options.EdgeLength);
        Grid(pending, positions, bottom, options.EdgeLength);
        return Rounded(positions);
    }

    /// <summary>
    /// Places <paramref name="pending"/> nodes round by round next to their placed <paramref name="neighbours"/> (mean
    /// position plus an offset on a small circle, the golden angle times the rank among the nodes hung on the same first
    /// neighbour; a neighbour's count starts at <paramref name="placedAround"/>, how many of its neighbours, of any kind,
    /// were already placed: more than the satellites it had, so a new node does not land on an old one). Returns the
    /// nodes still unplaced.
    /// </summary>
    private static List<int> Satellites(List<int> pending, Func<int, IEnumerable<int>> neighbours, Func<int, int> placedAround, (double X, double Y)?[] positions, int[] satellites, double edgeLength)
    {
        while (pending.Count > 0)
        {
            var round = new List<(int Node, double X, double Y)>();
            foreach (var i in pending)
            {
                var placed = neighbours(i).Where(j => positions[j] is not null).Distinct().Order().ToList();
                if (placed.Count == 0)
                    continue;
                var x = placed.Average(j => positions[j]!.Value.X);
                var y = placed.Average(j => positions[j]!.Value.Y);
                var first = placed[0];
                if (satellites[first] < 0)
                    satellites[first] = placedAround(first);
                var rank = ++satellites[first];
                var radius = edgeLength * (0.5 + (0.15 * Math.Sqrt(rank)));
                round.Add((i, x + (radius * Math.Cos(rank * GoldenAngle)), y + (radius * Math.Sin(rank * GoldenAngle))));
            }
            if (round.Count == 0)
                break;
            foreach (var (node, x, y) in round)
                positions[node] = (x, y);
            pending = [.. pending.Where(i => positions[i] is null)];
        }
        return pending;
    }

    private static double Round(double v)
    {
        var r = Math.Round(v, Decimals, MidpointRounding.AwayFromZero);
        return r == 0 ? 0 : r; // no -0
    }

    /// <summary>Connected components of the core nodes, each listed in node order, in order of their first node.</summary>
    private static List<List<int>> Components(int n, bool[] core, SortedSet<(int, int)> edges)
    {
        var parent = Enumerable.Range(0, n).ToArray();
        int Find(int v)
        {
            while (parent[v] != v)
                v = parent[v] = parent[parent[v]];
            return v;
        }
        foreach (var (a, b) in edges)
        {
            var (ra, rb) = (Find(a), Find(b));
            if (ra != rb)
                parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
        }
        var groups = new Dictionary<int, List<int>>();
        var order = new List<int>();
        for (var v = 0; v < n; v++)
        {
            if (!core[v])
                continue;
            var root = Find(v);
            if (!groups.TryGetValue(root, out var list))
            {
                groups[root] = list = [];
                order.Add(root);
            }
            list.Add(v);
        }
        return [.. order.Select(r => groups[r])];
    }

    /// <summary>
    /// One component through GraphShape's Fruchterman-Reingold: a QuikGraph graph of the component (vertices in node
    /// order, edges in (smaller, larger) order), seeded random starting positions in a square that fits the component.
    /// Returns the positions shifted so the component's box starts at (0, 0), and the box's size.
    /// </summary>
    private static (List<(int Node, double X, double Y)> Points, double Width, double Height) LayOut(
        List<int> component, SortedSet<(int, int)> edges, NetworkLayoutOptions options, Random random)
    {
        var members = new HashSet<int>(component);
        var side = options.EdgeLength * Math.Sqrt(component.Count) * 2;
        var start = new Dictionary<int, Point>(component.Count);
        foreach (var v in component)
            start[v] = new Point(random.NextDouble() * side, random.NextDouble() * side);
        var n = (long)component.Count;
        if (n * n * options.MinIterations > options.PairIterationBudget * 4)
        {
            // Too big for even the fewest iterations in time (over about 12,000 people and meetings linked together with the
            // default budget): the seeded starting positions stand, a square of the same density rather than a layout.
            var disc = component.Select(v => (v, start[v].X, start[v].Y)).ToList();
            return (disc, side, side);
        }
        var iterations = (int)Math.Clamp(options.PairIterationBudget / Math.Max(1, n * n), options.MinIterations, 200);
        // GraphShape's parameters give the constants; the iterations run in FruchtermanReingold below. The algorithm's own
        // generator was seeded from ours: drawing that seed keeps every later component's start the same.
        var parameters = new FreeFRLayoutParameters { IdealEdgeLength = options.EdgeLength, MaxIterations = iterations };
        _ = random.Next();
        var index = new Dictionary<int, int>(component.Count);
        var xs = new double[component.Count];
        var ys = new double[component.Count];
        for (var k = 0; k < component.Count; k++)
        {
            index[component[k]] = k;
            (xs[k], ys[k]) = (start[component[k]].X, start[component[k]].Y);
        }
        var links = new List<(int, int)>();
        foreach (var (a, b) in edges)
        {
            if (members.Contains(a))
                links.Add((index[a], index[b]));
        }
        FruchtermanReingold(xs, ys, links, parameters, Math.Sqrt(Math.Pow(options.EdgeLength, 2) * component.Count), options.Parallelism);
        var result = component.Select((v, k) => (v, X: double.IsFinite(xs[k]) ? xs[k] : 0, Y: double.IsFinite(ys[k]) ? ys[k] : 0)).ToList();
        var (minX, minY) = (result.Min(p => p.X), result.Min(p => p.Y));
        var points = result.Select(p => (p.v, p.X - minX, p.Y - minY)).ToList();
        return (points, points.Max(p => p.Item2), points.Max(p => p.Item3));
    }

    /// <summary>
    /// GraphShape 1.2.1's <see cref="FRLayoutAlgorithm{TVertex, TEdge, TGraph}"/> (free variant, exponential cooling) over
    /// arrays instead of dictionaries: the same operations on the same numbers in the same order (vertices in component
    /// order, edges in (smaller, larger) order, a vector divided by multiplying with the inverse, displacement kept at or
    /// above 0), so the coordinates are the library's to the last bit, several times faster. The loop of every vertex
    /// against every other is the layout's whole cost.
    /// </summary>
    internal static void FruchtermanReingold(double[] xs, double[] ys, List<(int Source, int Target)> edges, FreeFRLayoutParameters parameters, double initialTemperature, int parallelism = 1)
    {
        var n = xs.Length;
        var repulsion = parameters.ConstantOfRepulsion;
        var attraction = parameters.ConstantOfAttraction;
        var fx = new double[n];
        var fy = new double[n];
        var minimalTemperature = initialTemperature * 0.01;
        var temperature = initialTemperature;
        for (var i = 0; i < parameters.MaxIterations && temperature > minimalTemperature; ++i)
        {
            // Blocks of vertices on all cores for a big component (each vertex's sum runs over the others in order, as
            // on one core); a small one is not worth the hand-over.
            if (parallelism != 1 && n >= 512)
            {
                var blocks = (n + 255) / 256;
                Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = parallelism > 0 ? parallelism : -1 },
                    b => Repulse(xs, ys, fx, fy, repulsion, b * 256, Math.Min(n, (b + 1) * 256)));
            }
            else
            {
                Repulse(xs, ys, fx, fy, repulsion, 0, n);
            }
            foreach (var (source, target) in edges)
            {
                var (dx, dy) = (xs[source] - xs[target], ys[source] - ys[target]);
                var length = Math.Max(Math.Sqrt((dx * dx) + (dy * dy)), double.Epsilon);
                var inverse = 1.0 / length;
                (dx, dy) = (dx * inverse, dy * inverse);
                var pow = Math.Pow(length, 2);
                (dx, dy) = (dx * pow, dy * pow);
                var overAttraction = 1.0 / attraction;
                (dx, dy) = (dx * overAttraction, dy * overAttraction);
                (fx[source], fy[source]) = (fx[source] - dx, fy[source] - dy);
                (fx[target], fy[target]) = (fx[target] + dx, fy[target] + dy);
            }
            for (var v = 0; v < n; v++)
            {
                var (dx, dy) = (fx[v], fy[v]);
                if (NearZero(dx) && NearZero(dy))
                    continue;
                var length = Math.Max(Math.Sqrt((dx * dx) + (dy * dy)), double.Epsilon);
                var inverse = 1.0 / length;
                (dx, dy) = (dx * inverse, dy * inverse);
                var step = Math.Min(length, temperature);
                (dx, dy) = (dx * step, dy * step);
                xs[v] = Math.Min(double.PositiveInfinity, Math.Max(0, xs[v] + dx));
                ys[v] = Math.Min(double.PositiveInfinity, Math.Max(0, ys[v] + dy));
            }
            temperature *= parameters.Lambda;
        }
    }

    // The repulsive force on each vertex of [from, to) from every other vertex, summed in vertex order.
    private static void Repulse(double[] xs, double[] ys, double[] fx, double[] fy, double repulsion, int from, int to)
    {
        var v0 = from;
        if (Vector256.IsHardwareAccelerated)
            v0 = RepulseVector(xs, ys, fx, fy, repulsion, from, to);
        RepulseScalar(xs, ys, fx, fy, repulsion, v0, to);
    }

    /// <summary>
    /// <see cref="RepulseScalar"/> for four vertices at a time, one per vector lane: each lane runs the scalar loop's
    /// operations in the same order (IEEE multiply, add, divide and square root give the same bits in a lane as in a
    /// scalar register, and nothing is fused), so the sums are bit for bit the scalar ones. Returns the first vertex
    /// left for the scalar loop.
    /// </summary>
    internal static int RepulseVector(double[] xs, double[] ys, double[] fx, double[] fy, double repulsion, int from, int to)
    {
        var n = xs.Length;
        var epsilon = Vector256.Create(double.Epsilon);
        var one = Vector256.Create(1.0);
        var rep = Vector256.Create(repulsion);
        var v = from;
        for (; v + 4 <= to; v += 4)
        {
            var px = Vector256.Create(xs[v], xs[v + 1], xs[v + 2], xs[v + 3]);
            var py = Vector256.Create(ys[v], ys[v + 1], ys[v + 2], ys[v + 3]);
            var lanes = Vector256.Create((double)v, v + 1, v + 2, v + 3);
            var sx = Vector256<double>.Zero;
            var sy = Vector256<double>.Zero;
            for (var u = 0; u < n; u++)
            {
                var dx = px - Vector256.Create(xs[u]);
                var dy = py - Vector256.Create(ys[u]);
                var length = Vector256.Max(Vector256.Sqrt((dx * dx) + (dy * dy)), epsilon);
                var inverse = one / length;
                dx = ((dx * inverse) * rep) * inverse;
                dy = ((dy * inverse) * rep) * inverse;
                // A vertex does not push itself: its lane keeps its sum.
                var self = Vector256.Equals(lanes, Vector256.Create((double)u));
                sx = Vector256.ConditionalSelect(self, sx, sx + dx);
                sy = Vector256.ConditionalSelect(self, sy, sy + dy);
            }
            for (var k = 0; k < 4; k++)
                (fx[v + k], fy[v + k]) = (sx.GetElement(k), sy.GetElement(k));
        }
        return v;
    }

    internal static void RepulseScalar(double[] xs, double[] ys, double[] fx, double[] fy, double repulsion, int from, int to)
    {
        var n = xs.Length;
        for (var v = from; v < to; v++)
        {
            double sx = 0, sy = 0;
            var (px, py) = (xs[v], ys[v]);
            for (var u = 0; u < n; u++)
            {
                if (u == v)
                    continue;
                var (dx, dy) = (px - xs[u], py - ys[u]);
                var length = Math.Max(Math.Sqrt((dx * dx) + (dy * dy)), double.Epsilon);
                var inverse = 1.0 / length;
                (dx, dy) = (dx * inverse, dy * inverse);
                (dx, dy) = (dx * repulsion, dy * repulsion);
                (dx, dy) = (dx * inverse, dy * inverse);
                (sx, sy) = (sx + dx, sy + dy);
            }
            (fx[v], fy[v]) = (sx, sy);
        }
    }

    // GraphShape's MathUtils.NearEqual(a, 0), as its Vector comparison uses it.
    private static bool NearZero(double a)
    {
        if (a == 0)
            return true;
        var eps = (Math.Abs(a) + Math.Abs(0.0) + 10.0) * 2.2204460492503131e-016;
        var delta = a - 0.0;
        return -eps < delta && eps > delta;
    }

    /// <summary>Packs laid-out components in rows (largest first) from y = <paramref name="top"/>, the rows about as wide as the whole is tall; returns the y below them.</summary>
    private static double Pack(List<(List<(int Node, double X, double Y)> Points, double Width, double Height)> parts, (double X, double Y)?[] positions, double gap, double top = 0)
    {
        if (parts.Count == 0)
            return top;
        var area = parts.Sum(p => (p.Width + gap) * (p.Height + gap));
        var rowWidth = Math.Max(parts.Max(p => p.Width), Math.Sqrt(area) * 1.2);
        double x = 0, y = top, rowHeight = 0;
        foreach (var (points, width, height) in parts)
        {
            if (x > 0 && x + width > rowWidth)
            {
                x = 0;
                y += rowHeight + gap;
                rowHeight = 0;
            }
            foreach (var (node, px, py) in points)
                positions[node] = (x + px, y + py);
            x += width + gap;
            rowHeight = Math.Max(rowHeight, height);
        }
        return y + rowHeight + gap;
    }

    /// <summary>Places <paramref name="items"/> in a square grid from y = <paramref name="top"/>; returns the y below it.</summary>
    private static double Grid(List<int> items, (double X, double Y)?[] positions, double top, double step)
    {
        if (items.Count == 0)
            return top;
        var columns = (int)Math.Ceiling(Math.Sqrt(items.Count));
        for (var k = 0; k < items.Count; k++)
            positions[items[k]] = ((k % columns) * step, top + ((k / columns) * step));
        return top + (((items.Count - 1) / columns) + 1) * step;
    }
}
