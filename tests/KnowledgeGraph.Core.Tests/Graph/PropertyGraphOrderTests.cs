using System.Collections.Immutable;
using KnowledgeGraph.Core.Graph;

namespace KnowledgeGraph.Core.Tests.Graph;

public class PropertyGraphOrderTests
{
    private static GraphNode Node(string id) => new(id, ["Person"], ImmutableSortedDictionary<string, PropertyValue>.Empty);

    private static GraphRelationship Rel(string id, string from, string to) =>
        new(id, "MET_WITH", from, to, ImmutableSortedDictionary<string, PropertyValue>.Empty);

    [Fact]
    public void Constructor_ItemsOutOfOrder_SortedById()
    {
        // Arrange / Act: ordinal order puts capitals before lower case ("B" < "a").
        var graph = new PropertyGraph([Node("p:b"), Node("p:a"), Node("p:B")], [Rel("r2", "p:a", "p:b"), Rel("r1", "p:b", "p:B")]);

        // Assert
        Assert.Equal(["p:B", "p:a", "p:b"], graph.Nodes.Select(n => n.Id));
        Assert.Equal(["r1", "r2"], graph.Relationships.Select(r => r.Id));
    }

    [Fact]
    public void Constructor_ItemsInOrder_KeptAsGiven()
    {
        // Arrange: an ordered list, as the previous build step's graph hands it on.
        ImmutableArray<GraphNode> nodes = [Node("p:B"), Node("p:a"), Node("p:b")];

        // Act
        var graph = new PropertyGraph(nodes, []);
        var again = new PropertyGraph(graph.Nodes, graph.Relationships);

        // Assert
        Assert.Equal(nodes, graph.Nodes);
        Assert.Equal(graph.Nodes, again.Nodes);
    }
}
