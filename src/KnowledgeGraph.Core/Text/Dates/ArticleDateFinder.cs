using System.Text.RegularExpressions;

namespace KnowledgeGraph.Core.Text.Dates;

/// <summary>
/// Finds the date an article states for itself, in its header: a date line ("30 May. 2023 -", "Published: Feb. 8, 2023",
/// "Last updated: 30 May. 2023 18:18"), a dateline ("BRUSSELS, 30 May 2023 – ..."), or a weekday with a full date in
/// the lead ("on Thursday (28 September 2023)").
/// </summary>
/// <remarks>
/// Only complete dates count, and only within the first lines: a partial date ("Thursday, September 28") or a date in a
/// photo caption further down says nothing reliable about the article. Run it on text after boilerplate removal, so a
/// web page's banner lines do not use up the header window; the boilerplate list must therefore keep date lines.
/// </remarks>
public static partial class ArticleDateFinder
{
    /// <summary>How many non-blank lines from the top count as the header.</summary>
    public const int DefaultHeaderLines = 14;

    // Words a date line may carry besides the date itself: labels, bullets, times, a short byline or place name.
    private const int MaxOtherWordsOnDateLine = 6;

    // A header line longer than this is a paragraph; only its opening is searched.
    private const int MaxLineChars = 4_000;

