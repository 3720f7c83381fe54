using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace KnowledgeGraph.Core.Text;

/// <summary>
/// Folds text to a matching key: lower case, diacritics removed, letters that do not decompose transliterated through an
/// explicit map (ø→o, ł→l, ı→i, ß→ss, æ→ae...), typographic apostrophes and dashes unified. "Gahr Støre" and "Gahr Store",
/// "Erdoğan" and "Erdogan" fold to the same key.
/// </summary>
public static class TextFolding
{
    // Letters that Unicode does not decompose into base + combining mark, so NFD alone would keep them.
    private static readonly FrozenDictionary<char, string> Transliteration = new Dictionary<char, string>
    {
        ['ø'] = "o", ['Ø'] = "o", ['ł'] = "l", ['Ł'] = "l", ['đ'] = "d", ['Đ'] = "d", ['ð'] = "d", ['Ð'] = "d",
        ['þ'] = "th", ['Þ'] = "th", ['ß'] = "ss", ['ẞ'] = "ss", ['æ'] = "ae", ['Æ'] = "ae", ['œ'] = "oe", ['Œ'] = "oe",
        ['ı'] = "i", ['ħ'] = "h", ['Ħ'] = "h", ['ŧ'] = "t", ['Ŧ'] = "t", ['ŋ'] = "ng", ['Ŋ'] = "ng", ['ĸ'] = "k",
        ['ſ'] = "s", ['ə'] = "e", ['Ə'] = "e", ['ʼ'] = "'", ['’'] = "'", ['‘'] = "'", ['`'] = "'", ['´'] = "'",
        ['‐'] = "-", ['‑'] = "-", ['‒'] = "-", ['–'] = "-", ['—'] = "-", ['―'] = "-",
    }.ToFrozenDictionary();

    // Precomposed Latin letters (Latin-1, Extended-A/B, Extended Additional) and their base letters, for when
    // Normalize(FormD) cannot decompose: the build sets InvariantGlobalization, and without ICU .NET normalizes only
    // ASCII, so "Erdoğan" would keep its "ğ" and not meet "Erdogan". Generated from Unicode NFD; same index, same letter.
    private const string Precomposed =
        "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊ"
        + "ċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚś"
        + "ŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǦǧǨǩǪǫǬ"
        + "ǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳḀḁḂḃḄḅḆḇḈḉḊḋ"
        + "ḌḍḎḏḐḑḒḓḔḕḖḗḘḙḚḛḜḝḞḟḠḡḢḣḤḥḦḧḨḩḪḫḬḭḮḯḰḱḲḳḴḵḶḷḸḹḺḻḼḽḾḿṀṁṂṃṄṅṆṇṈṉṊṋ"
        + "ṌṍṎṏṐṑṒṓṔṕṖṗṘṙṚṛṜṝṞṟṠṡṢṣṤṥṦṧṨṩṪṫṬṭṮṯṰṱṲṳṴṵṶṷṸṹṺṻṼṽṾṿẀẁẂẃẄẅẆẇẈẉẊẋ"
        + "ẌẍẎẏẐẑẒẓẔẕẖẗẘẙẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐố"
        + "ỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ";

    private const string PrecomposedBase =
        "aaaaaaceeeeiiiinooooouuuuyaaaaaaceeeeiiiinooooouuuuyyaaaaaaccccc"
        + "cccddeeeeeeeeeegggggggghhiiiiiiiiijjkkllllllnnnnnnoooooorrrrrrss"
        + "ssssssttttuuuuuuuuuuuuwwyyyzzzzzzoouuaaiioouuuuuuuuuuaaaaggkkooo"
        + "ojggnnaaaaaaeeeeiiiioooorrrruuuusstthhaaeeooooooooyyaabbbbbbccdd"
        + "ddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmmmmmmnnnnnnnn"
        + "oooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvvwwwwwwwwwwxx"
        + "xxyyzzzzzzhtwyaaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooo"
        + "oooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy";

    private static readonly FrozenDictionary<char, char> BaseLetters =
        Precomposed.Select((c, i) => (c, PrecomposedBase[i])).ToFrozenDictionary(p => p.c, p => p.Item2);

    /// <summary>Folds <paramref name="text"/> to its matching key.</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IsPlainLowerAscii(text))
            return text;
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            if (Transliteration.TryGetValue(c, out var t))
                sb.Append(t);
            else if (BaseLetters.TryGetValue(c, out var b))
                sb.Append(b);
            else
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
