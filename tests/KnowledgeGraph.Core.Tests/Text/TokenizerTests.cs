using KnowledgeGraph.Core.Text;

namespace KnowledgeGraph.Core.Tests.Text;

public class TokenizerTests
{
    private static string[] Texts(string text) => Tokenizer.Tokenize(text).Select(t => t.Text).ToArray();

    [Theory]
    [InlineData("the U.S. military", new[] { "the", "U.S.", "military" })]
    [InlineData("Washington, D.C., Feb. 8", new[] { "Washington", ",", "D.C.", ",", "Feb", ".", "8" })]
    [InlineData("U.N. Security Council", new[] { "U.N.", "Security", "Council" })]
    [InlineData("Lloyd J. Austin III", new[] { "Lloyd", "J.", "Austin", "III" })]
    public void Tokenize_DottedAbbreviationsAndInitials_StayOneToken(string text, string[] expected)
    {
        // Arrange / Act
        var tokens = Texts(text);

        // Assert
        Assert.Equal(expected, tokens);
    }

    [Theory]
    [InlineData("Russia's war", "Russia", "'s")]
    [InlineData("Ukraine’s army", "Ukraine", "’s")]
    [InlineData("NATO'S PLAN", "NATO", "'S")]
    public void Tokenize_Possessive_SplitsNameAndEnding(string text, string name, string ending)
    {
        // Arrange / Act
        var tokens = Tokenizer.Tokenize(text);

        // Assert
        Assert.Equal(name, tokens[0].Text);
        Assert.Equal(TokenKind.Word, tokens[0].Kind);
        Assert.Equal(ending, tokens[1].Text);
        Assert.Equal(TokenKind.Possessive, tokens[1].Kind);
        Assert.Equal("'s", tokens[1].Key);
    }

    [Fact]
    public void Tokenize_ApostropheInsideName_KeepsOneWord()
    {
        // Arrange / Act
        var tokens = Texts("O'Brien and d'Estaing");

        // Assert
        Assert.Equal(["O'Brien", "and", "d'Estaing"], tokens);
    }

    [Fact]
    public void Tokenize_Hyphenated_HyphenIsItsOwnToken()
    {
        // Arrange / Act
        var tokens = Tokenizer.Tokenize("an EU-facilitated dialogue");

        // Assert
        Assert.Equal(["an", "EU", "-", "facilitated", "dialogue"], tokens.Select(t => t.Text));
        Assert.Equal(TokenKind.Punctuation, tokens[2].Kind);
    }

    [Theory]
    [InlineData("more than 13,000 people", "13,000")]
    [InlineData("the 2nd meeting", "2nd")]
    [InlineData("the 75th anniversary", "75th")]
    [InlineData("2.5 percent", "2.5")]
    public void Tokenize_Numbers_OneNumberToken(string text, string number)
    {
        // Arrange / Act
        var tokens = Tokenizer.Tokenize(text);

        // Assert
        var n = Assert.Single(tokens, t => t.Kind == TokenKind.Number);
        Assert.Equal(number, n.Text);
    }

    [Fact]
    public void Tokenize_TrailingComma_NotPartOfNumber()
    {
        // Arrange / Act
        var tokens = Texts("in 2023, leaders");

        // Assert
        Assert.Equal(["in", "2023", ",", "leaders"], tokens);
    }

    [Theory]
    [InlineData("Leaders 👍 met 🇺🇦 today")]
    [InlineData("习近平 met Putin in 北京.")]
    [InlineData("נתניהו met بن سلمان in Riyadh")]
    [InlineData("\u200F\u200E\uFEFF\u0000")]
    [InlineData("\uD83D")]
    [InlineData("")]
    public void Tokenize_EmojiCjkRtlAndControl_DoesNotCrashAndCoversText(string text)
    {
        // Arrange / Act
        var tokens = Tokenizer.Tokenize(text);

        // Assert: every token lies inside the text and its Text is the slice it claims.
        foreach (var t in tokens)
        {
            Assert.InRange(t.Start, 0, text.Length - 1);
            Assert.Equal(text.Substring(t.Start, t.Length), t.Text);
        }
    }

    [Fact]
    public void Tokenize_Cjk_LettersFormAWord()
    {
        // Arrange / Act
        var tokens = Tokenizer.Tokenize("习近平 met Putin");

        // Assert
        Assert.Equal(["习近平", "met", "Putin"], tokens.Select(t => t.Text));
        Assert.All(tokens, t => Assert.Equal(TokenKind.Word, t.Kind));
    }

    [Fact]
    public void Tokenize_Offset_AddedToEveryStart()
    {
        // Arrange / Act
        var tokens = Tokenizer.Tokenize("in Kyiv", offset: 100);

        // Assert
        Assert.Equal([100, 103], tokens.Select(t => t.Start));
    }

    [Fact]
    public void Tokenize_Key_IsFoldedText()
    {
        // Arrange / Act
        var tokens = Tokenizer.Tokenize("Erdoğan Støre");

        // Assert
        Assert.Equal(["erdogan", "store"], tokens.Select(t => t.Key));
    }
}
