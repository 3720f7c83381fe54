using KnowledgeGraph.Core.Graph;
using static KnowledgeGraph.Analysis.Tests.TestGraphs;

namespace KnowledgeGraph.Analysis.Tests;

/// <summary>Shortest chains and neighbourhoods on hand-built graphs.</summary>
public sealed class MeetingNetworkTests
{
    private static string Chain(IReadOnlyList<Hop>? hops) =>
        hops is null ? "none" : hops.Count == 0 ? "" : hops[0].From.Name + string.Concat(hops.Select(h => h.To.Name));

    [Fact]
    public void ShortestPath_Chain_OneHopPerMeeting()
    {
        // Arrange: A-B-C-D, plus a detour A-E-F-D that is one step longer.
        var network = MeetingNetwork.Build(Of("abcdef", "ab", "bc", "cd", "ae", "ef", "fd"));

        // Act
        var forward = network.ShortestPath("person:a", "person:d");
        var backward = network.ShortestPath("person:d", "person:a");

        // Assert
        Assert.Equal("ABCD", Chain(forward));
        Assert.Equal("DCBA", Chain(backward));
    }

    [Fact]
    public void ShortestPath_TiedChainsInACycle_ThroughTheSmallerId()
    {
        // Arrange: a 4-cycle A-B-C-D-A; A to C is two steps either way, through B or through D.
        var network = MeetingNetwork.Build(Of("abcd", "ab", "bc", "cd", "ad"));

        // Act
        var path = network.ShortestPath("person:a", "person:c");

        // Assert: neighbours are searched in id order, so B (before D) is reached first.
        Assert.Equal("ABC", Chain(path));
    }

    [Fact]
    public void ShortestPath_DisconnectedParts_Null()
    {
        // Arrange
        var network = MeetingNetwork.Build(Of("abcd", "ab", "cd"));

        // Act / Assert
        Assert.Null(network.ShortestPath("person:a", "person:d"));
        Assert.Equal("", Chain(network.ShortestPath("person:a", "person:a")));
    }

    [Fact]
    public void ShortestPath_PairMetTwice_OneHopWithBothMeetingsByDate()
    {
        // Arrange: B and A met twice (given out of date order), B and C once.
        var graph = new PropertyGraph([Person("a"), Person("b"), Person("c")],
        [
            Met("a", "b", "2023-02-14", "NATO headquarters", "2.txt", "2"),
            Met("a", "b", "2023-02-08", "Pentagon", "1.txt", "1"),
            Met("b", "c", "2023-05-30", "Oslo", "3.txt"),
        ]);
        var network = MeetingNetwork.Build(graph);

        // Act
        var path = network.ShortestPath("person:a", "person:c")!;

        // Assert
        Assert.Equal(2, path.Count);
        Assert.Equal(["Pentagon", "NATO headquarters"], path[0].Link.Encounters.Select(e => e.Place));
        Assert.Equal([new DateOnly(2023, 2, 8), new DateOnly(2023, 2, 14)], path[0].Link.Encounters.Select(e => e.Date!.Value));
        Assert.Equal(["1.txt"], path[0].Link.Encounters[0].Documents.AsEnumerable());
        Assert.Equal(("B", "C", "Oslo"), (path[1].From.Name, path[1].To.Name, path[1].Link.Encounters.Single().Place));
    }

    [Fact]
    public void ShortestPath_CoVisits_LinkOnlyWhenAskedAndSameDay()
    {
        // Arrange: A and B were in X on the same day; C was there on another day.
        var graph = new PropertyGraph([Person("a"), Person("b"), Person("c"), Place("x", "X")],
            [Visited("a", "x", "2023-01-01"), Visited("b", "x", "2023-01-01"), Visited("c", "x", "2023-01-02")]);

        // Act
        var meetingsOnly = MeetingNetwork.Build(graph).ShortestPath("person:a", "person:b");
        var withVisits = MeetingNetwork.Build(graph, new MeetingNetworkOptions { IncludeCoVisits = true });

        // Assert
        Assert.Null(meetingsOnly);
        var hop = Assert.Single(withVisits.ShortestPath("person:a", "person:b")!);
        Assert.Equal(("co-visit", "X", new DateOnly(2023, 1, 1)), (hop.Link.Encounters.Single().Kind, hop.Link.Encounters.Single().Place, hop.Link.Encounters.Single().Date!.Value));
        Assert.Equal(["a.txt", "b.txt"], hop.Link.Encounters.Single().Documents.AsEnumerable());
        Assert.Null(withVisits.ShortestPath("person:a", "person:c"));
    }

    [Fact]
    public void Neighbourhood_DepthTwo_StopsAtTheSecondRing()
    {
        // Arrange: A-B-C-D-E, and a triangle B-F-C.
        var network = MeetingNetwork.Build(Of("abcdef", "ab", "bc", "cd", "de", "bf", "cf"));

        // Act
        var (people, links) = network.Neighbourhood("person:a", 2);

        // Assert: B at 1; C and F at 2; D (3) is out, and so is the C-D link. F-C joins two people of the second ring.
        Assert.Equal(["A:0", "B:1", "C:2", "F:2"], people.Select(p => $"{p.Person.Name}:{p.Distance}"));
        Assert.Equal(["AB", "BC", "BF", "CF"], links.Select(l => l.First.Name + l.Second.Name));
    }

    [Fact]
    public void Neighbourhood_DepthZeroOrLoner_OnlyThePerson()
    {
        // Arrange
        var network = MeetingNetwork.Build(Of("abc", "ab"));

        // Act / Assert
        Assert.Equal(["A"], network.Neighbourhood("person:a", 0).People.Select(p => p.Person.Name));
        Assert.Empty(network.Neighbourhood("person:a", 0).Links);
        Assert.Equal(["C"], network.Neighbourhood("person:c", 3).People.Select(p => p.Person.Name));
    }
}
