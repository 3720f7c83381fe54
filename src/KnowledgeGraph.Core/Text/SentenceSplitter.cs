using System.Collections.Frozen;

namespace KnowledgeGraph.Core.Text;

/// <summary>
/// Splits a document into sentences. Lines are hard boundaries (each paragraph, heading and caption is its own line after
/// loading); inside a line a sentence ends at . ! ? (and a closing quote after it) when the next token starts a new
/// sentence, except after abbreviations (Mr., Feb., Gen.) and initials.
/// </summary>
public static class SentenceSplitter
{
    /// <summary>
    /// The most tokens one sentence may have; a longer run without sentence punctuation (a 5 MB line of words, a list
    /// dumped as one line) is cut into pieces of this size. News sentences stay far below it, and the relation rules match
    /// within a sentence with backtracking, so an unbounded sentence would make analysis quadratic in its length.
    /// </summary>
    public const int MaxSentenceTokens = 300;

    // English abbreviations that end with a dot but do not end a sentence (titles, months, ranks, Latin).
    private static readonly FrozenSet<string> Abbreviations = new[]
    {
        "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "gen", "lt", "col", "sgt", "capt", "cpt", "adm", "maj", "cmdr",
        "gov", "sen", "rep", "pres", "amb", "rev", "hon", "tech", "pvt", "cpl", "spc", "brig", "ret", "no", "nos", "vs",
        "eng", "engr", "barr", "arc", "alh", "mme", "rt",
        "etc", "inc", "ltd", "co", "corp", "dept", "est", "approx", "fig", "vol", "op", "ed", "al", "mt", "ft",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> FunctionWords = new[]
    {
        "of", "the", "in", "for", "and", "to", "a", "an", "on", "with", "at", "by", "from", "as", "or", "vs", "de", "la",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Splits <paramref name="text"/> into sentences.</summary>
    public static List<Sentence> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentences = new List<Sentence>();
        var lineStart = 0;
        while (lineStart <= text.Length)
        {
            var nl = text.IndexOf('\n', lineStart);
            var lineEnd = nl < 0 ? text.Length : nl;
            // Wire copy wrapped at a fixed width: the lines of one paragraph are one run of text.
            var physicalStart = lineStart;
            while (nl >= 0 && ContinuesOnNextLine(text, physicalStart, lineEnd))
            {
                physicalStart = lineEnd + 1;
                nl = text.IndexOf('\n', physicalStart);
                lineEnd = nl < 0 ? text.Length : nl;
            }
            if (lineEnd > lineStart)
                SplitLine(text, lineStart, lineEnd, sentences);
            if (nl < 0)
                break;
            lineStart = nl + 1;
        }
        return sentences;
    }

    /// <summary>The longest line a hard-wrapped paragraph has; a paragraph kept on one line is longer.</summary>
    internal const int MaxWrappedLine = 90;

    /// <summary>
    /// True when the line ending at <paramref name="lineEnd"/> (a newline) is wrapped copy whose sentence goes on below:
    /// a line of a wrapped width (30 to <see cref="MaxWrappedLine"/> characters) without closing punctuation, followed by
    /// a non-blank line that is not a list item, and either the next line starts in lower case or this one ends mid-phrase
    /// (a word, a comma, a hyphen). Headlines, captions and list lines stay lines of their own.
    /// </summary>
    private static bool ContinuesOnNextLine(string text, int lineStart, int lineEnd)
    {
        var line = text.AsSpan(lineStart, lineEnd - lineStart).TrimEnd();
        if (line.Length is < 30 or > MaxWrappedLine || lineEnd + 1 >= text.Length)
            return false;
        var nextEnd = text.IndexOf('\n', lineEnd + 1);
        var next = text.AsSpan(lineEnd + 1, (nextEnd < 0 ? text.Length : nextEnd) - lineEnd - 1).Trim();
        if (next.IsEmpty || next[0] is '-' or '•' or '*' or '–' or '—' || (char.IsAsciiDigit(next[0]) && next.Length > 1 && next[1..].TrimStart("0123456789").StartsWith(". ")))
            return false;
        var last = line[^1];
        if (last is '.' or '!' or '?' or ':' or ';' or '"' or '”' or ')' or ']' or '»')
            return false;
        return char.IsLower(next[0]) || char.IsLetterOrDigit(last) || last is ',' or '-' or '’' or '\'';
    }

    // The tokens of the line being split, one list per thread: each sentence keeps a copy of its own range of them
    // (GetRange), so the line's list is scratch, reused for the next line instead of allocated and grown for each.
    [ThreadStatic]
    private static List<Token>? _lineTokens;

    private static void SplitLine(string text, int start, int end, List<Sentence> sentences)
    {
        var tokens = _lineTokens ??= new List<Token>(256);
        Tokenizer.TokenizeInto(tokens, text, start, end);
        // (A very long line leaves a large list behind: let it go rather than hold it.)
        if (tokens.Capacity > 1 << 16)
            _lineTokens = null;
        if (tokens.Count == 0)
            return;
        var headline = IsHeadline(text, tokens, end);
        var first = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Kind != TokenKind.Punctuation || t.Text is not ("." or "!" or "?"))
                continue;
            var last = i;
            // A closing quote or bracket touches the sentence end; a straight quote after a space opens the next
            // sentence ("... he said. "Thank you."").
            while (last + 1 < tokens.Count && IsClosing(tokens[last + 1].Text) && tokens[last + 1].Start == tokens[last].End)
                last++;
            if (last + 1 >= tokens.Count)
                break;
            var next = tokens[last + 1];
            if (!StartsSentence(next))
                continue;
            if (t.Text == "." && i > first && IsAbbreviation(tokens[i - 1]) && tokens[i - 1].End == t.Start)
                continue;
            Add(text, tokens, first, last, sentences, headline);
            first = last + 1;
            i = last;
        }
        if (first < tokens.Count)
            Add(text, tokens, first, tokens.Count - 1, sentences, headline);
    }

    private static void Add(string text, List<Token> tokens, int first, int last, List<Sentence> sentences, bool headline)
    {
        for (; last - first + 1 > MaxSentenceTokens; first += MaxSentenceTokens)
            AddOne(text, tokens, first, first + MaxSentenceTokens - 1, sentences, headline);
        AddOne(text, tokens, first, last, sentences, headline);
    }

    private static void AddOne(string text, List<Token> tokens, int first, int last, List<Sentence> sentences, bool headline)
    {
        var s = tokens[first].Start;
        var e = tokens[last].End;
        sentences.Add(new Sentence(sentences.Count, s, text[s..e], tokens.GetRange(first, last - first + 1), headline));
    }

    private static bool IsClosing(string t) => t is "\"" or "”" or "’" or "'" or ")" or "]" or "»";

    private static bool StartsSentence(Token t) =>
        t.IsCapitalized || t.Kind == TokenKind.Number || t.Text is "\"" or "“" or "‘" or "'" or "(" or "[" or "«" or "—" or "–";

    private static bool IsAbbreviation(Token t) =>
        t.Kind == TokenKind.Word && (Abbreviations.Contains(t.Key) || (t.Text.Length == 1 && char.IsUpper(t.Text[0])));

    /// <summary>
    /// A headline is a line of two or more words with no final sentence punctuation in which at least four in five of
    /// the content words are capitalised ("NATO Leader Visits Austin in Advance of Brussels Meeting", "Pentagon Meeting").
    /// </summary>
    internal static bool IsHeadline(string text, List<Token> tokens, int end)
    {
        var lastChar = text[tokens[^1].End - 1];
        if (lastChar is '.' or '!' or '?' or ':' or ';' or ',' or '"' or '”' or '’')
            return false;
        int content = 0, capitalized = 0;
        foreach (var t in tokens)
        {
            if (t.Kind != TokenKind.Word || FunctionWords.Contains(t.Key))
                continue;
            content++;
            if (t.IsCapitalized)
                capitalized++;
        }
        return content >= 2 && capitalized * 5 >= content * 4;
    }
}
