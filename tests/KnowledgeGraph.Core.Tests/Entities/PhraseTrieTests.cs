using KnowledgeGraph.Core.Entities;
using KnowledgeGraph.Core.Text;

namespace KnowledgeGraph.Core.Tests.Entities;

public class PhraseTrieTests
{
    private static (int End, List<PhraseMatch<string>> Matches) Find(PhraseTrie<string> trie, string text, int start = 0, bool caseSensitive = true)
    {
        var end = trie.LongestMatch(Tokenizer.Tokenize(text), start, caseSensitive, out var matches);
        return (end, matches);
    }

    [Fact]
    public void LongestMatch_PrefixAndLongerPhrase_PrefersLonger()
    {
        // Arrange
        var trie = new PhraseTrie<string>();
        trie.Add("NATO", "org");
        trie.Add("NATO headquarters", "venue");

        // Act
        var (end, matches) = Find(trie, "at NATO headquarters in Brussels", start: 1);

        // Assert
        Assert.Equal(3, end);
        Assert.Equal("venue", Assert.Single(matches).Value);
    }

    [Fact]
    public void LongestMatch_LongerPhraseIncomplete_FallsBackToShorter()
    {
        // Arrange
        var trie = new PhraseTrie<string>();
        trie.Add("United States", "us");
        trie.Add("United States Army Europe", "army");

        // Act
        var (end, matches) = Find(trie, "United States Army officers");

        // Assert
        Assert.Equal(2, end);
        Assert.Equal("us", Assert.Single(matches).Value);
    }

    [Theory]
    [InlineData("NATO", true)]
    [InlineData("nato", false)]
    [InlineData("Nato", false)]
    public void LongestMatch_Acronym_NeedsAllCapitals(string text, bool found)
    {
        // Arrange
        var trie = new PhraseTrie<string>();
        trie.Add("NATO", "org");

        // Act
        var (end, _) = Find(trie, text);

        // Assert
        Assert.Equal(found ? 1 : -1, end);
    }

    [Theory]
    [InlineData("Turkey", true)]
    [InlineData("TURKEY", true)]
    [InlineData("turkey", false)]
    public void LongestMatch_CapitalisedAlias_NeedsCapitalisedText(string text, bool found)
    {
        // Arrange
        var trie = new PhraseTrie<string>();
        trie.Add("Turkey", "country");

        // Act
        var (end, _) = Find(trie, text);

        // Assert
        Assert.Equal(found ? 1 : -1, end);
    }

    [Fact]
    public void LongestMatch_CaseInsensitive_IgnoresShapes()
    {
        // Arrange
        var trie = new PhraseTrie<string>();
        trie.Add("NATO", "org");

        // Act
        var (end, _) = Find(trie, "nato", caseSensitive: false);

        // Assert
        Assert.Equal(1, end);
    }

    [Theory]
    [InlineData("Secretary-General", "Secretary General")]
    [InlineData("Secretary General", "Secretary-General")]
    [InlineData("Secretary General", "Secretary - General")]
    public void LongestMatch_Hyphen_SameAsSpace(string stored, string text)
    {
        // Arrange
        var trie = new PhraseTrie<string>();
        trie.Add(stored, "title");

        // Act
        var (end, matches) = Find(trie, text + " Guterres");

        // Assert
        Assert.Equal(text.Contains('-', StringComparison.Ordinal) ? 3 : 2, end);
        Assert.Equal("title", Assert.Single(matches).Value);
    }

    [Fact]
    public void LongestMatch_StartOnHyphen_NoMatch()
    {
        // Arrange
        var trie = new PhraseTrie<string>();
        trie.Add("EU", "org");

        // Act
        var (end, _) = Find(trie, "- EU", start: 0);

        // Assert
        Assert.Equal(-1, end);
    }

    [Theory]
    [InlineData("the U.N. Security Council", 1, 2)]
    [InlineData("the u.n. agency", 1, -1)]
    [InlineData("the UN agency", 1, -1)]
    public void LongestMatch_DottedEntry_MatchesDottedCapitals(string text, int start, int expectedEnd)
    {
        // Arrange
        var trie = new PhraseTrie<string>();
        trie.Add("U.N.", "un");

        // Act
        var (end, _) = Find(trie, text, start);

        // Assert
        Assert.Equal(expectedEnd, end);
    }

    [Fact]
    public void LongestMatch_FoldedDiacritics_Match()
    {
        // Arrange
        var trie = new PhraseTrie<string>();
        trie.Add("Jonas Gahr Støre", "pm");
        trie.Add("Recep Tayyip Erdoğan", "president");

        // Act
        var store = Find(trie, "Jonas Gahr Store");
        var erdogan = Find(trie, "Recep Tayyip Erdogan");

        // Assert
        Assert.Equal(3, store.End);
        Assert.Equal(3, erdogan.End);
    }

    [Fact]
    public void LongestMatch_NormalizeKey_BritishMatchesAmerican()
    {
        // Arrange
        var trie = new PhraseTrie<string>(k => k == "defence" ? "defense" : k);
        trie.Add("Defense Ministry", "mod");

        // Act
        var (end, _) = Find(trie, "Defence Ministry officials");

        // Assert
        Assert.Equal(2, end);
    }

    [Fact]
    public void LongestMatch_SamePhraseTwice_ReturnsBothValues()
    {
        // Arrange
        var trie = new PhraseTrie<string>();
        trie.Add("Georgia", "country:ge");
        trie.Add("Georgia", "us-state");

        // Act
        var (_, matches) = Find(trie, "Georgia");

        // Assert
        Assert.Equal(["country:ge", "us-state"], matches.Select(m => m.Value));
        Assert.Equal(2, trie.Count);
    }

    [Fact]
    public void LongestMatch_NoEntry_MinusOneAndEmpty()
    {
        // Arrange
        var trie = new PhraseTrie<string>();
        trie.Add("Kyiv", "city");

        // Act
        var (end, matches) = Find(trie, "Lviv");

        // Assert
        Assert.Equal(-1, end);
        Assert.Empty(matches);
    }
}
