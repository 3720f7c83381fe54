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
    [InlineData("Headline\n04.07.2022\nThe minister met his counterpart.", "2022-07-04")]
    [InlineData("Headline\nLagos, 3 May 2021, NAN -- The governor met the envoy on Monday.", "2021-05-03")]
    [InlineData("Headline\nSUVA (Fiji), 9 March 2022 (AFP) — The minister arrived.", "2022-03-09")]
    // Wire copy without a year: the weekday of the lead and the article's latest year (2019) fix it (8 March 2021 was a
    // Monday; 2019 and 2020 put it on a Friday and a Sunday), even when the lead is wrapped over two lines.
    [InlineData("Headline\nHARARE, March 8 (XNA) -- The two ministers met\non Monday, two years after their 2019 talks.", "2021-03-08")]
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
    // No year anywhere in the article: a dateline's day and month cannot be placed.
    [InlineData("Headline\nHARARE, March 8 (XNA) -- The two ministers met on Monday.")]
    [InlineData("")]
    public void Find_NoStatedDate_ReturnsNull(string text)
    {
        // Act / Assert
        Assert.Null(ArticleDateFinder.Find(text));
    }

    [Fact]
    public void Find_DateLineBelowHeader_ReturnsNull()
    {
        // Arrange: the date line is the sixteenth non-blank line, below the 14-line header (a government page's menus can
        // push its date line a dozen lines down; a date further on belongs to the story).
        var text = string.Join('\n', Enumerable.Range(1, 15).Select(i => $"Paragraph {i} of the story.")) + "\n30 May 2023";

        // Act / Assert
        Assert.Null(ArticleDateFinder.Find(text));
    }

    [Fact]
    public void YearOfNarrative_WeekdayDayMonthAndANamedYear_TheYearTheWeekdayFits()
    {
        // Arrange: 21 January fell on a Monday in 2013, a Tuesday in 2014, a Wednesday in 2015 and a Thursday in 2016.
        const string text = "Activities of the Secretary-General, 21-24 January\nHe reached Geneva on the morning of Tuesday, 21 January.\nHe opened the 2014 session of the Conference.";

        // Act / Assert
        Assert.Equal(2014, ArticleDateFinder.YearOfNarrative(text));
    }

    [Theory]
    // Sunday, 21 January: no year from 2013 to 2016 fits.
    [InlineData("He reached Geneva on Sunday, 21 January.\nHe opened the 2014 session.")]
    // No year named anywhere.
    [InlineData("He reached Geneva on Tuesday, 21 January.\nHe opened the session.")]
    // A day without its weekday says nothing about the year.
    [InlineData("He reached Geneva on 21 January.\nHe opened the 2014 session.")]
    public void YearOfNarrative_NothingToFitTheYearBy_Null(string text)
    {
        // Act / Assert
        Assert.Null(ArticleDateFinder.YearOfNarrative(text));
    }
}

public class ArticleDateFinderSkipTests
{
    [Theory]
    [InlineData("2023", true)]
    [InlineData("in 2023.", true)]
    [InlineData("٢٠٢٣", true)]
    [InlineData("20 23", false)]
    [InlineData("123", false)]
    [InlineData("", false)]
    public void HasFourDigits_DigitsInARow(string line, bool expected) => Assert.Equal(expected, ArticleDateFinder.HasFourDigits(line));

    [Fact]
    public void HasFourDigits_False_FinderFindsNoCompleteDate()
    {
        // Arrange: header-like lines full of near-dates; a line the finder's skip passes over must have no complete date.
        var random = new Random(90);
        string[] parts = ["30", "May", "May.", "2023", "202", "Feb.", "8,", "Thursday", "(28", "September", "23)", "-", "2023-02-08", "31.08.2023", "02/28/2023", "4.7.22", "٢٠٢٣", "on", "Published:"];
        for (var n = 0; n < 20000; n++)
        {
            var line = string.Join(' ', Enumerable.Range(0, random.Next(1, 8)).Select(_ => parts[random.Next(parts.Length)]));
            if (!ArticleDateFinder.HasFourDigits(line))
                Assert.DoesNotContain(KnowledgeGraph.Core.Text.Dates.DateExpressionFinder.Find(line), e => e.IsComplete);
        }
    }
}
