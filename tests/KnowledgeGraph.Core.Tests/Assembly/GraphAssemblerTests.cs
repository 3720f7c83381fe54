using KnowledgeGraph.Core.Entities;
using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.Core.Relations;
using KnowledgeGraph.Core.Stages.Assembly;
using KnowledgeGraph.Core.Tests.Support;

namespace KnowledgeGraph.Core.Tests.Assembly;

public class GraphAssemblerTests
{
    private const string Jens = "person:jens-stoltenberg";
    private const string Lloyd = "person:lloyd-austin";
    private const string Jonas = "person:jonas-gahr-store";
    private static readonly DateOnly Feb8 = new(2023, 2, 8);

    private static RelationFact Met(string a, string b, int sentence, DateOnly? date, string? place, string doc = "a.txt") => new()
    {
        Kind = RelationKind.MetWith,
        SubjectId = a,
        ObjectId = b,
        DocumentId = doc,
        SentenceIndex = sentence,
        Evidence = $"sentence {sentence}",
        Rule = "test:1",
        Date = date,
        PlaceId = place,
    };

    private static EntityOccurrence Seen(string id, EntityKind kind) => new(id, kind, id, 1, [id]);

    private static DocumentAnalysis Doc(string id, DateOnly? published, RelationFact[] facts, params EntityOccurrence[] entities) => new()
    {
        DocumentId = id,
        Published = published,
        Entities = [.. entities],
        Facts = [.. facts],
        Containment = [],
    };

    private static PropertyGraph Assemble(params DocumentAnalysis[] docs) => new GraphAssembler(Tiny.Gazetteer).Assemble(docs);

    private static List<GraphRelationship> OfType(PropertyGraph g, string type) => g.Relationships.Where(r => r.Type == type).ToList();

    [Fact]
    public void Assemble_TwoSentencesSameMeeting_OneMetWith()
    {
        // Arrange
        var doc = Doc("a.txt", Feb8, [Met(Lloyd, Jens, 1, Feb8, "place:pentagon"), Met(Jens, Lloyd, 4, null, null)],
            Seen(Jens, EntityKind.Person), Seen(Lloyd, EntityKind.Person), Seen("place:pentagon", EntityKind.Location));

        // Act
        var g = Assemble(doc);

        // Assert
        var met = Assert.Single(OfType(g, GraphSchema.MetWith));
        Assert.Equal(Jens, met.StartId);
        Assert.Equal(Lloyd, met.EndId);
        Assert.Equal("2023-02-08", met.Properties["date"].ToString());
        Assert.Equal("place:pentagon", met.Properties["placeId"].ToString());
        Assert.Equal(["sentence 1", "sentence 4"], met.Properties["evidence"].AsList().ToArray());
        Assert.Single(g.Nodes, n => n.Label == GraphSchema.Meeting);
    }

    [Fact]
    public void Assemble_SamePairTwoDates_TwoMeetings()
    {
        // Arrange
        var doc = Doc("a.txt", null, [Met(Lloyd, Jens, 1, Feb8, "place:pentagon"), Met(Lloyd, Jens, 6, new DateOnly(2023, 2, 14), "place:nato-hq")],
            Seen(Jens, EntityKind.Person), Seen(Lloyd, EntityKind.Person));

        // Act
        var g = Assemble(doc);

        // Assert
        var dates = OfType(g, GraphSchema.MetWith).Select(r => r.Properties["date"].ToString()).Order().ToList();
        Assert.Equal(["2023-02-08", "2023-02-14"], dates);
        Assert.Equal(2, g.Nodes.Count(n => n.Label == GraphSchema.Meeting));
    }

    [Fact]
    public void Assemble_MeetingAtHostsSeat_VisitForGuestOnly()
    {
        // Arrange: Austin's department sits in the Pentagon; Stoltenberg's NATO sits in Brussels.
        var doc = Doc("a.txt", Feb8, [Met(Lloyd, Jens, 1, Feb8, "place:pentagon")],
            Seen(Jens, EntityKind.Person), Seen(Lloyd, EntityKind.Person), Seen("place:pentagon", EntityKind.Location));

        // Act
        var g = Assemble(doc);

        // Assert
        var visit = Assert.Single(OfType(g, GraphSchema.Visited));
        Assert.Equal(Jens, visit.StartId);
        Assert.Equal("place:pentagon", visit.EndId);
        Assert.Equal("2023-02-08", visit.Properties["date"].ToString());
    }

