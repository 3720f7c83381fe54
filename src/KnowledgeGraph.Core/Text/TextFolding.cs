using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace KnowledgeGraph.Core.Text;

/// <summary>
/// Folds text to a matching key: lower case, Latin letters with diacritics transliterated through an explicit map
/// (é→e, ę→e, ğ→g, ø→o, ł→l, ı→i, ß→ss, æ→ae...), combining marks dropped, typographic apostrophes and dashes unified. "Gahr Støre" and "Gahr Store",
/// "Erdoğan" and "Erdogan" fold to the same key.
/// </summary>
public static partial class TextFolding
{
    // Typographic apostrophes and dashes, unified so "Ukraine’s" and "Ukraine's" share a key.
    private static readonly FrozenDictionary<char, string> Punctuation = new Dictionary<char, string>
    {
        ['ʼ'] = "'",
        ['’'] = "'",
        ['‘'] = "'",
        ['`'] = "'",
        ['´'] = "'",
        ['‐'] = "-",
        ['‑'] = "-",
        ['‒'] = "-",
        ['–'] = "-",
        ['—'] = "-",
        ['―'] = "-",
    }.ToFrozenDictionary();

    /// <summary>Folds <paramref name="text"/> to its matching key.</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IsPlainLowerAscii(text))
            return text;
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c < 128)
                sb.Append(char.ToLowerInvariant(c));
            else if (LatinFolding.TryGetValue(c, out var latin))
                sb.Append(latin);
            else if (Punctuation.TryGetValue(c, out var p))
                sb.Append(p);
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    /// <summary>Folds and collapses a phrase to its matching key: tokens' keys joined by single spaces, hyphens dropped.</summary>
    public static string FoldPhrase(string phrase) =>
        string.Join(' ', Tokenizer.Tokenize(phrase).Where(t => !IsConnector(t)).Select(t => t.Key));

    /// <summary>Hyphens join words without being part of a name's key ("Secretary-General" = "Secretary General").</summary>
    internal static bool IsConnector(Token t) => t.Kind == TokenKind.Punctuation && t.Key == "-";

    private static bool IsPlainLowerAscii(string s)
    {
        foreach (var c in s)
        {
            if (c > 127 || char.IsUpper(c) || c == '`')
                return false;
        }
        return true;
    }
}
