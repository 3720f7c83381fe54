using KnowledgeGraph.Core.Graph;
using static KnowledgeGraph.Analysis.Tests.TestGraphs;

namespace KnowledgeGraph.Analysis.Tests;

/// <summary>Degree, betweenness and community on graphs small enough to work out by hand.</summary>
public sealed class NetworkMetricsTests
{
    private static Dictionary<string, PersonMetrics> MetricsOf(PropertyGraph graph)
    {
        var network = MeetingNetwork.Build(graph);
        var metrics = NetworkMetrics.Compute(network);
        return network.People.Select((p, i) => (p.Name, metrics[i])).ToDictionary(x => x.Name, x => x.Item2);
    }

    [Fact]
    public void Compute_Star_CentreLiesOnEveryChain()
    {
        // Arrange: S met A, B and C; the three leaves never met each other.
        var graph = Of("sabc", "sa", "sb", "sc");

        // Act
        var m = MetricsOf(graph);

        // Assert: the 3 pairs of leaves all pass through S (3 of 3 pairs = 1); leaves lie on no chain.
        Assert.Equal(new PersonMetrics(3, 1.0, 0), m["S"]);
        Assert.Equal(new PersonMetrics(1, 0.0, 0), m["A"]);
        Assert.Equal(new PersonMetrics(1, 0.0, 0), m["C"]);
    }

    [Fact]
    public void Compute_FourCycle_EachSharesHalfOfTheOppositePair()
    {
        // Arrange: A-B-C-D-A.
        var graph = Of("abcd", "ab", "bc", "cd", "ad");

        // Act
        var m = MetricsOf(graph);

        // Assert: for A, of the pairs BC, BD, CD only BD has a chain through A, and half of them (B-A-D, B-C-D):
        // 0.5 over 3 pairs = 1/6.
        Assert.All(m.Values, x => Assert.Equal(new PersonMetrics(2, 0.166667, 0), x));
    }

    [Fact]
    public void Compute_DiamondWithTail_SplitsTiedChains()
    {
        // Arrange: A-B, A-C, B-D, C-D (a square, two tied chains from A to D) and a tail D-E.
        var graph = Of("abcde", "ab", "ac", "bd", "cd", "de");

        // Act
        var m = MetricsOf(graph);

        // Assert, over the (5-1)(5-2)/2 = 6 pairs without the person:
        // D is on every chain from E (AE, BE, CE) and on half of B-C (B-A-C, B-D-C): 3.5 -> 0.583333. B has half of
        // AD and half of AE = 1 -> 1/6; C the same.
        // A has half of BC (B-A-C, B-D-C) -> 0.5/6. E is on none.
        Assert.Equal(0.583333, m["D"].Betweenness);
        Assert.Equal(0.166667, m["B"].Betweenness);
        Assert.Equal(0.166667, m["C"].Betweenness);
        Assert.Equal(0.083333, m["A"].Betweenness);
        Assert.Equal(0.0, m["E"].Betweenness);
        Assert.Equal(3, m["D"].Degree);
        Assert.Equal(1, m["E"].Degree);
    }

    [Fact]
    public void Compute_DisconnectedParts_CommunitiesBySizeThenFirstId()
    {
        // Arrange: a chain D-E-F (3 people), two pairs A-B and G-H, and C who met nobody.
        var graph = Of("abcdefgh", "de", "ef", "ab", "gh");

        // Act
        var m = MetricsOf(graph);

        // Assert: the largest group is 0; the two pairs tie on size and are numbered by their first id (A before G);
        // C alone comes last. Betweenness: E is on the chain D-F, 1 of (8-1)(8-2)/2 = 21 pairs.
        Assert.Equal([0, 0, 0], new[] { m["D"].Community, m["E"].Community, m["F"].Community });
        Assert.Equal([1, 1], new[] { m["A"].Community, m["B"].Community });
        Assert.Equal([2, 2], new[] { m["G"].Community, m["H"].Community });
        Assert.Equal(new PersonMetrics(0, 0.0, 3), m["C"]);
        Assert.Equal(Math.Round(1.0 / 21, 6), m["E"].Betweenness);
    }

    [Fact]
    public void Compute_RepeatedMeetings_CountOncePerPerson()
    {
        // Arrange: A met B three times and C once.
        var graph = new PropertyGraph([Person("a"), Person("b"), Person("c")],
            [Met("a", "b", "2023-01-01", suffix: "1"), Met("a", "b", "2023-02-01", suffix: "2"), Met("a", "b", "2023-03-01", suffix: "3"), Met("a", "c")]);

        // Act
        var m = MetricsOf(graph);

        // Assert: two distinct people; B-C pass through A, the only pair without A: 1 of 1.
        Assert.Equal(new PersonMetrics(2, 1.0, 0), m["A"]);
        Assert.Equal(1, m["B"].Degree);
    }

    [Fact]
    public void Annotate_PeopleGetTypedProperties_OthersUnchanged()
    {
        // Arrange
        var place = Place("x", "X");
        var graph = new PropertyGraph([Person("a"), Person("b"), Person("c"), place], [Met("a", "b"), Met("b", "c"), Visited("a", "x", "2023-01-01")]);

        // Act
        var annotated = NetworkMetrics.Annotate(graph);

        // Assert
        annotated.TryGetNode("person:b", out var b);
        Assert.Equal(PropertyValue.Of(2L), b.Properties["degree"]);
        Assert.Equal(PropertyValue.Of(1.0), b.Properties["betweenness"]);
        Assert.Equal(PropertyValue.Of(0L), b.Properties["community"]);
        annotated.TryGetNode("place:x", out var x);
        Assert.Equal(place, x);
        Assert.True(annotated.Relationships.SequenceEqual(graph.Relationships));
    }

    [Fact]
    public void Annotate_TwiceOverItsOwnOutput_SameGraph()
    {
        // Arrange: annotating again (an old graph.json re-read) must overwrite, not duplicate or drift.
        var graph = Of("abcde", "ab", "ac", "bd", "cd", "de");

        // Act
        var once = NetworkMetrics.Annotate(graph);
        var twice = NetworkMetrics.Annotate(once);

        // Assert
        Assert.True(once.ContentEquals(twice));
        Assert.All(once.Nodes, n => Assert.Equal(["betweenness", "community", "degree", "name"], n.Properties.Keys));
    }
}