    [Fact]
    public void Assemble_ExplicitVisitor_VisitEvenWithoutKnownHome()
    {
        // Arrange: the pattern person has no roles, but "hosted" names them the guest.
        var fact = Met(Jonas, "person:pierre-dupont", 1, null, "city:oslo") with { VisitorId = "person:pierre-dupont" };
        var doc = Doc("a.txt", Feb8, [fact], Seen(Jonas, EntityKind.Person), Seen("person:pierre-dupont", EntityKind.Person), Seen("city:oslo", EntityKind.Location));

        // Act
        var g = Assemble(doc);

        // Assert
        var visit = Assert.Single(OfType(g, GraphSchema.Visited));
        Assert.Equal("person:pierre-dupont", visit.StartId);
    }

    [Fact]
    public void Assemble_ThreePeopleOneSentence_OneMeetingThreeEdges()
    {
        // Arrange
        var doc = Doc("a.txt", Feb8,
            [Met(Jens, Lloyd, 2, Feb8, "city:brussels"), Met(Jens, Jonas, 2, Feb8, "city:brussels"), Met(Lloyd, Jonas, 2, Feb8, "city:brussels")],
            Seen(Jens, EntityKind.Person), Seen(Lloyd, EntityKind.Person), Seen(Jonas, EntityKind.Person), Seen("city:brussels", EntityKind.Location));

        // Act
        var g = Assemble(doc);

        // Assert
        var meeting = Assert.Single(g.Nodes, n => n.Label == GraphSchema.Meeting);
        Assert.Equal(3, OfType(g, GraphSchema.MetWith).Count);
        Assert.All(OfType(g, GraphSchema.MetWith), r => Assert.Equal(meeting.Id, r.Properties["meeting"].ToString()));
        Assert.Equal([Jens, Jonas, Lloyd], OfType(g, GraphSchema.Attended).Select(r => r.StartId).Order(StringComparer.Ordinal));
        var heldIn = Assert.Single(OfType(g, GraphSchema.HeldIn));
        Assert.Equal(meeting.Id, heldIn.StartId);
        Assert.Equal("city:brussels", heldIn.EndId);
    }

    [Fact]
    public void Assemble_TwoArticles_NodeDocumentsOnlyWhereMentioned()
    {
        // Arrange
        var a = Doc("a.txt", Feb8, [], Seen(Jens, EntityKind.Person), Seen(Lloyd, EntityKind.Person));
        var b = Doc("b.txt", Feb8, [], Seen(Jens, EntityKind.Person));

        // Act
        var g = Assemble(a, b);

        // Assert
        Assert.Equal("a.txt\nb.txt", Docs(g, Jens));
        Assert.Equal("a.txt", Docs(g, Lloyd));
        Assert.Equal(2, OfType(g, GraphSchema.MentionedIn).Count(r => r.StartId == Jens));
        Assert.Contains(g.Nodes, n => n.Id == "article:b.txt" && n.Label == GraphSchema.Article);
    }

    [Fact]
    public void Assemble_SameMeetingInTwoArticles_OneEdgeListingBoth()
    {
        // Arrange
        var a = Doc("a.txt", Feb8, [Met(Lloyd, Jens, 1, Feb8, "place:pentagon")], Seen(Jens, EntityKind.Person), Seen(Lloyd, EntityKind.Person));
        var b = Doc("b.txt", Feb8, [Met(Jens, Lloyd, 3, Feb8, "place:pentagon", "b.txt")], Seen(Jens, EntityKind.Person), Seen(Lloyd, EntityKind.Person));

        // Act
        var g = Assemble(a, b);

        // Assert
        var met = Assert.Single(OfType(g, GraphSchema.MetWith));
        Assert.Equal(["a.txt", "b.txt"], met.Properties["documents"].AsList().ToArray());
    }

    [Fact]
    public void Assemble_MembershipStatedTwice_OneEdgeWithRole()
    {
        // Arrange
        var f = new RelationFact { Kind = RelationKind.MemberOf, SubjectId = Jens, ObjectId = "org:nato", DocumentId = "a.txt", Evidence = "e1", Rule = "r:1", Role = "Secretary General" };
        var doc = Doc("a.txt", Feb8, [f, f with { Evidence = "e2", Role = null }], Seen(Jens, EntityKind.Person));

        // Act
        var g = Assemble(doc);

        // Assert
        var m = Assert.Single(OfType(g, GraphSchema.MemberOf));
        Assert.Equal("Secretary General", m.Properties["role"].ToString());
        Assert.Contains(g.Nodes, n => n.Id == "org:nato");
    }