    [GeneratedRegex(
        @"\b(?:\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?|[ap]\.m\.|(?:published|posted|updated|last|modified|date|dated|released|issued|created|first|on|at|utc|gmt|cet|cest|bst|est|edt|et|pt|pst|pdt)\b)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LabelOrTimeRegex();

    [GeneratedRegex(@"\b(?:updated|modified)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UpdatedRegex();

    [GeneratedRegex(@"\p{L}[\p{L}\p{Mn}'’.-]*")]
    private static partial Regex WordRegex();

    // The dash after a dateline's date, perhaps after an agency tag: "— ", ", SPA --", " (NWS) —", ":".
    [GeneratedRegex(@"^\s*(?:,\s*\p{Lu}[\p{Lu}\p{Ll}.]{1,12}\s*|\(\p{Lu}[\p{L}.]{1,12}\)\s*)?[-–—:|]")]
    private static partial Regex DashAfterDatelineRegex();

    [GeneratedRegex(@"(?<![\d.,])(?:19|20)\d\d(?![\d])")]
    private static partial Regex YearRegex();

    /// <summary>Finds the article's own date in the first <paramref name="headerLines"/> non-blank lines of <paramref name="text"/>.</summary>
    /// <param name="text">The article text (one paragraph per line).</param>
    /// <param name="headerLines">How many non-blank lines to search.</param>
    /// <returns>The date, or null when the header does not state a full date.</returns>
    public static DateOnly? Find(string text, int headerLines = DefaultHeaderLines)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(headerLines);

        DateOnly? weekdayDate = null;
        DateOnly? updatedDate = null;
        var seen = 0;
        var position = 0;
        while (seen < headerLines && position < text.Length)
        {
            var end = text.IndexOf('\n', position);
            if (end < 0)
                end = text.Length;
            var span = text.AsSpan(position, Math.Min(end - position, MaxLineChars));
            position = end + 1;
            if (span.IsWhiteSpace())
                continue;
            seen++;

            // A complete date has a year, four digits in a row: a line without them (most paragraphs of the lead) has none,
            // and is not copied out of the text.
            if (!HasFourDigits(span))
                continue;
            var line = span.ToString();
            var complete = DateExpressionFinder.Find(line).Where(e => e.IsComplete).ToList();
            if (complete.Count == 0)
                continue;

            if (IsDateLine(line, complete) || IsDateline(line, complete[0]))
            {
                var date = complete[0].Resolve(null);
                // "Last updated" is a fallback: a page can be revised long after it was published.
                if (!UpdatedRegex().IsMatch(line.AsSpan(0, complete[0].Start)))
                    return date;
                updatedDate ??= date;
                continue;
            }

            weekdayDate ??= complete.FirstOrDefault(e => e.Weekday is not null)?.Resolve(null);
        }

        return weekdayDate ?? updatedDate ?? DatelineWithoutYear(text, headerLines);
    }

    /// <summary>
    /// Wire copy often dates its dateline without a year ("TEL AVIV, Oct 18 (NWS) — ... on Wednesday"). When the dateline
    /// sentence also names the weekday, the year is the one, from the latest year the article mentions to two after it,
    /// on which that day falls on that weekday; none when the article names no year or no single year fits.
    /// </summary>
    private static DateOnly? DatelineWithoutYear(string text, int headerLines)
    {
        if (LatestYear(text) is not { } latest || YearlessDateline(text, headerLines) is not { } d)
            return null;
        return OnlyYearFitting(latest, latest + 2, d.Month, d.Day, d.Weekday) is { } year ? new DateOnly(year, d.Month, d.Day) : null;
    }

    /// <summary>
    /// The day and month of a dateline written without a year ("TEL AVIV, Oct 18 (NWS) —"), with the weekday its lead
    /// gives for the event ("on Wednesday"): the years it may fall in are those in which that day is that weekday. Null
    /// when the header has no such dateline or its sentence names no weekday.
    /// </summary>
    /// <param name="text">The article text (one paragraph per line).</param>
    /// <param name="headerLines">How many non-blank lines to search.</param>
    /// <returns>The month, day and weekday, or null.</returns>
    public static (int Month, int Day, DayOfWeek Weekday)? YearlessDateline(string text, int headerLines = DefaultHeaderLines)
    {
        ArgumentNullException.ThrowIfNull(text);
        var seen = 0;
        // Line by line through the header only: every undated article comes here, and its body need not be split.
        for (var lineStart = 0; lineStart <= text.Length;)
        {
            var end = text.IndexOf('\n', lineStart);
            if (end < 0)
                end = text.Length;
            var line = text.Substring(lineStart, Math.Min(end - lineStart, MaxLineChars));
            var start = lineStart;
            lineStart = end + 1;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            if (++seen > headerLines)
                break;
            if (DateExpressionFinder.Find(line).FirstOrDefault(e => e is { Year: null, Month: not null, Day: not null }) is not { } partial || !IsDateline(line, partial))
                continue;
            // The weekday the lead gives for the event ("on Wednesday"), in the dateline's sentence even when the copy is
            // wrapped over several lines.
            var from = start + partial.Start + partial.Length;
            var lead = text.Substring(from, Math.Min(600, text.Length - from)).Replace('\n', ' ');
            // (The sentence splitter knows that "U.S. President" does not end it.)
            var sentence = SentenceSplitter.Split(lead).FirstOrDefault()?.Text ?? lead;
            var weekday = DateExpressionFinder.Find(sentence).FirstOrDefault(e => e.Relative == RelativeDay.Weekday)?.Weekday;
            return weekday is { } w ? (partial.Month!.Value, partial.Day!.Value, w) : null;
        }
        return null;
    }

    // Four decimal digits in a row (any script: the date pattern's \d is any Unicode decimal digit).
    internal static bool HasFourDigits(ReadOnlySpan<char> line)
    {
        var run = 0;
        foreach (var c in line)
        {
            run = char.IsDigit(c) ? run + 1 : 0;
            if (run == 4)
                return true;
        }
        return false;
    }

    // The latest year the text names, if any.
    private static int? LatestYear(string text)
    {
        int? latest = null;
        foreach (Match m in YearRegex().Matches(text))
        {
            var y = int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture);
            if (latest is null || y > latest)
                latest = y;
        }
        return latest;
    }

    // The one year from first to last (inclusive) in which the day of the month falls on the weekday; null when none or
    // several do.
    private static int? OnlyYearFitting(int first, int last, int month, int day, DayOfWeek weekday)
    {
        int? found = null;
        for (var y = first; y <= last; y++)
        {
            if (day > DateTime.DaysInMonth(y, month) || new DateOnly(y, month, day).DayOfWeek != weekday)
                continue;
            if (found is not null)
                return null;
            found = y;
        }
        return found;
    }

    /// <summary>
    /// The year of an undated article's story, when its text says it without a header date: a day written with its weekday
    /// and month but no year ("on the morning of Tuesday, 21 January"), in a text that names a year ("the 2014 session"),
    /// falls on that weekday in one year only, from the year before the latest year named to two after it. Null when no
    /// such day is written, no year is named, or more or fewer than one year fits.
    /// </summary>
    /// <param name="text">The article text.</param>
    /// <returns>The year, or null.</returns>
    public static int? YearOfNarrative(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (LatestYear(text) is not { } latest)
            return null;
        foreach (var line in text.Split('\n'))
        {
            if (DateExpressionFinder.Find(line.Length > MaxLineChars ? line[..MaxLineChars] : line)
                    .FirstOrDefault(e => e is { Year: null, Month: not null, Day: not null, Weekday: not null }) is not { } e)
                continue;
            return OnlyYearFitting(latest - 1, latest + 2, e.Month!.Value, e.Day!.Value, e.Weekday!.Value);
        }
        return null;
    }

    // A line that is a date and little else: "• 30 May. 2023 -", "Published: Feb. 8, 2023 | 10:30 a.m. ET".
    private static bool IsDateLine(string line, List<DateExpression> dates)
    {
        var rest = line;
        for (var i = dates.Count - 1; i >= 0; i--)
            rest = rest.Remove(dates[i].Start, dates[i].Length);
        rest = LabelOrTimeRegex().Replace(rest, " ");
        return WordRegex().Count(rest) <= MaxOtherWordsOnDateLine;
    }

    // A dateline opening the lead: "WASHINGTON, Feb. 8, 2023 — The secretary ...".
    private static bool IsDateline(string line, DateExpression first) =>
        WordRegex().Count(line.AsSpan(0, first.Start)) <= 3 &&
        DashAfterDatelineRegex().IsMatch(line.AsSpan(first.Start + first.Length));
}
