using KnowledgeGraph.Core.Text.Dates;

namespace KnowledgeGraph.Core.Tests.Dates;

public class DateExpressionFinderTests
{
    [Theory]
    [InlineData("met on 30 May 2023 in Oslo", "30 May 2023", 2023, 5, 30)]
    [InlineData("• 30 May. 2023 -", "30 May. 2023", 2023, 5, 30)]
    [InlineData("on May 30, 2023, he said", "May 30, 2023", 2023, 5, 30)]
    [InlineData("the Pentagon, Feb. 8, 2023.", "Feb. 8, 2023", 2023, 2, 8)]
    [InlineData("Feb 8 2023", "Feb 8 2023", 2023, 2, 8)]
    [InlineData("8 Feb 2023", "8 Feb 2023", 2023, 2, 8)]
    [InlineData("the 28th of September 2023", "28th of September 2023", 2023, 9, 28)]
    [InlineData("Sept. 28, 2023", "Sept. 28, 2023", 2023, 9, 28)]
    [InlineData("SEPT. 28, 2023", "SEPT. 28, 2023", 2023, 9, 28)]
    [InlineData("dated 2023-02-08T10:00Z", "2023-02-08", 2023, 2, 8)]
    [InlineData("filed 02/28/2023", "02/28/2023", 2023, 2, 28)]
    [InlineData("filed 28/02/2023", "28/02/2023", 2023, 2, 28)]
    [InlineData("filed 05/05/2023", "05/05/2023", 2023, 5, 5)]
    public void Find_CompleteDate_ReturnsItsPartsAndSpan(string text, string expected, int year, int month, int day)
    {
        // Act
        var found = DateExpressionFinder.Find(text);

        // Assert
        var e = Assert.Single(found);
        Assert.Equal(expected, text.Substring(e.Start, e.Length));
        Assert.True(e.IsComplete);
        Assert.Equal(new DateOnly(year, month, day), e.Resolve(null));
    }

    [Theory]
    [InlineData("hit the country Feb. 6. News", "Feb. 6", 2, 6)]
    [InlineData("on September 28 the", "September 28", 9, 28)]
    [InlineData("on 28 September the", "28 September", 9, 28)]
    [InlineData("by Sept. 28", "Sept. 28", 9, 28)]
    [InlineData("Sept 28", "Sept 28", 9, 28)]
    [InlineData("Feb 29", "Feb 29", 2, 29)]
    public void Find_DayAndMonth_ReturnsPartialDate(string text, string expected, int month, int day)
    {
        // Act
        var e = Assert.Single(DateExpressionFinder.Find(text));

        // Assert
        Assert.Equal(expected, text.Substring(e.Start, e.Length));
        Assert.False(e.IsComplete);
        Assert.Null(e.Year);
        Assert.Equal(month, e.Month);
        Assert.Equal(day, e.Day);
        Assert.Null(e.Resolve(null));
    }

    [Fact]
    public void Find_WeekdayWithParenthesisedDate_ReturnsOneExpression()
    {
        // Arrange
        const string text = "visited Kyiv on Thursday (28 September 2023), underscoring";

        // Act
        var e = Assert.Single(DateExpressionFinder.Find(text));

        // Assert
        Assert.Equal("Thursday (28 September 2023)", text.Substring(e.Start, e.Length));
        Assert.Equal(DayOfWeek.Thursday, e.Weekday);
        Assert.Equal(new DateOnly(2023, 9, 28), e.Resolve(null));
    }

    [Fact]
    public void Find_WeekdayCommaMonthDay_ReturnsOnePartialExpression()
    {
        // Arrange
        const string text = "in Kyiv on Thursday, September 28, to underscore";

        // Act
        var e = Assert.Single(DateExpressionFinder.Find(text));

        // Assert
        Assert.Equal("Thursday, September 28", text.Substring(e.Start, e.Length));
        Assert.Equal(DayOfWeek.Thursday, e.Weekday);
        Assert.Equal(9, e.Month);
        Assert.Equal(28, e.Day);
        Assert.False(e.IsComplete);
    }

    [Theory]
    [InlineData("met on Tuesday in Oslo", "Tuesday", RelativeDay.Weekday, DayOfWeek.Tuesday)]
    [InlineData("met last Friday in Oslo", "last Friday", RelativeDay.LastWeekday, DayOfWeek.Friday)]
    [InlineData("meets next Monday", "next Monday", RelativeDay.NextWeekday, DayOfWeek.Monday)]
    [InlineData("Thursday’s visit", "Thursday", RelativeDay.Weekday, DayOfWeek.Thursday)]
    public void Find_WeekdayName_ReturnsRelativeWeekday(string text, string expected, RelativeDay relative, DayOfWeek weekday)
    {
        // Act
        var e = Assert.Single(DateExpressionFinder.Find(text));

        // Assert
        Assert.Equal(expected, text.Substring(e.Start, e.Length));
        Assert.Equal(relative, e.Relative);
        Assert.Equal(weekday, e.Weekday);
    }

    [Theory]
    [InlineData("said in Brussels today.", "today", RelativeDay.Today)]
    [InlineData("Yesterday, the minister", "Yesterday", RelativeDay.Yesterday)]
    [InlineData("will meet tomorrow", "tomorrow", RelativeDay.Tomorrow)]
    public void Find_RelativeWord_ReturnsRelativeDay(string text, string expected, RelativeDay relative)
    {
        // Act
        var e = Assert.Single(DateExpressionFinder.Find(text));

        // Assert
        Assert.Equal(expected, text.Substring(e.Start, e.Length));
        Assert.Equal(relative, e.Relative);
    }

    [Theory]
    [InlineData("Allies may 30 times over decide")]
    [InlineData("reach the 2 percent target by 2026.")]
    [InlineData("They will March on the capital.")]
    [InlineData("the march 3 kilometres long")]
    [InlineData("in May 2023 the talks")]
    [InlineData("on 30 February 2023")]
    [InlineData("on Feb. 30")]
    [InlineData("VIRIN: 230208-D-XI929-3001")]
    [InlineData("filed 02/08/2023")]
    [InlineData("the Mayor spoke")]
    [InlineData("on tuesdays and Tuesdays")]
    [InlineData("some 1,200 May sign")]
    public void Find_NotADate_ReturnsNothing(string text)
    {
        // Act
        var found = DateExpressionFinder.Find(text);

        // Assert
        Assert.Empty(found);
    }

    [Fact]
    public void Find_SeveralDates_ReturnsThemInOrder()
    {
        // Arrange
        const string text = "On Tuesday (30 May 2023) he said the talks of May 2, and yesterday's, went well.";

        // Act
        var found = DateExpressionFinder.Find(text);

        // Assert
        Assert.Collection(found,
            e => Assert.Equal(new DateOnly(2023, 5, 30), e.Resolve(null)),
            e => Assert.Equal((5, 2), (e.Month!.Value, e.Day!.Value)),
            e => Assert.Equal(RelativeDay.Yesterday, e.Relative));
    }

    [Fact]
    public void Find_ArabicIndicDigits_ReadAsTheirValues()
    {
        // Arrange: "٣" is ARABIC-INDIC DIGIT THREE (U+0663); the pattern's \d matches it, int.Parse would throw.
        const string text = "Cairo, \u0663 May 2023";

        // Act
        var found = DateExpressionFinder.Find(text);

        // Assert
        Assert.Equal(new DateOnly(2023, 5, 3), Assert.Single(found).Resolve(null));
    }
}
