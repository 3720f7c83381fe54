using System.Collections.Immutable;
using KnowledgeGraph.Core.Graph;

namespace KnowledgeGraph.Core.Tests.Graph;

public sealed class PropertyGraphTests
{
    private static GraphNode Person(string key) =>
        new($"person:{key}", [GraphSchema.Person], new PropertyBag().Add("name", key).Build());

    private static GraphRelationship Met(string id, string a, string b) =>
        new(id, GraphSchema.MetWith, $"person:{a}", $"person:{b}", new PropertyBag().Build());

    [Fact]
    public void New_RelationshipsInAnyOrder_SortedById()
    {
        // Act
        var graph = new PropertyGraph([Person("b"), Person("a")], [Met("m2", "a", "b"), Met("m1", "a", "b")]);

        // Assert
        Assert.Equal(["person:a", "person:b"], graph.Nodes.Select(n => n.Id));
        Assert.Equal(["m1", "m2"], graph.Relationships.Select(r => r.Id));
    }

    [Fact]
    public void New_RelationshipsOfAnotherGraph_TakenAsTheyAre()
    {
        // Arrange
        var first = new PropertyGraph([Person("a"), Person("b")], [Met("m2", "a", "b"), Met("m1", "a", "b")]);

        // Act: as the metrics and the layout build their graph, new nodes and the same relationships.
        var second = new PropertyGraph(first.Nodes.Select(n => n with { }), first.Relationships);

        // Assert
        Assert.True(first.ContentEquals(second));
    }

    [Fact]
    public void New_DuplicateRelationshipId_Throws()
    {
        // Arrange: unsorted, and sorted in an ImmutableArray (the path that does not sort again).
        GraphRelationship[] unsorted = [Met("m2", "a", "b"), Met("m1", "a", "b"), Met("m2", "b", "a")];
        var sorted = ImmutableArray.Create(Met("m1", "a", "b"), Met("m2", "a", "b"), Met("m2", "b", "a"));

        // Act & Assert
        foreach (var rels in new IEnumerable<GraphRelationship>[] { unsorted, sorted })
        {
            var ex = Assert.Throws<ArgumentException>(() => new PropertyGraph([Person("a"), Person("b")], rels));
            Assert.StartsWith("Duplicate relationship id 'm2'.", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void WithNodes_SameIdsNewProperties_KeepsRelationshipsAndFindsNewNodes()
    {
        // Arrange
        var first = new PropertyGraph([Person("a"), Person("b")], [Met("m2", "a", "b"), Met("m1", "a", "b")]);
        var annotated = first.Nodes.Select(n => n with { Properties = n.Properties.SetItem("degree", PropertyValue.Of(1L)) });

        // Act
        var second = first.WithNodes(annotated);

        // Assert: the very relationships (not copied), the new nodes by id.
        Assert.Equal(["m1", "m2"], second.Relationships.Select(r => r.Id));
        Assert.Same(first.Relationships[0], second.Relationships[0]);
        Assert.True(second.TryGetNode("person:b", out var b));
        Assert.Equal(1L, b.Properties["degree"].AsInteger());
        Assert.False(first.ContentEquals(second));
    }

    [Fact]
    public void WithNodes_OtherIdsOrCount_Throws()
    {
        // Arrange
        var graph = new PropertyGraph([Person("a"), Person("b")], [Met("m1", "a", "b")]);

        // Act & Assert: another id in a place, the nodes reordered, one left out.
        var renamed = Assert.Throws<ArgumentException>(() => graph.WithNodes([Person("a"), Person("c")]));
        Assert.StartsWith("Node 'person:c' given where the graph has 'person:b'", renamed.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => graph.WithNodes([Person("b"), Person("a")]));
        var fewer = Assert.Throws<ArgumentException>(() => graph.WithNodes([Person("a")]));
        Assert.StartsWith("1 nodes given for a graph of 2.", fewer.Message, StringComparison.Ordinal);
    }
}
