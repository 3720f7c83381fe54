using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace KnowledgeGraph.Core.Text.Dates;

/// <summary>
/// Finds the English date expressions news articles use: "30 May 2023", "30 May. 2023", "May 30, 2023", "Feb. 8 2023",
/// "Sept. 28", "28 September", "Thursday, September 28", "Thursday (28 September 2023)", "2023-02-08", "on Tuesday",
/// "last Friday", "today", "yesterday", "tomorrow", "31.08.2023".
/// </summary>
/// <remarks>
/// Month and weekday names must be capitalised (or all capitals), and a month counts only next to a day number, so the
/// verb "may", "March on" and "by 2026" are not dates. A slash date ("02/08/2023") is taken only when it reads the same
/// or can only be read one way (one number above 12); "02/08/2023" is skipped as ambiguous. Dates that do not exist
/// (30 February) are not returned. Month-year ("May 2023") and bare years are out of scope.
/// </remarks>
public static partial class DateExpressionFinder
{
    private const string MonthNames =
        "January|February|March|April|May|June|July|August|September|October|November|December|" +
        "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec";

    private const string WeekdayNames =
        "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun";

    private const string FullWeekdayNames = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday";

    // The day must not be part of a longer number ("1,200 May"), the year not followed by more digits.
    private const string DayPart = @"(?<![\d,.])(?<d>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)";
    private const string YearPart = @"(?<y>(?:1[6-9]|20|21)\d\d)(?!\d)";
    private const string MonthPart = @"(?<m>(?:" + MonthNames + @"))\b\.?";

    private const string CoreDate =
        "(?:" +
        DayPart + @"\s+(?:of\s+)?" + MonthPart + @",?\s+" + YearPart + "|" +         // 30 May. 2023, 28th of September 2023
        MonthPart + @"\s+" + DayPart + @",?\s+" + YearPart + "|" +                    // May 30, 2023, Feb 8 2023
        DayPart + @"\s+(?:of\s+)?" + MonthPart + "|" +                                // 28 September
        MonthPart + @"\s+" + DayPart + "|" +                                          // Sept. 28
        @"(?<![\w-])" + YearPart + @"-(?<mn>[01]\d)-(?<d>[0-3]\d)(?![\d-])|" +        // 2023-02-08
        @"(?<![\w.])(?<d>[0-3]?\d)\.(?<mn>[01]?\d)\." + YearPart + @"(?![.\d])|" +       // 31.08.2023 (day first, as Europe writes it)
        @"(?<![\w/.])(?<a>[01]?\d|[23]\d)/(?<b>[0-3]?\d)/" + YearPart + @"(?![/\d])" + // 02/28/2023, 28/02/2023
        ")";

    private const string DatePattern =
        @"(?<![\w])(?:(?<wd>" + WeekdayNames + @")\b\.?(?:,\s*|\s+(?:the\s+)?|\s*\((?<paren>)\s*))?" + CoreDate + @"(?(paren)\s*\))";