    private static string Docs(PropertyGraph g, string id) =>
        string.Join('\n', g.Nodes.Single(n => n.Id == id).Properties["documents"].AsList());

    [Fact]
    public void Assemble_SameMeetingInTwoArticlesWithDifferentPeople_OneMeetingNode()
    {
        // Arrange: article a names Jens and Lloyd; article b names Jens, Lloyd and Jonas at the same place and date.
        var a = Doc("a.txt", Feb8, [Met(Lloyd, Jens, 1, Feb8, "place:pentagon", "a.txt")],
            Seen(Jens, EntityKind.Person), Seen(Lloyd, EntityKind.Person), Seen("place:pentagon", EntityKind.Location));
        var b = Doc("b.txt", Feb8, [Met(Lloyd, Jens, 2, Feb8, "place:pentagon", "b.txt"), Met(Jonas, Jens, 2, Feb8, "place:pentagon", "b.txt"), Met(Jonas, Lloyd, 2, Feb8, "place:pentagon", "b.txt")],
            Seen(Jens, EntityKind.Person), Seen(Lloyd, EntityKind.Person), Seen(Jonas, EntityKind.Person), Seen("place:pentagon", EntityKind.Location));

        // Act
        var g = Assemble(a, b);

        // Assert: one Meeting with all three attending; the Jens–Lloyd MET_WITH lists both articles.
        var meeting = Assert.Single(g.Nodes, n => n.Label == GraphSchema.Meeting);
        Assert.Equal(3, OfType(g, GraphSchema.Attended).Count(r => r.EndId == meeting.Id));
        var jensLloyd = Assert.Single(OfType(g, GraphSchema.MetWith), r => r.StartId == Jens && r.EndId == Lloyd);
        Assert.Equal(["a.txt", "b.txt"], jensLloyd.Properties["documents"].AsList().ToArray());
        Assert.Equal(3, OfType(g, GraphSchema.MetWith).Count);
    }

    [Fact]
    public void Assemble_GuestOfAMeeting_AttendedAsGuestAndHostAsHost()
    {
        // Arrange: Jens hosted Lloyd (Lloyd is the visitor of the pair).
        var doc = Doc("a.txt", Feb8, [Met(Jens, Lloyd, 1, Feb8, null) with { VisitorId = Lloyd }],
            Seen(Jens, EntityKind.Person), Seen(Lloyd, EntityKind.Person));

        // Act
        var roles = OfType(Assemble(doc), GraphSchema.Attended).ToDictionary(r => r.StartId, r => r.Properties["role"].ToString());

        // Assert
        Assert.Equal("guest", roles[Lloyd]);
        Assert.Equal("host", roles[Jens]);
    }

    [Fact]
    public void AssembleOrdered_SameAnalysesInDocumentOrder_GivesTheGraphOfAssemble()
    {
        // Arrange: the same meeting told by two articles, handed over out of order to Assemble.
        var a = Doc("a.txt", Feb8, [Met(Lloyd, Jens, 1, Feb8, "place:pentagon")], Seen(Jens, EntityKind.Person), Seen(Lloyd, EntityKind.Person));
        var b = Doc("b.txt", Feb8, [Met(Jens, Lloyd, 2, Feb8, null, "b.txt")], Seen(Jens, EntityKind.Person), Seen(Lloyd, EntityKind.Person));
        var assembler = new GraphAssembler(Tiny.Gazetteer);

        // Act
        var ordered = assembler.AssembleOrdered([a, b]);
        var sorted = assembler.Assemble([b, a]);

        // Assert: one meeting citing both articles either way.
        Assert.True(ordered.ContentEquals(sorted));
        var meeting = Assert.Single(ordered.Nodes, n => n.Label == GraphSchema.Meeting);
        Assert.Equal(["a.txt", "b.txt"], meeting.Properties["documents"].AsList().ToArray());
    }

    [Fact]
    public void AssembleOrdered_DocumentsOutOfOrder_Throws()
    {
        // Arrange
        var a = Doc("a.txt", Feb8, [], Seen(Jens, EntityKind.Person));
        var b = Doc("b.txt", Feb8, [], Seen(Jens, EntityKind.Person));

        // Act
        var error = Record.Exception(() => new GraphAssembler(Tiny.Gazetteer).AssembleOrdered([b, a]));

        // Assert
        Assert.IsType<ArgumentException>(error);
        Assert.Contains("'a.txt' after 'b.txt'", error.Message, StringComparison.Ordinal);
    }
}
