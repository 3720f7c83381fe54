using KnowledgeGraph.Core.Text.Dates;

namespace KnowledgeGraph.Core.Tests.Dates;

public class ArticleDateFinderTests
{
    [Theory]
    [InlineData("Headline here\n\n  • 30 May. 2023 -\n  • |\n  • Last updated: 30 May. 2023 18:18\n\nText.", "2023-05-30")]
    [InlineData("Headline here\nPublished: Feb. 8, 2023 | 10:30 a.m. ET\nText of the story.", "2023-02-08")]
    [InlineData("Headline\nBy Jim Smith, DOD News\nFeb. 8, 2023\nText.", "2023-02-08")]
    [InlineData("Headline\nWASHINGTON, Feb. 8, 2023 — The secretary met the minister on Tuesday.", "2023-02-08")]
    [InlineData("Headline\nThe minister visited Kyiv on Thursday (28 September 2023), underscoring support.", "2023-09-28")]
    [InlineData("Headline\nPosted 2023-02-08\nText.", "2023-02-08")]
    public void Find_HeaderStatesDate_ReturnsIt(string text, string expected)
    {
        // Act
        var date = ArticleDateFinder.Find(text);

        // Assert
        Assert.Equal(DateOnly.ParseExact(expected, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), date);
    }

    [Fact]
    public void Find_PublishedAndUpdated_PrefersPublished()
    {
        // Arrange
        const string text = "Headline\nLast updated: 3 June 2023 10:00\nPublished: 30 May 2023\nText.";

        // Act / Assert
        Assert.Equal(new DateOnly(2023, 5, 30), ArticleDateFinder.Find(text));
    }

    [Fact]
    public void Find_OnlyUpdated_ReturnsUpdated()
    {
        // Act / Assert
        Assert.Equal(new DateOnly(2023, 6, 3), ArticleDateFinder.Find("Headline\nLast updated: 3 June 2023 10:00\nText."));
    }

    [Theory]
    [InlineData("Headline\nThe minister visited Kyiv on Thursday, September 28, to underscore support.")]
    [InlineData("Headline\nThe secretary speaks with the minister in the hall outside his office, Washington, Feb. 8, 2023.")]
    [InlineData("Headline\nThe plan runs until 30 May 2026 and will cost more.")]
    [InlineData("Headline\nNo dates at all.")]
    [InlineData("")]
    public void Find_NoStatedDate_ReturnsNull(string text)
    {
        // Act / Assert
        Assert.Null(ArticleDateFinder.Find(text));
    }

    [Fact]
    public void Find_DateLineBelowHeader_ReturnsNull()
    {
        // Arrange: the date line is the tenth non-blank line.
        var text = string.Join('\n', Enumerable.Range(1, 9).Select(i => $"Paragraph {i} of the story.")) + "\n30 May 2023";

        // Act / Assert
        Assert.Null(ArticleDateFinder.Find(text));
    }
}
