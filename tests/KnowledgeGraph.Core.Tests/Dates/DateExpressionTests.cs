using KnowledgeGraph.Core.Text.Dates;

namespace KnowledgeGraph.Core.Tests.Dates;

public class DateExpressionTests
{
    // 2023-05-31 was a Wednesday.
    private static readonly DateOnly Anchor = new(2023, 5, 31);

    private static DateExpression Partial(int month, int day) => new(0, 1, null, month, day, null, RelativeDay.None);

    private static DateExpression Relative(RelativeDay relative, DayOfWeek? weekday = null) =>
        new(0, 1, null, null, null, weekday, relative);

    [Fact]
    public void Resolve_CompleteDate_ReturnsItselfWithOrWithoutAnchor()
    {
        // Arrange
        var e = new DateExpression(0, 1, 2020, 2, 29, null, RelativeDay.None);

        // Act / Assert
        Assert.Equal(new DateOnly(2020, 2, 29), e.Resolve(null));
        Assert.Equal(new DateOnly(2020, 2, 29), e.Resolve(Anchor));
    }

    [Fact]
    public void Resolve_DayMonthBeforeAnchor_TakesAnchorYear()
    {
        // Act / Assert
        Assert.Equal(new DateOnly(2023, 2, 6), Partial(2, 6).Resolve(Anchor));
    }

    [Fact]
    public void Resolve_DayMonthShortlyAfterAnchor_TakesAnchorYear()
    {
        // Act / Assert: 11 July is 41 days after the anchor, an announced event.
        Assert.Equal(new DateOnly(2023, 7, 11), Partial(7, 11).Resolve(Anchor));
    }

    [Fact]
    public void Resolve_DayMonthMonthsAfterAnchor_TakesPreviousYear()
    {
        // Act / Assert: "28 December" in a report of 5 January is last December.
        Assert.Equal(new DateOnly(2022, 12, 28), Partial(12, 28).Resolve(new DateOnly(2023, 1, 5)));
    }

    [Fact]
    public void Resolve_PartialWithoutAnchor_ReturnsNull()
    {
        // Act / Assert
        Assert.Null(Partial(2, 6).Resolve(null));
        Assert.Null(Relative(RelativeDay.Today).Resolve(null));
        Assert.Null(Relative(RelativeDay.Weekday, DayOfWeek.Monday).Resolve(null));
    }

    [Theory]
    [InlineData(RelativeDay.Today, null, "2023-05-31")]
    [InlineData(RelativeDay.Yesterday, null, "2023-05-30")]
    [InlineData(RelativeDay.Tomorrow, null, "2023-06-01")]
    [InlineData(RelativeDay.Weekday, DayOfWeek.Wednesday, "2023-05-31")]
    [InlineData(RelativeDay.Weekday, DayOfWeek.Tuesday, "2023-05-30")]
    [InlineData(RelativeDay.Weekday, DayOfWeek.Thursday, "2023-05-25")]
    [InlineData(RelativeDay.LastWeekday, DayOfWeek.Wednesday, "2023-05-24")]
    [InlineData(RelativeDay.LastWeekday, DayOfWeek.Tuesday, "2023-05-30")]
    [InlineData(RelativeDay.NextWeekday, DayOfWeek.Wednesday, "2023-06-07")]
    [InlineData(RelativeDay.NextWeekday, DayOfWeek.Friday, "2023-06-02")]
    public void Resolve_RelativeDay_CountsFromAnchor(RelativeDay relative, DayOfWeek? weekday, string expected)
    {
        // Act
        var resolved = Relative(relative, weekday).Resolve(Anchor);

        // Assert
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), resolved);
    }

    [Fact]
    public void Resolve_TwentyNinthFebruaryInCommonYear_ReturnsNull()
    {
        // Act / Assert: 29 February resolved against a 2023 anchor: 2023 and 2022 have no such day.
        Assert.Null(Partial(2, 29).Resolve(Anchor));
    }
}
