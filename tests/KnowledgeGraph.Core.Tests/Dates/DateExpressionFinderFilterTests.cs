using KnowledgeGraph.Core.Pipeline;
using KnowledgeGraph.Core.Text.Dates;

namespace KnowledgeGraph.Core.Tests.Dates;

/// <summary>
/// The checks that let <see cref="DateExpressionFinder.Find(string)"/> skip its patterns must never change what it finds:
/// compared with every pattern run on the whole text, on hand-built and generated sentences full of near-misses.
/// </summary>
public class DateExpressionFinderFilterTests
{
    // Words that are, contain or resemble month, weekday and relative-day names, in every case, with the characters the
    // patterns treat as word characters or boundaries around them, and a few non-ASCII look-alikes (long s, Kelvin sign,
    // zero-width joiner, Arabic-Indic digits) that send the text down the general path.
    private static readonly string[] Pieces =
    [
        "May", "may", "MAY", "Mayor", "dismay", "March", "march", "MARCH", "Marseille", "remarks", "Mar.", "Jan", "January",
        "jan.", "Sept.", "Sept", "SEPT.", "Sep", "September", "september", "Septembers", "Dec.", "decided", "Oct", "octet",
        "Nov", "novel", "June", "Jun", "jUNE", "July", "Aug.", "August", "august", "Apr", "April", "Feb.", "February",
        "Monday", "monday", "MONDAY", "Mondays", "Mon", "Tuesday", "Wednesday", "Thursday", "Thurs.", "Friday", "Saturday",
        "Sunday", "sunday", "day", "days", "holiday", "today", "Today", "TODAY", "today's", "todays", "tonight", "Tonight",
        "tomorrow", "Tomorrow", "yesterday", "Yesterday", "yesterdays", "last", "next", "this", "on", "the", "of", "(", ")",
        ",", ".", "-", "/", ":", "_", "—", "1", "2", "5", "8", "12", "13", "28", "29", "30", "31", "2023", "1999", "2100",
        "2023-02-08", "02/28/2023", "28/02/2023", "05/05/2023", "31.08.2023", "1.2.2023", "30th", "2nd", "1,200", "3.5",
        "5May", "May5", "_May", "May_", "Ma\u017Fy", "Septemb\u0435r", "\u017Funday", "\u212Aelvin", "Mon\u200Dday",
        "\u0663", "\u0661\u0662", "Ærø", "É", "met", "in", "Oslo", "said", "talks", "Tues.", "Tue", "Thu", "thur", "Wed",
        "Sat.", "Fri", "sun", "x2023-02-08", "A4-2023", "30th.", "5.", "2.5.", "/", "28/", "on 5", "9-", "-2023",
        "Mon.,", "(Thursday", "Sun),",
        // Non-ASCII text that takes the one-pass checks: typographic quotes and dashes, no-break spaces, accented letters
        // next to names and numbers (a word character the checks take for a non-word one), a combining accent.
        "\u2019", "\u201CMay", "30\u201D", "\u2014", "\u2013", "30\u00A0May", "May\u00A02023", "\u00E9", "May\u00E9",
        "\u00E9May", "Z\u00FCrich", "5\u00E9", "\u00E930", "\u2022", "Mai\u0301", "May\u0301", "2023\u2013", "\u201Ctoday\u201D",
        "Monday\u2019s", "\u2009", "123", "12345", "4th", "45", "007", "2023-", "12/", "12.", "1th", "30nd",
    ];

    private static readonly string[] Separators = [" ", " ", " ", "", ", ", "  ", "\t", "\n", "(", "\u00A0", "\u2019"];

