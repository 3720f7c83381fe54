using GraphShape;
using GraphShape.Algorithms.Layout;
using QuikGraph;

namespace KnowledgeGraph.Analysis.Tests;

/// <summary>
/// The layout's array-based Fruchterman-Reingold must give GraphShape's own coordinates bit for bit: kg build's
/// positions (and so every export) stay what they were when GraphShape's class computed them.
/// </summary>
public class FruchtermanReingoldTests
{
    [Theory]
    [InlineData(2, 1, 1)]
    [InlineData(12, 20, 2)]
    [InlineData(80, 150, 3)]
    [InlineData(150, 400, 4)]
    [InlineData(700, 1200, 5)] // over 512 vertices: the repulsion runs in blocks on all cores
    public void FruchtermanReingold_RandomGraph_SameCoordinatesAsGraphShape(int vertices, int edgeCount, int seed)
    {
        // Arrange: a random graph with (smaller, larger) edges in sorted order, and random starting positions, some
        // of them equal (coincident vertices) to reach the library's epsilon paths.
        var random = new Random(seed);
        var edges = new SortedSet<(int, int)>();
        while (edges.Count < edgeCount)
        {
            var (a, b) = (random.Next(vertices), random.Next(vertices));
            if (a != b)
                edges.Add((Math.Min(a, b), Math.Max(a, b)));
        }
        var start = new Dictionary<int, Point>();
        for (var v = 0; v < vertices; v++)
            start[v] = v % 7 == 3 ? new Point(5, 5) : new Point(random.NextDouble() * 500, random.NextDouble() * 500);
        var graph = new BidirectionalGraph<int, Edge<int>>(allowParallelEdges: false);
        graph.AddVertexRange(Enumerable.Range(0, vertices));
        foreach (var (a, b) in edges)
            graph.AddEdge(new Edge<int>(a, b));
        var parameters = new FreeFRLayoutParameters { IdealEdgeLength = 60, MaxIterations = 200 };
        var library = new FRLayoutAlgorithm<int, Edge<int>, BidirectionalGraph<int, Edge<int>>>(graph, start, parameters);
        var xs = Enumerable.Range(0, vertices).Select(v => start[v].X).ToArray();
        var ys = Enumerable.Range(0, vertices).Select(v => start[v].Y).ToArray();

        // Act
        library.Compute();
        NetworkLayout.FruchtermanReingold(xs, ys, [.. edges], parameters, Math.Sqrt(Math.Pow(60, 2) * vertices), parallelism: 0);

        // Assert
        for (var v = 0; v < vertices; v++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(library.VerticesPositions[v].X), BitConverter.DoubleToInt64Bits(xs[v]));
            Assert.Equal(BitConverter.DoubleToInt64Bits(library.VerticesPositions[v].Y), BitConverter.DoubleToInt64Bits(ys[v]));
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 2)]
    [InlineData(64, 3)]
    [InlineData(301, 4)]
    public void RepulseVector_RandomPositions_SameBitsAsScalar(int vertices, int seed)
    {
        // Arrange: random positions, some coincident (zero distance), some far apart, and a block that starts inside.
        var random = new Random(seed);
        var xs = new double[vertices];
        var ys = new double[vertices];
        for (var v = 0; v < vertices; v++)
            (xs[v], ys[v]) = v % 5 == 2 ? (5.0, 5.0) : (random.NextDouble() * (v % 3 == 0 ? 1e6 : 500), random.NextDouble() * 500);
        var (fx, fy) = (new double[vertices], new double[vertices]);
        var (gx, gy) = (new double[vertices], new double[vertices]);
        var from = vertices / 3;

        // Act
        var rest = NetworkLayout.RepulseVector(xs, ys, fx, fy, 3600, from, vertices);
        NetworkLayout.RepulseScalar(xs, ys, fx, fy, 3600, rest, vertices);
        NetworkLayout.RepulseScalar(xs, ys, gx, gy, 3600, from, vertices);

        // Assert
        Assert.InRange(rest, vertices - 3, vertices);
        for (var v = from; v < vertices; v++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(gx[v]), BitConverter.DoubleToInt64Bits(fx[v]));
            Assert.Equal(BitConverter.DoubleToInt64Bits(gy[v]), BitConverter.DoubleToInt64Bits(fy[v]));
        }
    }
}
