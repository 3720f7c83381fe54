using KnowledgeGraph.Core.Entities;
using KnowledgeGraph.Core.Text;

namespace KnowledgeGraph.Core.Tests.Text;

public class TokenKeysTests
{
    [Fact]
    public void Tokenize_RegisteredKey_TokenCarriesItsNumber()
    {
        // Arrange: keys are registered folded, as the tries register theirs ("Støretk" → "storetk").
        var id = TokenKeys.Intern("storetk");

        // Act
        var tokens = Tokenizer.Tokenize("Gahr Støretk spoke");

        // Assert
        Assert.Equal(id, TokenKeys.Intern("storetk"));
        Assert.Equal(id, tokens[1].KeyId);
        Assert.True(tokens[2].KeyId != id);
    }

    [Fact]
    public void Tokenize_SameWordTwice_SameNumber_CaseAndDiacriticsFolded()
    {
        // Arrange
        var id = TokenKeys.Intern("erdogantk");

        // Act
        var tokens = Tokenizer.Tokenize("Erdoğantk met ERDOGANTK and erdogantk.");

        // Assert
        Assert.Equal(id, tokens[0].KeyId);
        Assert.Equal(id, tokens[2].KeyId);
        Assert.Equal(id, tokens[4].KeyId);
        Assert.Equal(id, TokenKeys.IdOf(tokens[0]));
    }

    [Fact]
    public void IdOf_KeyRegisteredAfterTokenizing_FoundByItsText()
    {
        // Arrange: a word no table holds is tokenised first (and so kept unnumbered by the tokenizer's word cache) ...
        var before = Tokenizer.Tokenize("Zorblatt arrived")[0];
        Assert.True(before.KeyId < 0);
        Assert.Equal(-1, TokenKeys.IdOf(before));

        // Act: ... then registered, as a gazetteer loaded after the text was read would.
        var id = TokenKeys.Intern("zorblatt");
        var after = Tokenizer.Tokenize("Zorblatt arrived")[0];

        // Assert: the old token is looked up again; a new one is numbered.
        Assert.Equal(id, TokenKeys.IdOf(before));
        Assert.Equal(id, after.KeyId);
    }

    [Fact]
    public void IdOf_TokenMadeByHand_LooksTheKeyUp()
    {
        // Arrange
        var id = TokenKeys.Intern("handmadekey");
        var token = new Token(0, 11, "HandMadeKey", "handmadekey", TokenKind.Word);

        // Act / Assert
        Assert.Equal(0, token.KeyId);
        Assert.Equal(id, TokenKeys.IdOf(token));
        Assert.Equal(-1, TokenKeys.IdOf(new Token(0, 3, "Qxv", "qxvnotregistered", TokenKind.Word)));
    }

    [Fact]
    public void Possessive_AnyApostrophe_OneKeyAndNumber()
    {
        // Arrange
        var id = TokenKeys.Intern("'s");

        // Act
        var tokens = Tokenizer.Tokenize("Kenya's and Kenya’s and KENYA'S");

        // Assert
        Assert.Equal(["'s", "'s", "'s"], tokens.Where(t => t.Kind == TokenKind.Possessive).Select(t => t.Key));
        Assert.All(tokens.Where(t => t.Kind == TokenKind.Possessive), t => Assert.Equal(id, t.KeyId));
    }

    [Fact]
    public void PhraseTrie_HandMadeTokens_MatchLikeTokenizedOnes()
    {
        // Arrange
        var trie = new PhraseTrie<string>();
        trie.Add("Grand Handmade Palace", "venue");
        var tokens = new List<Token>
        {
            new(0, 5, "Grand", "grand", TokenKind.Word),
            new(6, 8, "Handmade", "handmade", TokenKind.Word),
            new(15, 6, "Palace", "palace", TokenKind.Word),
        };

        // Act
        var end = trie.LongestMatch(tokens, 0, caseSensitive: true, out var matches);

        // Assert
        Assert.Equal(3, end);
        Assert.Equal("venue", Assert.Single(matches).Value);
    }

    [Fact]
    public void PhraseTrie_SpellingMap_BritishTextFindsAmericanPhrase()
    {
        // Arrange: a gazetteer whose spelling map folds "defence" into "defense" gives its tries the same map over numbers.
        var gazetteer = new Gazetteer([], [], [], [], [], [("defense", "defence")]);
        var trie = new PhraseTrie<string>(gazetteer.NormalizeKey, gazetteer.NormalizeKeyId);
        trie.Add("Tkdefensia Defense Forces", "army");

        // Act
        var end = trie.LongestMatch(Tokenizer.Tokenize("the Tkdefensia Defence Forces"), 1, caseSensitive: true, out var matches);

        // Assert
        Assert.Equal(4, end);
        Assert.Equal("army", Assert.Single(matches).Value);
        Assert.Equal(TokenKeys.Intern("defense"), gazetteer.NormalizeKeyId(TokenKeys.Intern("defence")));
        Assert.Equal(-1, gazetteer.NormalizeKeyId(-1));
    }
}
