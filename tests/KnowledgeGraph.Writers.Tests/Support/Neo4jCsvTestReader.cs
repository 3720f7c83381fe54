using System.Collections.Immutable;
using System.Globalization;
using CsvHelper;
using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.Writers.Csv;

namespace KnowledgeGraph.Writers.Tests.Support;

/// <summary>Reads a neo4j/ folder back the way neo4j-admin interprets the headers, for round trips.</summary>
internal static class Neo4jCsvTestReader
{
    public static PropertyGraph Read(string dir)
    {
        var nodes = new List<GraphNode>();
        foreach (var file in Directory.GetFiles(dir, "nodes-*.csv").Order(StringComparer.Ordinal))
        {
            foreach (var (fields, header) in Rows(file))
                nodes.Add(new GraphNode(fields[0], [fields[1]], Props(fields, header, 2)));
        }
        var rels = new List<GraphRelationship>();
        foreach (var file in Directory.GetFiles(dir, "rels-*.csv").Order(StringComparer.Ordinal))
        {
            foreach (var (fields, header) in Rows(file))
                rels.Add(new GraphRelationship(fields[3], fields[2], fields[0], fields[1], Props(fields, header, 4)));
        }
        return new PropertyGraph(nodes, rels);
    }

    public static ImmutableSortedDictionary<string, PropertyValue> ReplaceSemicolons(ImmutableSortedDictionary<string, PropertyValue> props) =>
        props.ToImmutableSortedDictionary(kv => kv.Key, kv => kv.Value.Kind == PropertyKind.StringList
            ? PropertyValue.Of(kv.Value.AsList().Select(s => s.Replace(';', Neo4jCsvWriter.ArrayDelimiterReplacement)))
            : kv.Value, StringComparer.Ordinal);

    private static List<(string[] Fields, string[] Header)> Rows(string file)
    {
        using var reader = CsvReader.Create(new StringReader(File.ReadAllText(file)), CsvReaderOptions.Default with { HasHeader = false });
        string[]? header = null;
        var rows = new List<(string[] Fields, string[] Header)>();
        while (reader.Read())
        {
            var fields = Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i)).ToArray();
            if (header is null)
                header = fields;
            else
                rows.Add((fields, header));
        }
        return rows;
    }

    private static ImmutableSortedDictionary<string, PropertyValue> Props(string[] fields, string[] header, int first)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, PropertyValue>(StringComparer.Ordinal);
        for (var i = first; i < header.Length; i++)
        {
            if (fields[i].Length == 0)
                continue; // neo4j-admin does not store empty cells
            var colon = header[i].LastIndexOf(':');
            var (name, type) = (header[i][..colon], header[i][(colon + 1)..]);
            builder[name] = type switch
            {
                "string[]" => PropertyValue.Of(fields[i].Split(';')),
                "long" => PropertyValue.Of(long.Parse(fields[i], CultureInfo.InvariantCulture)),
                "double" => PropertyValue.Of(double.Parse(fields[i], CultureInfo.InvariantCulture)),
                "boolean" => PropertyValue.Of(fields[i] == "true"),
                "date" => PropertyValue.Of(DateOnly.ParseExact(fields[i], "yyyy-MM-dd", CultureInfo.InvariantCulture)),
                _ => PropertyValue.Of(fields[i]),
            };
        }
        return builder.ToImmutable();
    }
}
