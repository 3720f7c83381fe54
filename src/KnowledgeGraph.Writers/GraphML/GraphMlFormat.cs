using System.Globalization;
using System.Xml;
using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.Writers.Internal;

namespace KnowledgeGraph.Writers.GraphML;

/// <summary>One declared GraphML key for a property column.</summary>
/// <param name="Key">The property key in the graph.</param>
/// <param name="Id">The key's id in the file.</param>
/// <param name="AttrName">The <c>attr.name</c>: what every reader calls the property.</param>
/// <param name="AttrType">One of the six GraphML types.</param>
/// <param name="AttrList">APOC's <c>attr.list</c> element type for list-valued keys, else null.</param>
internal sealed record GraphMlKey(string Key, string Id, string AttrName, string AttrType, string? AttrList);

/// <summary>What the two GraphML writers share: keys, value text and data elements.</summary>
internal static class GraphMlFormat
{
    /// <summary>The GraphML id of each node, n0, n1, … in node order (our ids may hold characters XML ids cannot).</summary>
    public static Dictionary<string, string> NodeXmlIds(IReadOnlyList<GraphNode> nodes)
    {
        var ids = new Dictionary<string, string>(nodes.Count, StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++)
            ids[nodes[i].Id] = "n" + i.ToString(CultureInfo.InvariantCulture);
        return ids;
    }

    /// <summary>A value as GraphML data text: lists as JSON arrays, dates ISO, floats round-trip.</summary>
    public static string FormatValue(PropertyValue v) => v.Kind switch
    {
        PropertyKind.StringList => ExportText.JsonArray(v.AsList()),
        PropertyKind.Float => ExportText.FormatFloat(v.AsFloat()),
        _ => v.ToInvariantString(),
    };

    /// <summary>The GraphML type of a column: only the six types of the spec (APOC rejects any other).</summary>
    public static string AttrType(PropertyColumn c) => c.Mixed ? "string" : c.Kind switch
    {
        PropertyKind.Integer => "long",
        PropertyKind.Float => "double",
        PropertyKind.Boolean => "boolean",
        _ => "string",
    };

    /// <summary>
    /// Keys for property columns: <c>attr.name</c> is the property key (made an NMTOKEN, renamed <c>name_2</c> when it
    /// would shadow a key the format gives a meaning to), the id is <paramref name="idPrefix"/> + name. With
    /// <paramref name="markLists"/>, list-valued keys get APOC's <c>attr.list</c> (an extension plain GraphML lacks).
    /// </summary>
    public static List<GraphMlKey> BuildKeys(IEnumerable<PropertyColumn> columns, string idPrefix, IEnumerable<string> reserved, bool markLists)
    {
        var keys = new List<GraphMlKey>();
        var names = new HashSet<string>(reserved, StringComparer.Ordinal);
        foreach (var c in columns)
        {
            var name = XmlOutput.ToNmToken(c.Key);
            if (!names.Add(name))
            {
                var n = 2;
                while (!names.Add($"{name}_{n.ToString(CultureInfo.InvariantCulture)}"))
                    n++;
                name = $"{name}_{n.ToString(CultureInfo.InvariantCulture)}";
            }
            var list = markLists && !c.Mixed && c.Kind == PropertyKind.StringList ? "string" : null;
            keys.Add(new GraphMlKey(c.Key, idPrefix + name, name, AttrType(c), list));
        }
        return keys;
    }

    /// <summary>Writes a <c>&lt;key&gt;</c>; <paramref name="attrList"/> adds APOC's <c>attr.list</c>.</summary>
    public static void WriteKey(XmlWriter w, string id, string domain, string attrName, string attrType, string? attrList = null)
    {
        w.WriteStartElement("key", GraphMlWriter.Namespace);
        w.WriteAttributeString("id", id);
        w.WriteAttributeString("for", domain);
        w.WriteAttributeString("attr.name", attrName);
        w.WriteAttributeString("attr.type", attrType);
        if (attrList is not null)
            w.WriteAttributeString("attr.list", attrList);
        w.WriteEndElement();
    }

    /// <summary>Writes the keys of property columns.</summary>
    public static void WriteKeys(XmlWriter w, string domain, IEnumerable<GraphMlKey> keys)
    {
        foreach (var k in keys)
            WriteKey(w, k.Id, domain, k.AttrName, k.AttrType, k.AttrList);
    }

    /// <summary>Writes one <c>&lt;data&gt;</c> with XML-safe text.</summary>
    public static void WriteData(XmlWriter w, string key, string value)
    {
        w.WriteStartElement("data", GraphMlWriter.Namespace);
        w.WriteAttributeString("key", key);
        w.WriteString(ExportText.ToXmlSafe(value));
        w.WriteEndElement();
    }

    /// <summary>Writes the data of every property the element has among <paramref name="keys"/>.</summary>
    public static void WriteProperties(XmlWriter w, IReadOnlyDictionary<string, PropertyValue> properties, IEnumerable<GraphMlKey> keys)
    {
        foreach (var k in keys)
        {
            if (properties.TryGetValue(k.Key, out var v) && ExportText.IsWritable(v))
                WriteData(w, k.Id, FormatValue(v));
        }
    }
}
