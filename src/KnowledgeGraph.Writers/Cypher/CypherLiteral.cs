using System.Globalization;
using System.Text;
using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.Writers.Internal;

namespace KnowledgeGraph.Writers.Cypher;

/// <summary>
/// Cypher literals for <c>import.cypher</c>, where parameters are not available. Strings are double-quoted; backslash and
/// quote are escaped, every character below U+0020, U+007F, U+2028/U+2029 and <c>;</c> are written as <c>\uXXXX</c>
/// (so a naive statement splitter that cuts at <c>;</c> never sees one inside a literal), lone surrogates become U+FFFD.
/// Names (labels, types, property keys) are always back-quoted with inner backticks doubled.
/// </summary>
public static class CypherLiteral
{
    /// <summary>A Cypher string literal whose value is exactly <paramref name="text"/> (after lone-surrogate replacement).</summary>
    public static string String(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var clean = ExportText.ReplaceLoneSurrogates(text);
        var sb = new StringBuilder(clean.Length + 2).Append('"');
        foreach (var c in clean)
        {
            switch (c)
            {
                case '\\': sb.Append(@"\\"); break;
                case '"': sb.Append("\\\""); break;
                case '\n': sb.Append(@"\n"); break;
                case '\r': sb.Append(@"\r"); break;
                case '\t': sb.Append(@"\t"); break;
                default:
                    if (c < ' ' || c == '\u007F' || c == '\u2028' || c == '\u2029' || c == ';')
                        sb.Append(@"\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    else
                        sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    /// <summary>A back-quoted name (<c>`my key`</c>) usable as a property key, label or type.</summary>
    public static string Name(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return "`" + ExportText.ReplaceLoneSurrogates(name).Replace("`", "``", StringComparison.Ordinal) + "`";
    }

    /// <summary>A Cypher expression for a property value: strings, lists, integers, floats (always with a point), booleans, <c>date("...")</c>.</summary>
    public static string Value(PropertyValue value) => value.Kind switch
    {
        PropertyKind.String => String(value.AsString()),
        PropertyKind.StringList => "[" + string.Join(", ", value.AsList().Select(String)) + "]",
        PropertyKind.Integer => value.AsInteger().ToString(CultureInfo.InvariantCulture),
        PropertyKind.Float => ExportText.FormatFloat(value.AsFloat()),
        PropertyKind.Boolean => value.AsBoolean() ? "true" : "false",
        PropertyKind.Date => "date(" + String(ExportText.FormatDate(value.AsDate())) + ")",
        _ => throw new InvalidOperationException($"Unknown property kind {value.Kind}."),
    };

    /// <summary>A map literal <c>{`k`: v, ...}</c> of the writable properties, in key order.</summary>
    public static string Map(IEnumerable<KeyValuePair<string, PropertyValue>> properties) =>
        "{" + string.Join(", ", properties.Where(p => ExportText.IsWritable(p.Value)).Select(p => Name(p.Key) + ": " + Value(p.Value))) + "}";
}
