namespace KnowledgeGraph.Core.Text.Dates;

/// <summary>How a date expression depends on the day it was written (the anchor, usually the article's date).</summary>
public enum RelativeDay
{
    /// <summary>An absolute date, full or partial ("30 May 2023", "Sept. 28").</summary>
    None,
    /// <summary>"today", "tonight": the anchor itself.</summary>
    Today,
    /// <summary>"yesterday": the day before the anchor.</summary>
    Yesterday,
    /// <summary>"tomorrow": the day after the anchor.</summary>
    Tomorrow,
    /// <summary>A weekday name alone ("on Tuesday"): the most recent such day on or before the anchor.</summary>
    Weekday,
    /// <summary>"last Tuesday": the most recent such day strictly before the anchor.</summary>
    LastWeekday,
    /// <summary>"next Tuesday": the first such day strictly after the anchor.</summary>
    NextWeekday,
}
