using System.Collections.Immutable;
using KnowledgeGraph.Core.Graph;

namespace KnowledgeGraph.Core.Tests.Graph;

public class RelationshipListTests
{
    private static GraphNode Node(string id, string label) => new(id, [label], ImmutableSortedDictionary<string, PropertyValue>.Empty);

    private static GraphRelationship Rel(string id, string type, string from, string to) =>
        new(id, type, from, to, ImmutableSortedDictionary<string, PropertyValue>.Empty);

    private static readonly GraphNode[] Nodes =
    [
        Node("person:a", "Person"), Node("person:a-b", "Person"), Node("person:c", "Person"), Node("meeting:1", "Meeting"),
        Node("article:d1", "Article"), Node("article:d2", "Article"),
    ];

    // Three entities in the order of id + ':' ('-' sorts before ':', so person:a-b comes first), person:c with no
    // mention: person:a-b in d2 (4 times), person:a in d1 (twice) and d2 (once).
    private static MentionTable Table() => new(
        entities: ["person:a-b", "person:a", "person:c"],
        starts: [0, 1, 3, 3],
        documents: ["d1", "d2"],
        articles: ["article:d1", "article:d2"],
        document: [1, 0, 1],
        count: [4, 2, 1]);

    [Fact]
    public void Constructor_MentionTable_ReadsAsTheRelationshipsInIdOrder()
    {
        // Arrange
        GraphRelationship[] others = [Rel("attended:person:a:meeting:1", "ATTENDED", "person:a", "meeting:1"), Rel("met_with:x", "MET_WITH", "person:a", "person:c")];

        // Act
        var graph = new PropertyGraph(Nodes, others, Table());

        // Assert: the MENTIONED_IN run sits between attended: and met_with:, each with its count.
        Assert.Equal(
            ["attended:person:a:meeting:1", "mentioned_in:person:a-b:d2", "mentioned_in:person:a:d1", "mentioned_in:person:a:d2", "met_with:x"],
            graph.Relationships.Select(r => r.Id));
        Assert.Equal(5, graph.Relationships.Length);
        var m = graph.Relationships[2];
        Assert.Equal(("MENTIONED_IN", "person:a", "article:d1", 2L), (m.Type, m.StartId, m.EndId, m.Properties["count"].AsInteger()));
        Assert.Equal("mentioned_in:person:a-b:d2", graph.Relationships[1].Id);
        Assert.Equal(4L, graph.Relationships[1].Properties["count"].AsInteger());
        Assert.Equal("met_with:x", graph.Relationships[4].Id);
        Assert.Equal(["mentioned_in:person:a-b:d2", "mentioned_in:person:a:d1", "mentioned_in:person:a:d2"], graph.Relationships.OfType("MENTIONED_IN").Select(r => r.Id));
        Assert.Equal(["met_with:x"], graph.Relationships.OfType("MET_WITH").Select(r => r.Id));
        Assert.Equal(["attended:person:a:meeting:1", "met_with:x"], graph.Relationships.ExceptMentions().Select(r => r.Id));
        Assert.Equal(graph.Relationships.Select(r => (r.Type, r.StartId, r.EndId)), graph.Relationships.Ends());
        Assert.Equal(("MENTIONED_IN", "person:a-b", "article:d2"), graph.Relationships.Ends().ElementAt(1));
    }

    [Fact]
    public void Constructor_MentionTable_SameGraphAsTheRelationshipsAsObjects()
    {
        // Arrange
        var table = Table();
        var objects = new PropertyGraph(Nodes, table.ToList());

        // Act
        var compact = new PropertyGraph(Nodes, [], table);

        // Assert
        Assert.True(compact.ContentEquals(objects));
        Assert.Equal(objects.Relationships.Select(r => (r.Type, r.StartId, r.EndId)), compact.Relationships.Ends());
        Assert.Equal(objects.Relationships.Select(r => r.Id), Enumerable.Range(0, compact.Relationships.Length).Select(i => compact.Relationships[i].Id));
    }

    [Fact]
    public void WithMentionsOf_OneArticle_OthersAndThatArticlesMentionsInIdOrder()
    {
        // Arrange
        GraphRelationship[] others = [Rel("attended:person:a:meeting:1", "ATTENDED", "person:a", "meeting:1"), Rel("met_with:x", "MET_WITH", "person:a", "person:c")];
        var compact = new PropertyGraph(Nodes, others, Table());
        var objects = new PropertyGraph(Nodes, [.. others, .. Table()]);
        var asked = new List<string>();

        // Act
        var ids = compact.Relationships.WithMentionsOf(a => { asked.Add(a); return a == "article:d2"; }).Select(r => r.Id).ToList();

        // Assert: each article asked about once; the same rows whether the mentions are a table or objects.
        Assert.Equal(["attended:person:a:meeting:1", "mentioned_in:person:a-b:d2", "mentioned_in:person:a:d2", "met_with:x"], ids);
        Assert.Equal(["article:d1", "article:d2"], asked);
        Assert.Equal(ids, objects.Relationships.WithMentionsOf(a => a == "article:d2").Select(r => r.Id));
    }

    [Fact]
    public void Constructor_AnotherRelationshipInsideTheRun_SortedInAsObjects()
    {
        // Arrange: an id that sorts among the table's rows (no assembler makes one, but the graph must stay in order).
        GraphRelationship[] others = [Rel("mentioned_in:person:a:d1x", "MET_WITH", "person:a", "person:c")];

        // Act
        var graph = new PropertyGraph(Nodes, others, Table());

        // Assert
        Assert.Equal(
            ["mentioned_in:person:a-b:d2", "mentioned_in:person:a:d1", "mentioned_in:person:a:d1x", "mentioned_in:person:a:d2"],
            graph.Relationships.Select(r => r.Id));
    }

    [Fact]
    public void Constructor_MentionOfAMissingArticle_Throws()
    {
        // Arrange
        var nodes = Nodes.Where(n => n.Id != "article:d2");

        // Act / Assert
        var ex = Assert.Throws<ArgumentException>(() => new PropertyGraph(nodes, [], Table()));
        Assert.Contains("article:d2", ex.Message, StringComparison.Ordinal);
    }
}
