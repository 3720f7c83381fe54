using KnowledgeGraph.Writers.Tests.Support;

namespace KnowledgeGraph.Writers.Tests.Scope;

public sealed class GraphScopeTests
{
    [Fact]
    public void People_SampleGraph_KeepsPeopleMeetingsAndWhatTheyAreTiedTo()
    {
        // Arrange: 9 nodes (4 people, NATO, Belgium, Brussels, a meeting, an article) and 9 relationships.
        var graph = SampleGraphs.Hostile();

        // Act
        var people = GraphScope.People(graph);

        // Assert: the article and MENTIONED_IN go, and Belgium's own membership of NATO (no person in it).
        Assert.Equal(["city:2800866", "country:be", "meeting:2023-02-08-austin-stoltenberg", "org:nato", "person:evil", "person:jens-stoltenberg", "person:lloyd-austin", "person:olena"],
            people.Nodes.Select(n => n.Id).ToArray());
        Assert.Equal(["r1", "r2", "r3", "r4", "r5", "r7", "r9"], people.Relationships.Select(r => r.Id).ToArray());
    }
}
