using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using KnowledgeGraph.Core.Graph;

namespace KnowledgeGraph.Writers.Internal;

/// <summary>Text clean-up and number formatting shared by the writers.</summary>
internal static class ExportText
{
    /// <summary>
    /// Replaces lone UTF-16 surrogates with U+FFFD. Every format is UTF-8, and a lone surrogate has no UTF-8 form:
    /// the encoders would either throw or substitute silently, so we substitute explicitly and everywhere.
    /// </summary>
    public static string ReplaceLoneSurrogates(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!HasLoneSurrogate(text))
            return text;
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[i + 1]);
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                sb.Append('\uFFFD');
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// Makes text legal XML 1.0 character data: drops C0 controls other than tab/LF/CR and U+FFFE/U+FFFF,
    /// and replaces lone surrogates with U+FFFD. XML 1.0 cannot carry these characters at all, not even escaped.
    /// </summary>
    public static string ToXmlSafe(string text)
    {
        var paired = ReplaceLoneSurrogates(text);
        foreach (var c in paired)
        {
            if (!IsXmlChar(c))
                return string.Concat(paired.Where(IsXmlChar));
        }
        return paired;
    }

    /// <summary>
    /// XML-safe text as an <c>xs:token</c> (GEXF labels): whitespace runs collapsed to one space, no leading or trailing
    /// space; <paramref name="fallback"/> when nothing is left.
    /// </summary>
    public static string ToXmlToken(string text, string fallback)
    {
        var safe = ToXmlSafe(text);
        var sb = new System.Text.StringBuilder(safe.Length);
        foreach (var c in safe)
        {
            if (char.IsWhiteSpace(c))
            {
                if (sb.Length > 0 && sb[^1] != ' ')
                    sb.Append(' ');
            }
            else
            {
                sb.Append(c);
            }
        }
        var token = sb.ToString().TrimEnd(' ');
        return token.Length > 0 ? token : ToXmlSafe(fallback);
    }

    /// <summary>A double as the shortest round-trip text that still reads back as a float (<c>3.0</c>, not <c>3</c>).</summary>
    public static string FormatFloat(double value)
    {
        var s = value.ToString("R", CultureInfo.InvariantCulture);
        return s.AsSpan().IndexOfAny(".Ee") >= 0 || s.Contains("Infinity", StringComparison.Ordinal) || s == "NaN" ? s : s + ".0";
    }

    /// <summary>A date as ISO <c>yyyy-MM-dd</c>.</summary>
    public static string FormatDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>True when a property value can be written by every format (no NaN or infinities).</summary>
    public static bool IsWritable(PropertyValue value) => value.Kind != PropertyKind.Float || double.IsFinite(value.AsFloat());

    /// <summary>A string list as compact JSON array text (non-ASCII kept readable), the list form of GraphML and GEXF.</summary>
    public static string JsonArray(IEnumerable<string> items)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartArray();
            foreach (var item in items)
                w.WriteStringValue(ReplaceLoneSurrogates(item));
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static bool HasLoneSurrogate(string text)
    {
        // Nearly every string has no surrogate at all: find the first one with the vectorised search, then check pairs
        // from there as before.
        var first = text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF');
        if (first < 0)
            return false;
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                i++;
            else if (char.IsSurrogate(c))
                return true;
        }
        return false;
    }

    private static bool IsXmlChar(char c) =>
        c == '\t' || c == '\n' || c == '\r' || (c >= ' ' && c != '\uFFFE' && c != '\uFFFF');
}
