namespace KnowledgeGraph.Core.Text;

/// <summary>
/// Splits text into tokens: words, numbers, possessive endings and punctuation. Abbreviations with inner dots ("U.S.",
/// "D.C.", "U.N.") and initials ("J.") stay one token with their dots; "Russia's" is "Russia" + "'s"; hyphens are tokens of
/// their own so "EU-facilitated" yields "EU".
/// </summary>
public static class Tokenizer
{
    /// <summary>Tokenizes <paramref name="text"/>; offsets are relative to <paramref name="text"/> plus <paramref name="offset"/>.</summary>
    public static List<Token> Tokenize(string text, int offset = 0) => Tokenize(text, 0, text.Length, offset);

    /// <summary>Tokenizes the range [<paramref name="start"/>, <paramref name="end"/>) of <paramref name="text"/>.</summary>
    public static List<Token> Tokenize(string text, int start, int end, int offset = 0)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<Token>(Math.Max(4, (end - start) / 5));
        TokenizeInto(tokens, text, start, end, offset);
        return tokens;
    }

    /// <summary>
    /// Tokenizes the range [<paramref name="start"/>, <paramref name="end"/>) of <paramref name="text"/> into
    /// <paramref name="tokens"/> (emptied first): for a caller that keeps only copies of the tokens and reuses the list.
    /// </summary>
    internal static void TokenizeInto(List<Token> tokens, string text, int start, int end, int offset = 0)
    {
        ArgumentNullException.ThrowIfNull(text);
        tokens.Clear();
        var i = start;
        while (i < end)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                i++;
                continue;
            }
            if (IsApostrophe(c) && i + 1 < end && (text[i + 1] == 's' || text[i + 1] == 'S') &&
                (i + 2 >= end || !char.IsLetterOrDigit(text[i + 2])) && i > start && char.IsLetterOrDigit(text[i - 1]))
            {
                tokens.Add(Make(text, i, 2, offset, TokenKind.Possessive));
                i += 2;
                continue;
            }
            if (char.IsLetter(c))
            {
                var j = ScanWord(text, i, end);
                tokens.Add(Make(text, i, j - i, offset, TokenKind.Word));
                i = j;
                continue;
            }
            if (char.IsDigit(c))
            {
                var j = i;
                while (j < end && (char.IsDigit(text[j]) || ((text[j] == ',' || text[j] == '.') && j + 1 < end && char.IsDigit(text[j + 1]) && j > i)))
                    j++;
                // "2nd", "30th" stay one token.
                while (j < end && char.IsLetter(text[j]) && j - i < 8)
                    j++;
                tokens.Add(Make(text, i, j - i, offset, TokenKind.Number));
                i = j;
                continue;
            }
            if (char.IsSurrogate(c) && i + 1 < end && char.IsSurrogatePair(c, text[i + 1]))
            {
                tokens.Add(Make(text, i, 2, offset, TokenKind.Punctuation));
                i += 2;
                continue;
            }
            tokens.Add(Make(text, i, 1, offset, TokenKind.Punctuation));
            i++;
        }
    }

    internal static bool IsApostrophe(char c) => c is '\'' or '’' or 'ʼ' or '‘';

    private static int ScanWord(string text, int i, int end)
    {
        // Abbreviation with inner dots: a single letter, a dot, then a letter: U.S., D.C., U.N., e.g.
        if (i + 2 < end && text[i + 1] == '.' && char.IsLetter(text[i + 2]) && (i + 3 >= end || !char.IsLetter(text[i + 3]) || text[i + 3] == '.'))
        {
            var j = i;
            while (j + 1 < end && char.IsLetter(text[j]) && text[j + 1] == '.' && (j + 2 >= end || !char.IsLetter(text[j + 2]) || j + 3 >= end || !char.IsLetter(text[j + 3]) || text[j + 3] == '.'))
            {
                j += 2;
                if (j >= end || !char.IsLetter(text[j]))
                    return j;
            }
        }
        var k = i;
        while (k < end)
        {
            var c = text[k];
            if (char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark)
            {
                k++;
                continue;
            }
            // An apostrophe inside a word (O'Brien, d'Estaing) but not a possessive 's.
            if (IsApostrophe(c) && k + 1 < end && char.IsLetter(text[k + 1]) &&
                !((text[k + 1] == 's' || text[k + 1] == 'S') && (k + 2 >= end || !char.IsLetterOrDigit(text[k + 2]))))
            {
                k++;
                continue;
            }
            break;
        }
        // An initial: one capital letter followed by a dot ("J." in "Lloyd J. Austin").
        if (k == i + 1 && k < end && text[k] == '.' && char.IsUpper(text[i]))
            return k + 1;
        return k;
    }

    // Each thread keeps the words it has seen with their folded keys: most tokens of a corpus are words met before, and
    // looking the characters up costs less than copying them out and folding them again. Bounded; emptied when full.
    private const int MaxCachedWords = 50_000;

    [ThreadStatic]
    private static Dictionary<string, Word>? _words;

    // A word as the tokenizer hands it out: its text, its folded key and the key's number (TokenKeys).
    private sealed class Word(string text, string key, int keyId)
    {
        public readonly string Text = text;
        public readonly string Key = key;
        public int KeyId = keyId;
    }

    private const string PossessiveKey = "'s";

    private static Token Make(string text, int start, int length, int offset, TokenKind kind)
    {
        var words = _words ??= new Dictionary<string, Word>(StringComparer.Ordinal);
        var lookup = words.GetAlternateLookup<ReadOnlySpan<char>>();
        var span = text.AsSpan(start, length);
        if (!lookup.TryGetValue(span, out var word))
        {
            if (words.Count >= MaxCachedWords)
                words.Clear();
            var s = span.ToString();
            var folded = TextFolding.Fold(s);
            word = new Word(s, folded, TokenKeys.Lookup(folded));
            words[s] = word;
        }
        else if (word.KeyId < 0 && word.KeyId != TokenKeys.Absent(TokenKeys.Count))
        {
            // Keys were registered since this word was first seen: its key may be one of them now.
            word.KeyId = TokenKeys.Lookup(word.Key);
        }
        // A possessive's text folds to "'s" whatever its apostrophe: the key's number is the word's.
        var key = kind == TokenKind.Possessive ? PossessiveKey : word.Key;
        return new Token(start + offset, length, word.Text, key, kind) { KeyId = word.KeyId };
    }
}
