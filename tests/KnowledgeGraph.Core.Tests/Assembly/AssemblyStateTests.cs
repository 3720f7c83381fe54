using KnowledgeGraph.Core.Entities;
using KnowledgeGraph.Core.Relations;
using KnowledgeGraph.Core.Stages.Assembly;
using KnowledgeGraph.Core.Tests.Support;

namespace KnowledgeGraph.Core.Tests.Assembly;

/// <summary>
/// A kept <see cref="AssemblyState"/>, loaded and continued with the articles that sort after it, is the fold of all of
/// them: the same graph, and the same rows kept; and what it may have changed is named by <see cref="GraphAssembler.Delta"/>.
/// </summary>
public class AssemblyStateTests
{
    private const string Jens = "person:jens-stoltenberg";
    private const string Lloyd = "person:lloyd-austin";
    private const string Jonas = "person:jonas-gahr-store";
    private static readonly DateOnly Feb8 = new(2023, 2, 8);

    private static RelationFact Met(string a, string b, int sentence, DateOnly? date, string? place, string doc) => new()
    {
        Kind = RelationKind.MetWith,
        SubjectId = a,
        ObjectId = b,
        DocumentId = doc,
        SentenceIndex = sentence,
        Evidence = $"{doc} sentence {sentence}",
        Rule = "test:1",
        Date = date,
        PlaceId = place,
    };

    private static EntityOccurrence Seen(string id, EntityKind kind, string? name = null) => new(id, kind, name ?? id, 1, [name ?? id]);

    private static DocumentAnalysis Doc(string id, RelationFact[] facts, params EntityOccurrence[] entities) => new()
    {
        DocumentId = id,
        Published = Feb8,
        Title = "Title of " + id,
        Entities = [.. entities],
        Facts = [.. facts],
        Containment = [],
    };

    // Three reports of one meeting on one day (the third adds a person), and one of another meeting.
    private static readonly DocumentAnalysis[] Days =
    [
        Doc("day1/a.txt", [Met(Lloyd, Jens, 1, Feb8, "place:pentagon", "day1/a.txt")], Seen(Jens, EntityKind.Person), Seen(Lloyd, EntityKind.Person), Seen("place:pentagon", EntityKind.Location)),
        Doc("day1/b.txt", [Met(Jens, Lloyd, 2, Feb8, null, "day1/b.txt")], Seen(Jens, EntityKind.Person), Seen(Lloyd, EntityKind.Person)),
        Doc("day2/c.txt", [Met(Jens, Lloyd, 1, Feb8, "place:pentagon", "day2/c.txt"), Met(Jens, Jonas, 1, Feb8, "place:pentagon", "day2/c.txt")],
            Seen(Jens, EntityKind.Person), Seen(Lloyd, EntityKind.Person), Seen(Jonas, EntityKind.Person), Seen("place:pentagon", EntityKind.Location)),
        Doc("day2/d.txt", [Met(Jonas, Lloyd, 3, new DateOnly(2023, 3, 1), null, "day2/d.txt")], Seen(Jonas, EntityKind.Person), Seen(Lloyd, EntityKind.Person)),
    ];

    private static List<string> Rows(IEnumerable<(char Kind, string Id, byte[] Data)> rows) =>
        [.. rows.Select(r => $"{r.Kind} {r.Id} {Convert.ToHexString(r.Data)}").Order(StringComparer.Ordinal)];

    [Fact]
    public void Load_ContinuedWithLaterArticles_SameGraphAndStateAsOneFold()
    {
        // Arrange: the fold of all four at once, and a kept state of the first day.
        var assembler = new GraphAssembler(Tiny.Gazetteer);
        var once = new AssemblyState();
        assembler.Fold(once, Days);
        var graph = assembler.Build(once);
        var onceRows = Rows(once.Changes());
        var first = new AssemblyState();
        assembler.Fold(first, Days.Take(2));
        var kept = first.Changes().ToList();

        // Act: loaded (in kind order, as the store gives it) and continued with the second day.
        var state = AssemblyState.Load(kept.OrderBy(r => r.Kind).ThenBy(r => r.Id, StringComparer.Ordinal), "day1/b.txt");
        Assert.NotNull(state);
        assembler.Fold(state, Days.Skip(2));
        var delta = assembler.Delta(state);
        var continued = assembler.Build(state);
        var changes = state.Changes().ToList();

        // Assert: the same graph and, the rows kept updated with the changed ones, the same state.
        Assert.True(graph.ContentEquals(continued));
        var merged = kept.ToDictionary(r => (r.Kind, r.Id), r => r.Data);
        foreach (var (kind, id, data) in changes)
            merged[(kind, id)] = data;
        Assert.Equal(onceRows, Rows(merged.Select(kv => (kv.Key.Kind, kv.Key.Id, kv.Value))));
        // The day-1 meeting, merged with day 2's report, is named; so are the new articles and their rows.
        Assert.Contains(delta.Meetings, m => m.StartsWith("meeting:2023-02-08:", StringComparison.Ordinal));
        Assert.Equal(["article:day2/c.txt", "article:day2/d.txt"], delta.Articles.Order(StringComparer.Ordinal));
        Assert.All(continued.Relationships.Where(r => r.Type == "MENTIONED_IN" && r.EndId.StartsWith("article:day1/", StringComparison.Ordinal)),
            r => Assert.False(delta.MayHaveChanged(r)));
    }

    [Fact]
    public void BuildAndRelease_GivingBack_SameGraphAsBuildAndTheStateLeftEmpty()
    {
        // Arrange: two folds of the same articles.
        var assembler = new GraphAssembler(Tiny.Gazetteer);
        var kept = new AssemblyState();
        assembler.Fold(kept, Days);
        var released = new AssemblyState();
        assembler.Fold(released, Days);

        // Act: one built and kept, the other built while its relationships and meetings are dropped as they are made.
        var graph = assembler.Build(kept);
        var givenBack = assembler.BuildAndRelease(released, giveBack: true);

        // Assert: the same graph, relationships and meetings included; ids as Build makes them; nothing left in the state.
        Assert.True(graph.ContentEquals(givenBack));
        Assert.Contains(givenBack.Relationships, r => r.Type == "MET_WITH");
        Assert.Contains(givenBack.Nodes, n => n.Label == "Meeting");
        Assert.Equal(graph.Relationships.Select(r => r.Id), givenBack.Relationships.Select(r => r.Id));
        Assert.Equal(0, released.ArticleCount);
        Assert.Empty(released.Changes());
        Assert.NotEmpty(kept.Changes());
    }

    [Fact]
    public void Fold_ArticleSortingBeforeTheLastFolded_Throws()
    {
        // Arrange
        var assembler = new GraphAssembler(Tiny.Gazetteer);
        var state = new AssemblyState();
        assembler.Fold(state, Days.Skip(2));

        // Act / Assert
        Assert.Throws<ArgumentException>(() => assembler.Fold(state, Days.Take(1)));
    }

    [Fact]
    public void Load_RowOfAnotherFormatVersion_IsNull()
    {
        // Arrange
        var assembler = new GraphAssembler(Tiny.Gazetteer);
        var state = new AssemblyState();
        assembler.Fold(state, Days);
        var rows = state.Changes().Select(r => r.Kind == 'e' ? (r.Kind, r.Id, Data: (byte[])[99, .. r.Data[1..]]) : r).ToList();

        // Act / Assert
        Assert.Null(AssemblyState.Load(rows, "day2/d.txt"));
    }
}