    [Fact]
    public void ScansAsAscii_NamesEveryNonAsciiCharacterThePatternsTakeForAnAsciiLetterOrADigit()
    {
        // Arrange: the non-ASCII characters the date pattern's IgnoreCase matches with an ASCII letter, or its \d with a digit.
        var letter = new System.Text.RegularExpressions.Regex("^[a-z]$", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);
        var digit = new System.Text.RegularExpressions.Regex(@"^\d$");
        var special = new List<char>();
        for (var c = '\u0080'; c < '\uFFFF'; c++)
        {
            if (letter.IsMatch(c.ToString()) || digit.IsMatch(c.ToString()))
                special.Add(c);
        }

        // Act / Assert: text holding one of them takes the general path, whose result is the unfiltered one.
        Assert.Contains('\u212A', special);
        foreach (var c in special)
        {
            var text = $"Ma{c} 30 May 2023 {c}";
            Assert.Equal(Outcome(() => DateExpressionFinder.FindUnfiltered(text)), Outcome(() => DateExpressionFinder.Find(text)));
            Assert.False(DateExpressionFinder.ScansAsAscii(text), $"U+{(int)c:X4}");
        }
        Assert.True(DateExpressionFinder.ScansAsAscii("\u201CZ\u00FCrich\u201D \u2014 30\u00A0May 2023"));
    }

    [Theory]
    [InlineData("met on 30 May 2023 in Oslo")]
    [InlineData("the verb may 5 times, 2023")]
    [InlineData("may 30, 2023")]
    [InlineData("Mayor 30 2023 and 2023-02-08")]
    [InlineData("on monday, 28 september")]
    [InlineData("Thursday (28 September 2023)")]
    [InlineData("today's talks, 12 days")]
    [InlineData("Ma\u017Fy 30, 2023")]
    [InlineData("\u017Funday \u0663 May")]
    [InlineData("holiday on the 5th")]
    [InlineData("")]
    public void Find_HandBuilt_SameAsUnfiltered(string text) =>
        Assert.Equal(Outcome(() => DateExpressionFinder.FindUnfiltered(text)), Outcome(() => DateExpressionFinder.Find(text)));

    // What a call gives, or the exception it throws (a non-ASCII digit such as "٣" next to a month name fails to parse
    // today, before and after the checks alike).
    private static string Outcome<T>(Func<T> call)
    {
        try
        {
            return call() switch
            {
                System.Collections.Immutable.ImmutableArray<DateExpression> found => string.Join("; ", found),
                var other => other?.ToString() ?? "null",
            };
        }
        catch (FormatException e)
        {
            return e.GetType().Name;
        }
    }

    [Fact]
    public void Find_GeneratedSentences_SameAsUnfiltered()
    {
        // Arrange
        var random = new Random(9);
        for (var n = 0; n < 50_000; n++)
        {
            var words = random.Next(1, 12);
            var text = new System.Text.StringBuilder();
            for (var k = 0; k < words; k++)
                text.Append(Pieces[random.Next(Pieces.Length)]).Append(Separators[random.Next(Separators.Length)]);
            var sentence = text.ToString();

            // Act
            var found = Outcome(() => DateExpressionFinder.Find(sentence));
            var published = new DateOnly(2023, 5, 30);
            var date = Outcome(() => PipelineBuilder.DefaultDates(sentence, published));

            // Assert
            Assert.True(Outcome(() => DateExpressionFinder.FindUnfiltered(sentence)) == found, sentence);
            Assert.True(Outcome(() => ReferenceDates(sentence, published)) == date, sentence);
        }
    }

    // The sentence date finder before the one-pass checks: its own substring checks, then every pattern.
    private static DateOnly? ReferenceDates(string sentence, DateOnly? published)
    {
        if (!sentence.Any(char.IsAsciiDigit) && !sentence.Contains("day", StringComparison.OrdinalIgnoreCase) &&
            !sentence.Contains("tomorrow", StringComparison.OrdinalIgnoreCase) && !sentence.Contains("tonight", StringComparison.OrdinalIgnoreCase))
            return null;
        foreach (var e in DateExpressionFinder.FindUnfiltered(sentence))
        {
            if (e.Resolve(published) is { } d)
                return d;
        }
        return null;
    }
}
