namespace KnowledgeGraph.Core.Text.Dates;

/// <summary>
/// A date written in a text: its position and the parts it states. A full date ("30 May 2023") stands alone; a partial
/// one ("Sept. 28", "on Thursday", "yesterday") needs an anchor, usually the article's date, to become a day.
/// </summary>
/// <param name="Start">Offset of the first character in the searched text.</param>
/// <param name="Length">Number of characters covered, including a leading weekday and any parentheses around the date.</param>
/// <param name="Year">The stated year, if any.</param>
/// <param name="Month">The stated month (1-12), if any.</param>
/// <param name="Day">The stated day of the month, if any.</param>
/// <param name="Weekday">The stated weekday, if any.</param>
/// <param name="Relative">How the expression depends on the anchor.</param>
public sealed record DateExpression(
    int Start,
    int Length,
    int? Year,
    int? Month,
    int? Day,
    DayOfWeek? Weekday,
    RelativeDay Relative)
{
    // A news report dated in early January may mention "28 December" of the year before; a day-month more than this far
    // after the anchor is taken to be in the previous year.
    private const int MaxDaysAfterAnchor = 62;

    /// <summary>True when year, month and day are all stated.</summary>
    public bool IsComplete => Year is not null && Month is not null && Day is not null;

    /// <summary>
    /// The day the expression means. A complete date is itself; a day and month take the anchor's year (or the year
    /// before, when that would put the date more than about two months after the anchor); a weekday alone is the most
    /// recent such day on or before the anchor (news reports describe the past); "today", "yesterday" and "tomorrow"
    /// count from the anchor. Without an anchor only a complete date resolves.
    /// </summary>
    /// <param name="anchor">The day the text was written, usually the article's published date.</param>
    /// <returns>The day, or null when it cannot be known.</returns>
    public DateOnly? Resolve(DateOnly? anchor)
    {
        if (IsComplete)
            return TryCreate(Year!.Value, Month!.Value, Day!.Value);
        if (anchor is not { } a)
            return null;

        switch (Relative)
        {
            case RelativeDay.Today:
                return a;
            case RelativeDay.Yesterday:
                return a.AddDays(-1);
            case RelativeDay.Tomorrow:
                return a.AddDays(1);
            case RelativeDay.Weekday when Weekday is { } w:
                return a.AddDays(-(((int)a.DayOfWeek - (int)w + 7) % 7));
            case RelativeDay.LastWeekday when Weekday is { } w:
                return a.AddDays(-((((int)a.DayOfWeek - (int)w + 6) % 7) + 1));
            case RelativeDay.NextWeekday when Weekday is { } w:
                return a.AddDays((((int)w - (int)a.DayOfWeek + 6) % 7) + 1);
            default:
                break;
        }

        if (Month is not { } month || Day is not { } day)
            return null;
        if (Year is { } year)
            return TryCreate(year, month, day);

        var sameYear = TryCreate(a.Year, month, day);
        if (sameYear is { } d && d.DayNumber - a.DayNumber <= MaxDaysAfterAnchor)
            return d;
        return TryCreate(a.Year - 1, month, day);
    }

    private static DateOnly? TryCreate(int year, int month, int day) =>
        year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : null;
}
