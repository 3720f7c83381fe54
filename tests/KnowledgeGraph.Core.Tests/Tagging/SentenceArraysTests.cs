using KnowledgeGraph.Core.Entities;
using KnowledgeGraph.Core.Stages.Tagging;
using KnowledgeGraph.Core.Tests.Support;
using KnowledgeGraph.Core.Text;

namespace KnowledgeGraph.Core.Tests.Tagging;

/// <summary>
/// <see cref="SentenceArrays"/>: the tagger's per-token arrays, reused sentence by sentence on a thread, and the tagger
/// giving the same mentions for a sentence whatever it tagged before.
/// </summary>
public sealed class SentenceArraysTests
{
    private static Mention AnyMention() => new()
    {
        TokenStart = 0,
        TokenEnd = 1,
        Start = 0,
        Surface = "x",
        Kind = EntityKind.Person,
        Source = MentionSource.Pattern,
    };

    [Fact]
    public void Start_ClearsTheFirstCountEntriesOnly()
    {
        // Arrange: every owner and title end of the first 10 entries set, as a longer sentence leaves them.
        var arrays = new SentenceArrays();
        arrays.Start(10);
        var m = AnyMention();
        for (var i = 0; i < 10; i++)
        {
            arrays.Owner[i] = m;
            arrays.TitleEnd[i] = i + 7;
        }

        // Act: a sentence of 4 tokens.
        arrays.Start(4);

        // Assert: 0-3 cleared; 4-9 left (never read for this sentence); the same 64-entry arrays.
        Assert.Equal(64, arrays.Owner.Length);
        Assert.All(arrays.Owner[..4], Assert.Null);
        Assert.All(arrays.TitleEnd[..4], e => Assert.Equal(0, e));
        Assert.All(arrays.Owner[4..10], o => Assert.Same(m, o));
        Assert.Equal([11, 12, 13, 14, 15, 16], arrays.TitleEnd[4..10]);
    }

    [Theory]
    [InlineData(65, 128)]
    [InlineData(300, 300)]
    public void Start_LongerThanTheArrays_MakesNewClearArraysOfAtLeastTwiceTheSize(int count, int expected)
    {
        // Arrange
        var arrays = new SentenceArrays();
        arrays.Start(64);
        arrays.Owner[63] = AnyMention();
        arrays.TitleEnd[63] = 5;

        // Act
        arrays.Start(count);

        // Assert
        Assert.Equal(expected, arrays.Owner.Length);
        Assert.Equal(expected, arrays.TitleAt.Length);
        Assert.Equal(expected, arrays.TitleEnd.Length);
        Assert.All(arrays.Owner, Assert.Null);
        Assert.All(arrays.TitleEnd, e => Assert.Equal(0, e));
    }

    [Fact]
    public void Tag_AfterALongerSentenceWithNamesAndTitles_GivesTheSameMentions()
    {
        // Arrange: the same sentence tagged first, then after a longer one full of names and titles on the same thread.
        var sentence = Assert.Single(SentenceSplitter.Split("Maria Kowalska arrived in Oslo on Monday."));
        var longer = Assert.Single(SentenceSplitter.Split(
            "Turkish Defense Minister Hulusi Akar and the Minister of Defence of Norway Bjorn Arild Gram met officials from the United States at NATO headquarters in Oslo."));
        var first = Tiny.Tagger.Tag(sentence);

        // Act
        Tiny.Tagger.Tag(longer);
        var again = Tiny.Tagger.Tag(sentence);

        // Assert: "Maria Kowalska" (a person by pattern) and "Oslo", as EntityTaggerTests expect of this sentence alone.
        Assert.Equal(first.Mentions.Select(m => (m.Surface, m.Kind, m.TokenStart, m.TokenEnd, m.EntityId)),
            again.Mentions.Select(m => (m.Surface, m.Kind, m.TokenStart, m.TokenEnd, m.EntityId)));
        Assert.Equal(["Maria Kowalska", "Oslo"], again.Mentions.Select(m => m.Surface));
        Assert.Empty(again.Titles);
    }
}
