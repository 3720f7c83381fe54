using KnowledgeGraph.Core.Graph;

namespace KnowledgeGraph.Core.Tests.Graph;

public class RelationshipIdShapeTests
{
    private static readonly PropertyDictionary None = PropertyDictionary.Empty;

    [Theory]
    [InlineData("attended:person:a:meeting:2023-05-30:a.b", "person:a", "meeting:2023-05-30:a.b")]
    [InlineData("met_with:2023-05-30:person:a:person:b", "person:a", "person:b")]
    [InlineData("visited:person:a:city:kyiv:2023-05-30", "person:a", "city:kyiv")]
    [InlineData("visited:person:a:city:kyiv:undated-day-1-a-txt", "person:a", "city:kyiv")]
    // The start's text appears first inside the prefix: the ends are found where start:end follows.
    [InlineData("met_with:person:a-x:person:a:person:b", "person:a", "person:b")]
    public void WithIdAround_IdHoldingItsEnds_ReadsAsTheIdGiven(string id, string start, string end)
    {
        // Act
        var r = GraphRelationship.WithIdAround(id, GraphSchema.MetWith, start, end, None, new IdShapes());

        // Assert: the same relationship as one made with its id, in every way a reader sees it.
        var made = new GraphRelationship(id, GraphSchema.MetWith, start, end, None);
        Assert.Equal(id, r.Id);
        Assert.Equal(made, r);
        Assert.Equal(made.GetHashCode(), r.GetHashCode());
        Assert.Equal(0, GraphRelationship.CompareIds(made, r));
        var (i, type, s, e, _) = r;
        Assert.Equal((id, GraphSchema.MetWith, start, end), (i, type, s, e));
    }

    [Fact]
    public void WithIdAround_IdNotHoldingItsEnds_KeepsTheIdAsGiven()
    {
        // Act: the ends are in the id, but not as start:end.
        var r = GraphRelationship.WithIdAround("member_of:org:nato:person:a", GraphSchema.MemberOf, "person:a", "org:nato", None, new IdShapes());

        // Assert
        Assert.Equal("member_of:org:nato:person:a", r.Id);
        Assert.Equal("person:a", r.StartId);
    }

    [Fact]
    public void WithIdAround_ManyIdsOfOneShape_ShareOneShape()
    {
        // Arrange
        var shapes = new IdShapes();

        // Act
        var a = GraphRelationship.WithIdAround("met_with:2023-05-30:person:a:person:b", GraphSchema.MetWith, "person:a", "person:b", None, shapes);
        var b = GraphRelationship.WithIdAround("met_with:2023-05-30:person:c:person:d", GraphSchema.MetWith, "person:c", "person:d", None, shapes);
        var c = GraphRelationship.WithIdAround("met_with:2023-05-31:person:a:person:b", GraphSchema.MetWith, "person:a", "person:b", None, shapes);

        // Assert: two dates, two shapes; the ids are each their own.
        Assert.Equal(2, shapes.Count);
        Assert.Equal(["met_with:2023-05-30:person:a:person:b", "met_with:2023-05-30:person:c:person:d", "met_with:2023-05-31:person:a:person:b"], new[] { a.Id, b.Id, c.Id });
    }

