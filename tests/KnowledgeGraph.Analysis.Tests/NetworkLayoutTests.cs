using KnowledgeGraph.Core.Graph;
using static KnowledgeGraph.Analysis.Tests.TestGraphs;

namespace KnowledgeGraph.Analysis.Tests;

public sealed class NetworkLayoutTests
{
    private static double Distance((double X, double Y) a, (double X, double Y) b) => Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));

    /// <summary>A star: a met b, c, d and e; f met g; h met nobody; a visited place p; an article mentions a.</summary>
    private static PropertyGraph Star()
    {
        var people = "abcdefgh".Select(c => Person(c.ToString()));
        var article = new GraphNode("article:1", [GraphSchema.Article], new PropertyBag().Add("name", "1.txt").Build());
        return new PropertyGraph([.. people, Place("p", "P"), article],
        [
            Met("a", "b"), Met("a", "c"), Met("a", "d"), Met("a", "e"), Met("f", "g"),
            Visited("a", "p", "2023-05-30"),
            new GraphRelationship("mentioned", GraphSchema.MentionedIn, "person:a", "article:1", new PropertyBag().Build()),
        ]);
    }

    [Fact]
    public void Compute_SameGraphTwice_SameCoordinates()
    {
        // Act
        var first = NetworkLayout.Compute(Star());
        var second = NetworkLayout.Compute(Star());

        // Assert
        Assert.Equal(first.OrderBy(kv => kv.Key, StringComparer.Ordinal), second.OrderBy(kv => kv.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void Compute_OtherSeed_OtherCoordinates()
    {
        // Act
        var a = NetworkLayout.Compute(Star());
        var b = NetworkLayout.Compute(Star(), new NetworkLayoutOptions { Seed = 7 });

        // Assert: the seed drives the layout (else "seeded" would mean nothing).
        Assert.NotEqual(a["person:b"], b["person:b"]);
    }

    [Fact]
    public void Compute_EveryNode_GetsAFinitePositionWithTwoDecimals()
    {
        // Act
        var graph = Star();
        var positions = NetworkLayout.Compute(graph);

        // Assert
        Assert.Equal(graph.Nodes.Select(n => n.Id).Order(StringComparer.Ordinal), positions.Keys.Order(StringComparer.Ordinal));
        Assert.All(positions.Values, p =>
        {
            Assert.True(double.IsFinite(p.X) && double.IsFinite(p.Y));
            Assert.Equal(p.X, Math.Round(p.X, 2));
            Assert.Equal(p.Y, Math.Round(p.Y, 2));
        });
    }

    [Fact]
    public void Compute_Star_CentreSitsAmongItsLeaves()
    {
        // Act
        var p = NetworkLayout.Compute(Star());
        var leaves = new[] { "b", "c", "d", "e" }.Select(l => p[$"person:{l}"]).ToList();
        var centroid = (leaves.Average(l => l.X), leaves.Average(l => l.Y));

        // Assert: forces pull the hub to the middle of the four people it met, nearer to it than any of them is,
        // and every leaf nearer to the hub than to the leaf farthest from it.
        var hub = p["person:a"];
        Assert.True(Distance(hub, centroid) < leaves.Min(l => Distance(l, centroid)), $"hub {hub} is not among its leaves {string.Join(", ", leaves)}");
        Assert.All(leaves, l => Assert.True(Distance(l, hub) < leaves.Max(o => Distance(l, o))));
    }

    [Fact]
    public void Compute_NodesHungOnOnePerson_GoRoundItOnGrowingCircles()
    {
        // Act
        var p = NetworkLayout.Compute(Star());

        // Assert: the article and the place each have one placed neighbour, a. Taken in node (id) order, the article is
        // the first hung on a, at 60 × (0.5 + 0.15 × √1) = 39 (the default edge length 60), the place the second, at
        // 60 × (0.5 + 0.15 × √2) = 42.73; give or take the rounding of the positions to two decimals.
        Assert.Equal(39, Distance(p["article:1"], p["person:a"]), 0.02);
        Assert.Equal(42.73, Distance(p["place:p"], p["person:a"]), 0.02);
    }

    [Fact]
    public void Annotate_WritesXAndYOnEveryNode_RelationshipsUnchanged()
    {
        // Act
        var graph = Star();
        var annotated = NetworkLayout.Annotate(graph);
        var positions = NetworkLayout.Compute(graph);

        // Assert
        Assert.All(annotated.Nodes, n =>
        {
            Assert.Equal(positions[n.Id].X, n.Properties[NetworkLayout.XKey].AsFloat());
            Assert.Equal(positions[n.Id].Y, n.Properties[NetworkLayout.YKey].AsFloat());
        });
        Assert.Equal(graph.Relationships.Select(r => (r.Id, r.Type, r.StartId, r.EndId)), annotated.Relationships.Select(r => (r.Id, r.Type, r.StartId, r.EndId)));
    }

    [Fact]
    public void Compute_EmptyGraph_NoPositions()
    {
        Assert.Empty(NetworkLayout.Compute(new PropertyGraph([], [])));
    }

    [Fact]
    public void Compute_ComponentOverTheBudget_KeepsItsSeededStart_StillStableAndSpread()
    {
        // Arrange: a budget so small that even the star's five people exceed four times it at the fewest iterations.
        var options = new NetworkLayoutOptions { PairIterationBudget = 1 };

        // Act
        var a = NetworkLayout.Compute(Star(), options);
        var b = NetworkLayout.Compute(Star(), options);

        // Assert: same positions both times, and the five people of the star not piled on one point.
        Assert.Equal(a.OrderBy(kv => kv.Key, StringComparer.Ordinal), b.OrderBy(kv => kv.Key, StringComparer.Ordinal));
        Assert.Equal(5, "abcde".Select(c => a[$"person:{c}"]).Distinct().Count());
    }
    [Fact]
    public void Compute_WithItsOwnPositions_GivesThemBack()
    {
        // Arrange
        var graph = Star();
        var first = NetworkLayout.Compute(graph);

        // Act: an incremental build of the same graph.
        var again = NetworkLayout.Compute(graph, previous: first);

        // Assert
        Assert.Equal(first.OrderBy(kv => kv.Key, StringComparer.Ordinal), again.OrderBy(kv => kv.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void Compute_WithPreviousPositions_KeepsThemAndPlacesTheNewNodesNearTheirNeighbours()
    {
        // Arrange: the star laid out; then b meets a new person x, and two new people y and z meet each other.
        var before = NetworkLayout.Compute(Star());
        var grown = Star();
        grown = new PropertyGraph([.. grown.Nodes, Person("x"), Person("y"), Person("z")], [.. grown.Relationships, Met("b", "x"), Met("y", "z")]);

        // Act
        var after = NetworkLayout.Compute(grown, previous: before);

        // Assert: nothing moved; x sits by b, closer than the far side of the old layout; y and z below everything.
        Assert.All(before, kv => Assert.Equal(kv.Value, after[kv.Key]));
        Assert.Equal(grown.Nodes.Length, after.Count);
        Assert.True(Distance(after["person:x"], after["person:b"]) < 60, $"{after["person:x"]} vs {after["person:b"]}");
        var lowest = before.Values.Max(p => p.Y);
        Assert.True(after["person:y"].Y > lowest && after["person:z"].Y > lowest);
        Assert.NotEqual(after["person:y"], after["person:z"]);
    }

    [Fact]
    public void Compute_WithPreviousPositions_HangsEachNewNodeAfterTheNeighboursItsAnchorHasPlaced()
    {
        // Arrange: a, b and the place l placed; x is new and met a; the new place u is visited by x; x also visited l;
        // the new article n mentions l.
        var article = new GraphNode("article:n", [GraphSchema.Article], new PropertyBag().Add("name", "n").Build());
        var mention = new GraphRelationship("mentioned_in:place:l:n", GraphSchema.MentionedIn, "place:l", "article:n", new PropertyBag().Build());
        var graph = new PropertyGraph(
            [Person("a"), Person("b"), Person("x"), Place("l", "L"), Place("u", "U"), article],
            [Met("a", "b"), Met("a", "x"), Visited("a", "l", "2023-05-01"), Visited("x", "l", "2023-05-02"), Visited("x", "u", "2023-05-03"), mention]);
        var previous = new Dictionary<string, (double X, double Y)> { ["person:a"] = (0, 0), ["person:b"] = (60, 0), ["place:l"] = (0, 60) };

        // Act
        var after = NetworkLayout.Compute(graph, previous: previous);

        // Assert, by hand: a satellite of rank k sits 60 * (0.5 + 0.15 * sqrt(k)) away at k times the golden angle, the
        // rank counting the anchor's neighbours placed before it. x is a's third (a already has b and l): offset
        // (27.7378, 36.1790). u is x's third (x has a, and l it visited); n is l's third (l has a, and x placed just before).
        Assert.Equal((27.74, 36.18), after["person:x"]);
        Assert.Equal((55.48, 72.36), after["place:u"]);
        Assert.Equal((27.74, 96.18), after["article:n"]);
        Assert.Equal((60, 0), after["person:b"]);
    }
}
