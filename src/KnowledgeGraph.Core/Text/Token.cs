namespace KnowledgeGraph.Core.Text;

/// <summary>What a token is made of.</summary>
public enum TokenKind
{
    /// <summary>Letters (and digits, apostrophes or dots inside an abbreviation).</summary>
    Word,
    /// <summary>Digits.</summary>
    Number,
    /// <summary>A possessive ending: <c>'s</c> or <c>’s</c>, or a lone trailing apostrophe.</summary>
    Possessive,
    /// <summary>Any other single character: punctuation, symbols.</summary>
    Punctuation,
}

/// <summary>A token: its span in the text, its text, and its folded matching key (lower case, diacritics and spelling folded).</summary>
/// <param name="Start">Offset of the first character.</param>
/// <param name="Length">Number of characters.</param>
/// <param name="Text">The token's text as written.</param>
/// <param name="Key">Folded key used for matching.</param>
/// <param name="Kind">What the token is.</param>
public readonly record struct Token(int Start, int Length, string Text, string Key, TokenKind Kind)
{
    /// <summary>
    /// The number of <see cref="Key"/> among the keys the data registered (<see cref="TokenKeys"/>), given by the
    /// tokenizer; negative when no table held it then, 0 when not given (a token made by hand). Read it through
    /// <see cref="TokenKeys.IdOf(in Token)"/>.
    /// </summary>
    public int KeyId { get; init; }

    /// <summary>Offset just past the last character.</summary>
    public int End => Start + Length;

    /// <summary>True when the first character is an upper-case letter (or a digit, as in "F-16").</summary>
    public bool IsCapitalized => Text.Length > 0 && char.IsUpper(Text[0]);

    /// <summary>True when the token has at least two letters, all upper case ("NATO", "U.S.", "JENS").</summary>
    public bool IsAllCaps
    {
        get
        {
            var letters = 0;
            foreach (var c in Text)
            {
                if (!char.IsLetter(c))
                    continue;
                if (!char.IsUpper(c))
                    return false;
                letters++;
            }
            return letters >= 2 || (letters == 1 && Text.Length == 2 && Text[1] == '.');
        }
    }

    /// <summary>True for a word whose letters are all lower case.</summary>
    public bool IsLower => Kind == TokenKind.Word && Text.Length > 0 && char.IsLower(Text[0]);
}
