using KnowledgeGraph.Core.Text;

namespace KnowledgeGraph.Core.Tests.Text;

public class SentenceSplitterTests
{
    private static string[] Texts(string text) => SentenceSplitter.Split(text).Select(s => s.Text).ToArray();

    [Fact]
    public void Split_TitleAndMonthAbbreviations_DoNotEndSentence()
    {
        // Arrange
        const string text = "Mr. Rutte met Gen. Cavoli on Feb. 14 in Mons. They discussed Ukraine.";

        // Act
        var sentences = Texts(text);

        // Assert
        Assert.Equal(["Mr. Rutte met Gen. Cavoli on Feb. 14 in Mons.", "They discussed Ukraine."], sentences);
    }

    [Fact]
    public void Split_StackedRankAbbreviations_StayInOneSentence()
    {
        // Arrange
        const string text = "The photo was taken by Air Force Tech. Sgt. Jack Sanders. It shows two men.";

        // Act
        var sentences = Texts(text);

        // Assert
        Assert.Equal(["The photo was taken by Air Force Tech. Sgt. Jack Sanders.", "It shows two men."], sentences);
    }

    [Fact]
    public void Split_InitialInName_DoesNotEndSentence()
    {
        // Arrange
        const string text = "Secretary Lloyd J. Austin III spoke. Reporters listened.";

        // Act
        var sentences = Texts(text);

        // Assert
        Assert.Equal(["Secretary Lloyd J. Austin III spoke.", "Reporters listened."], sentences);
    }

    [Fact]
    public void Split_Quotes_ClosingQuoteStaysWithItsSentence()
    {
        // Arrange
        const string text = "\"We stand together,\" he said. \"Thank you.\" Then he left.";

        // Act
        var sentences = Texts(text);

        // Assert
        Assert.Equal(["\"We stand together,\" he said.", "\"Thank you.\"", "Then he left."], sentences);
    }

    [Fact]
    public void Split_CurlyQuotes_SplitAfterClosingQuote()
    {
        // Arrange
        const string text = "“We will not waver.” The minister then left for Oslo.";

        // Act
        var sentences = Texts(text);

        // Assert
        Assert.Equal(["“We will not waver.”", "The minister then left for Oslo."], sentences);
    }

    [Fact]
    public void Split_LowerCaseAfterPeriod_NoSplit()
    {
        // Arrange
        const string text = "Troops arrived at 5 p.m. local time.";

        // Act
        var sentences = Texts(text);

        // Assert
        Assert.Single(sentences);
    }

    [Fact]
    public void Split_Lines_AreHardBoundaries()
    {
        // Arrange
        const string text = "Pentagon Meeting\nThe two men met at the Pentagon\n\nAustin spoke first.";

        // Act
        var sentences = SentenceSplitter.Split(text);

        // Assert
        Assert.Equal(["Pentagon Meeting", "The two men met at the Pentagon", "Austin spoke first."], sentences.Select(s => s.Text));
        Assert.Equal([0, 1, 2], sentences.Select(s => s.Index));
        Assert.Equal(text.IndexOf("Austin", StringComparison.Ordinal), sentences[2].Start);
    }

    [Theory]
    [InlineData("NATO Leader Visits Austin in Advance of Brussels Meeting", true)]
    [InlineData("Pentagon Meeting", true)]
    [InlineData("Secretary General Meets Norwegian Prime Minister in Oslo", true)]
    [InlineData("The two men met at the Pentagon in advance of the ministerial meeting.", false)]
    [InlineData("The two men met at the Pentagon in advance of the ministerial meeting", false)]
    [InlineData("Stoltenberg Met Austin.", false)]
    [InlineData("Ukraine", false)]
    public void Split_Line_HeadlineDetected(string line, bool headline)
    {
        // Arrange / Act
        var sentence = Assert.Single(SentenceSplitter.Split(line));

        // Assert
        Assert.Equal(headline, sentence.IsHeadline);
    }

    [Fact]
    public void Split_TokensOfSentence_HaveDocumentOffsets()
    {
        // Arrange
        const string text = "First one. Second one.";

        // Act
        var second = SentenceSplitter.Split(text)[1];

        // Assert
        Assert.Equal(11, second.Start);
        Assert.Equal(11, second.Tokens[0].Start);
        Assert.Equal("Second", second.Tokens[0].Text);
    }

    [Fact]
    public void Split_HardWrappedWireCopy_OneSentenceAcrossLines()
    {
        // Arrange: agency copy wrapped at about 70 characters, the sentence running over three lines.
        const string text = "HARARE, May 3 (XNA) -- The foreign ministers of Kenya and Ghana met\n" +
            "on Tuesday at the State House and agreed on a new trade committee\n" +
            "for the region.\nTalks will continue next month.";

        // Act
        var sentences = SentenceSplitter.Split(text);

        // Assert: the wrapped lines are one sentence (its tokens span the line breaks); the next line starts a new one.
        Assert.Equal(2, sentences.Count);
        Assert.EndsWith("for the region.", sentences[0].Text, StringComparison.Ordinal);
        Assert.Equal("Talks will continue next month.", sentences[1].Text);
    }

    [Fact]
    public void Split_HeadlineCaptionAndListLines_StayLinesOfTheirOwn()
    {
        // Arrange: a short headline, a list, and a long one-line paragraph: none of them is wrapped copy.
        const string text = "Ministers Meet in Accra\n" +
            "- the first item of the programme for the visit, the opening talks\n" +
            "- a dinner\n" +
            "The President received the delegation at the Jubilee House on Monday and the two sides discussed trade, security and the coming elections in the region";

        // Act
        var sentences = Texts(text);

        // Assert
        Assert.Equal(4, sentences.Length);
        Assert.Equal("Ministers Meet in Accra", sentences[0]);
    }
}
