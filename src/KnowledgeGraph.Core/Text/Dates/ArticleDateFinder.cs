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
    public const int DefaultHeaderLines = 8;

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

    [GeneratedRegex(@"^\s*[-–—:|]")]
    private static partial Regex DashAfterDatelineRegex();

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
            var line = text.AsSpan(position, Math.Min(end - position, MaxLineChars)).ToString();
            position = end + 1;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            seen++;

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

        return weekdayDate ?? updatedDate;
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