    [Fact]
    public void CompareIds_MixedForms_HasTheSignOfTheOrdinalComparisonOfTheIds()
    {
        // Arrange: ids whose order turns on where the parts meet (':' sorts after '-', a prefix before its extensions),
        // each made both ways.
        var shapes = new IdShapes();
        var attended = shapes.Get("attended:", "");
        var specs = new (string Start, string End)[]
        {
            ("person:a", "meeting:1"), ("person:a-b", "meeting:1"), ("person:a", "meeting:10"), ("person:a:b", "meeting:1"),
            ("person:ab", "meeting:"), ("person:a", "meeting:1:x"), ("person:á", "meeting:1"), ("person:", "meeting:1"),
        };
        var all = new List<GraphRelationship>();
        foreach (var (s, e) in specs)
        {
            all.Add(GraphRelationship.WithIdAround(attended, GraphSchema.Attended, s, e, None));
            all.Add(new GraphRelationship($"attended:{s}:{e}", GraphSchema.Attended, s, e, None));
        }
        all.Add(new GraphRelationship("attended:", GraphSchema.Attended, "x", "y", None));
        all.Add(new GraphRelationship("held_in:m:p", GraphSchema.HeldIn, "m", "p", None));

        // Act / Assert
        foreach (var x in all)
        {
            foreach (var y in all)
                Assert.Equal(Math.Sign(string.CompareOrdinal(x.Id, y.Id)), Math.Sign(GraphRelationship.CompareIds(x, y)));
        }
    }

    [Fact]
    public void With_ShapedRelationship_KeepsItsIdAndChangesWhatIsGiven()
    {
        // Arrange
        var shapes = new IdShapes();
        var r = GraphRelationship.WithIdAround(shapes.Get("held_in:", ""), GraphSchema.HeldIn, "meeting:1", "city:kyiv", None);

        // Act
        var moved = r with { EndId = "city:lviv" };
        var renamed = r with { Id = "held_in:other" };
        var props = r with { Properties = new PropertyBag().Add("documents", new[] { "a.txt" }).Build() };

        // Assert: an end changed keeps the id it had; the id given replaces the shape.
        Assert.Equal("held_in:meeting:1:city:kyiv", moved.Id);
        Assert.Equal("city:lviv", moved.EndId);
        Assert.Equal("held_in:other", renamed.Id);
        Assert.Equal("city:kyiv", renamed.EndId);
        Assert.Equal("held_in:meeting:1:city:kyiv", props.Id);
        Assert.Single(props.Properties);
    }

    [Fact]
    public void PropertyGraph_ShapedRelationshipsOutOfOrder_SortedAsByTheirIds()
    {
        // Arrange
        var shapes = new IdShapes();
        var attended = shapes.Get("attended:", "");
        var nodes = new[] { "person:a", "person:a-b", "person:a:b", "meeting:1" }
            .Select(id => new GraphNode(id, [id.StartsWith("person", StringComparison.Ordinal) ? GraphSchema.Person : GraphSchema.Meeting], new PropertyBag().Add("name", id).Build()));
        var rels = new[]
        {
            GraphRelationship.WithIdAround(attended, GraphSchema.Attended, "person:a:b", "meeting:1", None),
            new GraphRelationship("attended:person:a-b:meeting:1", GraphSchema.Attended, "person:a-b", "meeting:1", None),
            GraphRelationship.WithIdAround(attended, GraphSchema.Attended, "person:a", "meeting:1", None),
        };

        // Act
        var graph = new PropertyGraph(nodes, rels);

        // Assert
        Assert.Equal(rels.Select(r => r.Id).Order(StringComparer.Ordinal), graph.Relationships.Select(r => r.Id));
    }

    [Fact]
    public void PropertyGraph_TwoShapedRelationshipsWithOneId_RefusedAsDuplicates()
    {
        // Arrange
        var shapes = new IdShapes();
        var nodes = new[] { new GraphNode("person:a", [GraphSchema.Person], None), new GraphNode("meeting:1", [GraphSchema.Meeting], None) };
        var rels = new[]
        {
            GraphRelationship.WithIdAround(shapes.Get("attended:", ""), GraphSchema.Attended, "person:a", "meeting:1", None),
            new GraphRelationship("attended:person:a:meeting:1", GraphSchema.Attended, "person:a", "meeting:1", None),
        };

        // Act / Assert
        var ex = Assert.Throws<ArgumentException>(() => new PropertyGraph(nodes, rels));
        Assert.Contains("Duplicate relationship id 'attended:person:a:meeting:1'", ex.Message, StringComparison.Ordinal);
    }
}
