using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.Writers.Json;

namespace KnowledgeGraph.Writers.Tests.Support;

/// <summary>Helpers for the XML round-trip tests: what a graph looks like after XML (control characters dropped).</summary>
internal static class XmlRoundTrip
{
    /// <summary>
    /// The graph with every XML-illegal character removed from its plain strings. List items survive intact: lists are
    /// JSON-array text, where a control character is the legal escape <c>\u0007</c>.
    /// </summary>
    public static PropertyGraph Expected(PropertyGraph graph) => new(
        graph.Nodes.Select(n => n with { Properties = Clean(n.Properties) }),
        graph.Relationships.Select(r => r with { Properties = Clean(r.Properties) }));

    /// <summary>A readable difference for an assertion message.</summary>
    public static string Diff(PropertyGraph expected, PropertyGraph actual)
    {
        var sb = new StringBuilder();
        foreach (var n in expected.Nodes)
        {
            if (!actual.TryGetNode(n.Id, out var m))
                sb.AppendLine($"missing node {n.Id}");
            else if (!n.Equals(m))
                sb.AppendLine($"node {n.Id}: expected {Describe(n.Properties)} got {Describe(m.Properties)}");
        }
        foreach (var (e, a) in expected.Relationships.Zip(actual.Relationships))
        {
            if (!e.Equals(a))
                sb.AppendLine($"rel {e.Id}: expected {e.Type} {e.StartId}->{e.EndId} {Describe(e.Properties)} got {a.Type} {a.StartId}->{a.EndId} {Describe(a.Properties)}");
        }
        return sb.ToString();
    }

    /// <summary>Parses text typed by a declared column type back into a property value (the inverse of the writers).</summary>
    public static PropertyValue Parse(string key, string type, string text) => type switch
    {
        "long" or "int" or "integer" => PropertyValue.Of(long.Parse(text, CultureInfo.InvariantCulture)),
        "double" or "float" => PropertyValue.Of(double.Parse(text, CultureInfo.InvariantCulture)),
        "boolean" => PropertyValue.Of(text == "true"),
        _ when text.StartsWith('[') => PropertyValue.Of(JsonSerializer.Deserialize<string[]>(text)!),
        _ when JsonGraphReader.IsDateKey(key) && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) => PropertyValue.Of(d),
        _ => PropertyValue.Of(text),
    };

    private static ImmutableSortedDictionary<string, PropertyValue> Clean(ImmutableSortedDictionary<string, PropertyValue> props) =>
        props.ToImmutableSortedDictionary(kv => kv.Key, kv => kv.Value.Kind switch
        {
            PropertyKind.String => PropertyValue.Of(Strip(kv.Value.AsString())),
            _ => kv.Value,
        }, StringComparer.Ordinal);

    private static string Strip(string s) => new([.. s.Where(c => c is '\t' or '\n' or '\r' || (c >= ' ' && c != '\uFFFE' && c != '\uFFFF'))]);

    private static string Describe(IEnumerable<KeyValuePair<string, PropertyValue>> props) =>
        "{" + string.Join(", ", props.Select(p => $"{p.Key}:{p.Value.Kind}={p.Value}")) + "}";
}
