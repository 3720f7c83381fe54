using KnowledgeGraph.Core.Entities;
using KnowledgeGraph.Core.Stages.Relations;
using KnowledgeGraph.Core.Stages.Tagging;
using KnowledgeGraph.Core.Text;

namespace KnowledgeGraph.Core.Tests.Relations;

/// <summary>
/// <see cref="ItemPool"/>: a thread's items of one sentence at a time, handed out again at the next sentence, and
/// <see cref="Item.Build"/> with a pool giving the same items as without one.
/// </summary>
public sealed class ItemPoolTests
{
    private static TaggedSentence Sentence(string text, params Mention[] mentions)
    {
        var tokens = Tokenizer.Tokenize(text, 0);
        return new TaggedSentence(new Sentence(0, 0, text, tokens, false), [.. mentions], []);
    }

    private static Mention PersonAt(int start, int end, string id) => new()
    {
        TokenStart = start,
        TokenEnd = end,
        Start = 0,
        Surface = "x",
        Kind = EntityKind.Person,
        Source = MentionSource.Gazetteer,
        EntityId = id,
    };

    [Fact]
    public void Next_AfterStart_HandsOutTheSameItemsInTheSameOrder()
    {
        // Arrange
        var pool = new ItemPool();
        var list = pool.Start(4);
        var first = new[] { pool.Next(), pool.Next(), pool.Next() };

        // Act
        var again = pool.Start(2);
        var second = new[] { pool.Next(), pool.Next(), pool.Next(), pool.Next() };

        // Assert: one list, emptied; the three items back in order, then a fourth new one.
        Assert.Same(list, again);
        Assert.Empty(again);
        Assert.Equal(3, first.Distinct().Count());
        Assert.Same(first[0], second[0]);
        Assert.Same(first[1], second[1]);
        Assert.Same(first[2], second[2]);
        Assert.DoesNotContain(second[3], first);
        Assert.Equal(4, pool.Used);
    }

    [Fact]
    public void Next_PastTheFirstBlock_GrowsAndKeepsItsItems()
    {
        // Arrange
        var pool = new ItemPool();
        pool.Start(0);
        var handed = Enumerable.Range(0, 200).Select(_ => pool.Next()).ToList();

        // Act
        pool.Start(0);
        var again = Enumerable.Range(0, 200).Select(_ => pool.Next()).ToList();

        // Assert: 200 distinct items (the first block holds 64), the same 200 the second time.
        Assert.Equal(200, handed.Distinct().Count());
        Assert.Equal(handed, again);
    }

    [Fact]
    public void Build_WithAPool_GivesTheItemsBuildGivesWithout()
    {
        // Arrange: "Anna Berg met the minister in Oslo" with "Anna Berg" a person (tokens 0-2).
        var ts = Sentence("Anna Berg met the minister in Oslo", PersonAt(0, 2, "p:berg"));
        var pool = new ItemPool();

        // Act: a longer sentence first, so that the pool's items carry another sentence's fields.
        Item.Build(Sentence("one two three four five six seven eight nine ten"), k => k, pool: pool);
        var pooled = Item.Build(ts, k => k, pool: pool);
        var fresh = Item.Build(ts, k => k);

        // Assert: the person item, then one item per word (met, the, minister, in, Oslo: only a hyphen is a connector).
        Assert.Equal(6, pooled.Count);
        Assert.Equal(6, fresh.Count);
        Assert.Equal("p:berg", pooled[0].PersonIds!.Single());
        Assert.Equal((0, 2), (pooled[0].TokenStart, pooled[0].TokenEnd));
        Assert.Null(pooled[0].Token);
        for (var k = 0; k < fresh.Count; k++)
        {
            Assert.Equal(fresh[k].TokenStart, pooled[k].TokenStart);
            Assert.Equal(fresh[k].TokenEnd, pooled[k].TokenEnd);
            Assert.Equal(fresh[k].Token, pooled[k].Token);
            Assert.Equal(fresh[k].KeyId, pooled[k].KeyId);
            Assert.Equal(fresh[k].TokenKeyId, pooled[k].TokenKeyId);
            Assert.Same(fresh[k].Mention, pooled[k].Mention);
            Assert.Same(fresh[k].Title, pooled[k].Title);
            Assert.Equal(fresh[k].PersonIds, pooled[k].PersonIds);
            Assert.Equal(fresh[k].IsPronoun, pooled[k].IsPronoun);
            Assert.Equal(fresh[k].Fit, pooled[k].Fit);
        }
        Assert.Equal("met", pooled[1].Token!.Value.Text);
        Assert.Equal("Oslo", pooled[^1].Token!.Value.Text);
    }

    [Fact]
    public void Build_ReusingAWordItemForAPerson_WorksOutTheSlotMaskAgain()
    {
        // Arrange: the first sentence's first item is a word whose slot mask is worked out; the second sentence puts a
        // person in that item.
        var pool = new ItemPool();
        var words = Item.Build(Sentence("met with"), k => k, pool: pool);
        var wordFit = words[0].Fit;
        var wordItem = words[0];

        // Act
        var people = Item.Build(Sentence("Anna Berg met", PersonAt(0, 2, "p:berg")), k => k, pool: pool);

        // Assert: the same object, now a person, with the person's mask (what a fresh item of that person has).
        Assert.Same(wordItem, people[0]);
        var fresh = Item.Build(Sentence("Anna Berg met", PersonAt(0, 2, "p:berg")), k => k)[0];
        Assert.Equal(fresh.Fit, people[0].Fit);
        Assert.NotEqual(wordFit, people[0].Fit);
        Assert.Equal("met", people[1].Token!.Value.Text);
    }
}