    [GeneratedRegex(DatePattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex DateRegex();

    // The same pattern tried at one position only (\G: where the search starts), for the positions a match can start at.
    [GeneratedRegex(@"\G(?:" + DatePattern + ")", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex DateRegexAt();

    [GeneratedRegex(
        @"\b(?:(?<mod>last|next|this|on)\s+)?(?<wd>" + FullWeekdayNames + @")(?!\w)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex WeekdayRegex();

    [GeneratedRegex(
        @"\b(?<r>today|tonight|yesterday|tomorrow)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex RelativeRegex();

    /// <summary>Finds every date expression in <paramref name="text"/>, in order, without overlaps.</summary>
    /// <param name="text">Any text.</param>
    /// <returns>The expressions, ordered by start offset; the longest wins where two would overlap.</returns>
    public static ImmutableArray<DateExpression> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!System.Text.Ascii.IsValid(text) && !ScansAsAscii(text))
        {
            var (d, w, r) = Cues(text);
            return Find(text, d, w, r);
        }
        var starts = _starts ??= [];
        starts.Clear();
        var (date, weekday, relative) = AsciiCues(text, starts);
        return Find(text, date, weekday, relative, starts);
    }

    // Whether the one-pass checks of AsciiCues hold for text with non-ASCII characters too: they do when none of them is
    // a digit (the patterns' \d is any decimal digit) or a letter that the patterns' IgnoreCase takes for an ASCII one
    // (long s, Kelvin sign, dotted and dotless i), as with typographic quotes, dashes, no-break spaces and accented
    // letters, most of the non-ASCII text of news. AsciiCues takes every non-ASCII character for a non-word character;
    // where one is a word character (an accented letter) it may list a start or a cue that the patterns then do not
    // match, never miss one: a match of the date pattern starts after a non-word character and a name in it is a whole
    // word, and the patterns tried at the listed starts (a superset of the true ones) find what their scan finds.
    internal static bool ScansAsAscii(string text)
    {
        foreach (var c in text)
        {
            if (c > '\x7F' && (char.IsDigit(c) || c is '\u0130' or '\u0131' or '\u017F' or '\u212A'))
                return false;
        }
        return true;
    }

    // Where a match of the date pattern can start in ASCII text, in order (see AsciiCues); one list per thread.
    [ThreadStatic]
    private static List<int>? _starts;

    /// <summary>Every pattern run on the whole text, without the checks that skip them: what <see cref="Find(string)"/> must equal (tests).</summary>
    internal static ImmutableArray<DateExpression> FindUnfiltered(string text) => Find(text, true, true, true);

    // Which patterns may yield a date on text of any script. Each pattern has a part every match must contain; most
    // sentences lack it, and a substring check costs far less than the pattern's scan: a date has a digit and either a
    // month name (each starts with one of the twelve three-letter abbreviations) or a digit right before "-", "." or "/";
    // a weekday name ends in "day"; a relative day is "today", "yesterday" (both with "day"), "tonight" or "tomorrow".
    private static (bool Date, bool Weekday, bool Relative) Cues(string text)
    {
        var day = text.Contains("day", StringComparison.OrdinalIgnoreCase);
        var date = HasDigit(text) && (HasMonthAbbreviation(text) || HasDigitBeforeSeparator(text));
        return (date, day, day || text.Contains("tonight", StringComparison.OrdinalIgnoreCase) || text.Contains("tomorrow", StringComparison.OrdinalIgnoreCase));
    }

    // The same for ASCII text (nearly all), in one pass over its words, and tighter: a pattern runs only when the text has
    // a word that can start a match the finder keeps. On ASCII text the patterns' \w and \b are [A-Za-z0-9_] and
    // IgnoreCase is ASCII case, so a month or weekday name must be a whole word (no word character before or after it),
    // and the finder keeps a month or weekday only when capitalised: without such a word, every match of the date
    // pattern that is not a numeric one (a digit before "-", "." or "/") and every weekday match would be dropped.
    // Relative days ("today") are kept in any case, as whole words.
    //
    // It also lists where a match of the date pattern can start: every match starts with a weekday or month name (any
    // case: a lower-case one is matched, then dropped, and the text it covers is not searched again) or a digit, at a
    // word start (the pattern's first test is that no word character precedes), and a name must be the whole word.
    // The pattern tried at those positions alone finds the same matches as its scan of the whole text.
    private static (bool Date, bool Weekday, bool Relative) AsciiCues(string text, List<int> starts)
    {
        bool digit = false, separator = false, month = false, weekday = false, relative = false;
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                if ((i == 0 || !IsAsciiWordChar(text[i - 1])) && CanStartNumericDate(text, i))
                    starts.Add(i);
                digit = true;
                if (i + 1 < text.Length && text[i + 1] is '-' or '.' or '/')
                    separator = true;
                i++;
                continue;
            }
            if (!char.IsAsciiLetter(c))
            {
                i++;
                continue;
            }
            // A word starting at a letter with no word character before it (the scan never stops inside a word).
            var end = i + 1;
            while (end < text.Length && IsAsciiWordChar(text[end]))
                end++;
            var word = text.AsSpan(i, end - i);
            // Most words cannot be any of the names: none has this length or starts with these three letters (a mask
            // test and a bit table), and the forty comparisons below are skipped ("the", "said", "with").
            if (word.Length <= MaxNameLength && (NameLengths & (1 << word.Length)) != 0 && IsNamePrefix(word))
            {
                if ((i == 0 || !IsAsciiWordChar(text[i - 1])) && (IsOneOf(word, MonthWords) || IsOneOf(word, WeekdayStartWords)))
                    starts.Add(i);
                if (char.IsAsciiLetterUpper(c))
                {
                    month |= IsOneOf(word, MonthWords);
                    weekday |= IsOneOf(word, WeekdayWords);
                }
                relative |= IsOneOf(word, RelativeWords);
            }
            i = end;
        }
        return (digit && (separator || month), weekday, relative);
    }

    private static bool IsAsciiWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    // Whether a match of the date pattern can start at the digit at i (digits being ASCII, see ScansAsAscii): its day
    // has one or two digits and a space, an ordinal ending ("30th"), a "." or a "/" after it; its year has four and a
    // "-" after it. Most numbers of news ("1,200", "2023", "$5 million" has one) fail this at once, without the pattern.
    private static bool CanStartNumericDate(string text, int i)
    {
        var end = i + 1;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
            end++;
        if (end == text.Length)
            return false;
        var next = text[end];
        return (end - i) switch
        {
            1 or 2 => next is '.' or '/' || char.IsWhiteSpace(next) || (next | 0x20) is 's' or 'n' or 'r' or 't',
            4 => next == '-',
            _ => false,
        };
    }

    private static bool IsOneOf(ReadOnlySpan<char> word, string[] names)
    {
        foreach (var name in names)
        {
            if (word.Equals(name, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    private static readonly string[] MonthWords = MonthNames.Split('|');

    /// <summary>True for a month's full English name, capitalised as in running text ("June"; not "june", "Jun" or "May's").</summary>
    public static bool IsFullMonthName(string word) => Array.IndexOf(MonthWords, word, 0, 12) >= 0;

    private static readonly string[] WeekdayWords = FullWeekdayNames.Split('|');
    private static readonly string[] WeekdayStartWords = WeekdayNames.Split('|');
    private static readonly string[] RelativeWords = ["today", "tonight", "yesterday", "tomorrow"];

    // The lengths (bit n: a name of n letters) and lower-case initials (bit k: letter 'a' + k) of all the names above.
    private static readonly int MaxNameLength = MonthWords.Concat(WeekdayStartWords).Concat(RelativeWords).Max(w => w.Length);
    private static readonly int NameLengths = MonthWords.Concat(WeekdayStartWords).Concat(RelativeWords).Aggregate(0, (bits, w) => bits | (1 << w.Length));

    // The first three letters of every name, in any ASCII case: bit (a * 32 + b) * 32 + c for the letters' places in the
    // alphabet. Every name has at least three letters.
    private static readonly ulong[] NamePrefixes = PrefixTable(MonthWords.Concat(WeekdayStartWords).Concat(RelativeWords));

    private static ulong[] PrefixTable(IEnumerable<string> names)
    {
        var table = new ulong[32 * 32 * 32 / 64];
        foreach (var name in names)
        {
            var bit = PrefixBit(name);
            table[bit >> 6] |= 1UL << bit;
        }
        return table;
    }

    private static int PrefixBit(ReadOnlySpan<char> word) =>
        ((((word[0] | 0x20) - 'a') * 32) + ((word[1] | 0x20) - 'a')) * 32 + ((word[2] | 0x20) - 'a');

    // Whether an ASCII word (at least three characters) starts with the first three letters of a name, in any case.
    private static bool IsNamePrefix(ReadOnlySpan<char> word)
    {
        if (!char.IsAsciiLetter(word[1]) || !char.IsAsciiLetter(word[2]))
            return false;
        var bit = PrefixBit(word);
        return (NamePrefixes[bit >> 6] & (1UL << bit)) != 0;
    }

    private static ImmutableArray<DateExpression> Find(string text, bool dates, bool weekdays, bool relatives, List<int>? dateStarts = null)
    {
        if (!dates && !weekdays && !relatives)
            return [];
        var found = new List<DateExpression>();
        if (dates && dateStarts is not null)
        {
            // The leftmost match from each point on, as the scan finds them: after a match, the next start past its end.
            var from = 0;
            foreach (var start in dateStarts)
            {
                if (start < from || DateRegexAt().Match(text, start) is not { Success: true } m)
                    continue;
                if (FromDateMatch(m) is { } e)
                    found.Add(e);
                from = m.Index + m.Length;
            }
        }
        else if (dates)
        {
            foreach (Match m in DateRegex().Matches(text))
            {
                if (FromDateMatch(m) is { } e)
                    found.Add(e);
            }
        }

        if (weekdays)
        {
            foreach (Match m in WeekdayRegex().Matches(text))
            {
                var wd = m.Groups["wd"];
                if (!IsCapitalised(wd.Value))
                    continue;
                var mod = m.Groups["mod"];
                var relative = mod.Success ? mod.Value.ToLowerInvariant() switch
                {
                    "last" => RelativeDay.LastWeekday,
                    "next" => RelativeDay.NextWeekday,
                    _ => RelativeDay.Weekday,
                } : RelativeDay.Weekday;
                // "on" and "this" add nothing to the meaning, so the expression covers the name only.
                var start = relative == RelativeDay.Weekday ? wd.Index : m.Index;
                var end = wd.Index + wd.Length;
                found.Add(new DateExpression(start, end - start, null, null, null, ParseWeekday(wd.Value), relative));
            }
        }

        if (relatives)
        {
            foreach (Match m in RelativeRegex().Matches(text))
            {
                var relative = m.Groups["r"].Value.ToLowerInvariant() switch
                {
                    "yesterday" => RelativeDay.Yesterday,
                    "tomorrow" => RelativeDay.Tomorrow,
                    _ => RelativeDay.Today,
                };
                found.Add(new DateExpression(m.Index, m.Length, null, null, null, null, relative));
            }
        }

        if (found.Count == 0)
            return [];
        found.Sort((x, y) => x.Start != y.Start ? x.Start.CompareTo(y.Start) : y.Length.CompareTo(x.Length));
        var result = ImmutableArray.CreateBuilder<DateExpression>(found.Count);
        var coveredUntil = 0;
        foreach (var e in found)
        {
            if (e.Start < coveredUntil)
                continue;
            result.Add(e);
            coveredUntil = e.Start + e.Length;
        }

        return result.ToImmutable();
    }

    private static readonly string[] MonthAbbreviations = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    private static readonly System.Collections.Frozen.FrozenSet<int> MonthKeys =
        System.Collections.Frozen.FrozenSet.ToFrozenSet(MonthAbbreviations.Select(m => (m[0] << 16) | (m[1] << 8) | m[2]));

    // \d in the patterns is any Unicode decimal digit ("٣ May 2023"): each digit's value, not int.Parse, which takes ASCII only.
    private static int ParseDigits(string digits)
    {
        var value = 0;
        foreach (var c in digits)
            value = (value * 10) + (int)char.GetNumericValue(c);
        return value;
    }

    // \d in the patterns is any Unicode decimal digit.
    private static bool HasDigit(string text)
    {
        foreach (var c in text)
        {
            if (char.IsDigit(c))
                return true;
        }
        return false;
    }

    private static bool HasDigitBeforeSeparator(string text)
    {
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (text[i + 1] is '-' or '.' or '/' && char.IsDigit(text[i]))
                return true;
        }
        return false;
    }

    private static bool HasMonthAbbreviation(string text)
    {
        // ASCII text (nearly all): one pass over letter triples, lower-cased by setting bit 0x20.
        if (System.Text.Ascii.IsValid(text))
        {
            for (var i = 0; i + 2 < text.Length; i++)
            {
                var key = ((text[i] | 0x20) << 16) | ((text[i + 1] | 0x20) << 8) | (text[i + 2] | 0x20);
                if (MonthKeys.Contains(key))
                    return true;
            }
            return false;
        }
        // Other text may hold letters whose case folds onto ASCII ones ("ſ"), as the patterns' IgnoreCase does.
        foreach (var month in MonthAbbreviations)
        {
            if (text.Contains(month, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    private static DateExpression? FromDateMatch(Match m)
    {
        int? year = m.Groups["y"].Success ? ParseDigits(m.Groups["y"].Value) : null;
        int month;
        int day;

        if (m.Groups["m"].Success)
        {
            if (!IsCapitalised(m.Groups["m"].Value))
                return null;
            month = ParseMonth(m.Groups["m"].Value);
            day = ParseDigits(m.Groups["d"].Value);
        }
        else if (m.Groups["mn"].Success)
        {
            month = ParseDigits(m.Groups["mn"].Value);
            day = ParseDigits(m.Groups["d"].Value);
        }
        else
        {
            var a = ParseDigits(m.Groups["a"].Value);
            var b = ParseDigits(m.Groups["b"].Value);
            // US order (month/day) and day/month disagree unless one number can only be a day, or both are equal.
            if (a == b || b > 12)
                (month, day) = (a, b);
            else if (a > 12)
                (month, day) = (b, a);
            else
                return null;
        }

        if (!IsValid(year, month, day))
            return null;

        DayOfWeek? weekday = null;
        if (m.Groups["wd"].Success)
        {
            if (!IsCapitalised(m.Groups["wd"].Value))
                return null;
            weekday = ParseWeekday(m.Groups["wd"].Value);
        }

        return new DateExpression(m.Index, m.Length, year, month, day, weekday, RelativeDay.None);
    }

    private static bool IsValid(int? year, int month, int day) =>
        month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year ?? 2000, month); // 2000: leap, allows 29 Feb

    // "may" the verb and "march" the verb are lower case; a month or weekday name in a date is capitalised or all capitals.
    private static bool IsCapitalised(string word)
    {
        var rest = word.TrimEnd('.')[1..];
        return char.IsUpper(word[0]) &&
            (rest.Equals(rest.ToLowerInvariant(), StringComparison.Ordinal) ||
             rest.Equals(rest.ToUpperInvariant(), StringComparison.Ordinal));
    }

    internal static int ParseMonth(string name) => name.TrimEnd('.').ToLowerInvariant()[..3] switch
    {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => throw new ArgumentException($"not a month name: {name}", nameof(name)),
    };

    private static DayOfWeek ParseWeekday(string name) => name.TrimEnd('.').ToLowerInvariant()[..3] switch
    {
        "mon" => DayOfWeek.Monday,
        "tue" => DayOfWeek.Tuesday,
        "wed" => DayOfWeek.Wednesday,
        "thu" => DayOfWeek.Thursday,
        "fri" => DayOfWeek.Friday,
        "sat" => DayOfWeek.Saturday,
        "sun" => DayOfWeek.Sunday,
        _ => throw new ArgumentException($"not a weekday name: {name}", nameof(name)),
    };
}
