using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using KnowledgeGraph.Core.Errors;
using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.Core.IO;

namespace KnowledgeGraph.Writers.Json;

/// <summary>
/// Reads a <c>graph.json</c> written by <see cref="JsonGraphWriter"/> (APOC JSON lines) back into a <see cref="PropertyGraph"/>.
/// Typing rules, the inverse of the writer's: strings stay strings, except under a date key (<c>date</c>, <c>published</c>,
/// or a key ending in <c>Date</c>) where an exact <c>yyyy-MM-dd</c> string becomes a <see cref="PropertyKind.Date"/>;
/// arrays of strings become lists; numbers without a decimal point or exponent become integers, others floats; booleans
/// stay booleans; nulls are dropped.
/// </summary>
public static class JsonGraphReader
{
    /// <summary>Reads the graph in <paramref name="path"/>.</summary>
    /// <exception cref="KnowledgeGraphException">The file is missing, a line is not valid JSON or not a node/relationship, or the graph is inconsistent; the message names file and line.</exception>
    public static async Task<PropertyGraph> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw KnowledgeGraphException.DataFile(path, "file not found; run `kg build` first or pass the folder that holds graph.json.");
        using var reader = new StreamReader(path, AtomicFile.Utf8NoBom, detectEncodingFromByteOrderMarks: true);
        return await ReadAsync(reader, path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the graph from <paramref name="reader"/>; <paramref name="sourceName"/> names it in errors.</summary>
    public static async Task<PropertyGraph> ReadAsync(TextReader reader, string sourceName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var nodes = new List<GraphNode>();
        var rels = new List<GraphRelationship>();
        var lineNo = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            try
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                    throw new FormatException("expected a JSON object");
                var type = RequiredString(root, "type");
                var id = RequiredString(root, "id");
                var props = ReadProperties(root);
                switch (type)
                {
                    case "node":
                        nodes.Add(new GraphNode(id, ReadLabels(root, "labels"), props));
                        break;
                    case "relationship":
                        var label = RequiredString(root, "label");
                        var start = RequiredString(Required(root, "start"), "id");
                        var end = RequiredString(Required(root, "end"), "id");
                        rels.Add(new GraphRelationship(id, label, start, end, props));
                        break;
                    default:
                        throw new FormatException($"unknown \"type\" '{type}' (expected node or relationship)");
                }
            }
            catch (JsonException ex)
            {
                throw Malformed(sourceName, lineNo, $"not valid JSON ({ex.Message})", ex);
            }
            catch (FormatException ex)
            {
                throw Malformed(sourceName, lineNo, ex.Message, ex);
            }
        }
        try
        {
            return new PropertyGraph(nodes, rels);
        }
        catch (ArgumentException ex)
        {
            throw new KnowledgeGraphException(ErrorKind.Validation, $"{sourceName}: {ex.Message}", sourceName, null, ex);
        }
    }

    /// <summary>True when a string under <paramref name="key"/> is read as a date.</summary>
    public static bool IsDateKey(string key) =>
        key is "date" or "published" || (key.Length > 4 && key.EndsWith("Date", StringComparison.Ordinal));

    private static KnowledgeGraphException Malformed(string file, int line, string message, Exception inner) =>
        new(ErrorKind.Validation, $"{file}:{line}: {message}. Each line must be one APOC JSON object as written by `kg build --format json`.", file, line, inner);

    private static JsonElement Required(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : throw new FormatException($"missing object \"{name}\"");

    private static string RequiredString(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : throw new FormatException($"missing string \"{name}\"");

    private static ImmutableArray<string> ReadLabels(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.Array || v.GetArrayLength() == 0)
            throw new FormatException($"missing array \"{name}\"");
        return [.. v.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new FormatException($"\"{name}\" must hold strings"))];
    }

    private static ImmutableSortedDictionary<string, PropertyValue> ReadProperties(JsonElement obj)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, PropertyValue>(StringComparer.Ordinal);
        if (!obj.TryGetProperty("properties", out var props))
            return builder.ToImmutable();
        if (props.ValueKind != JsonValueKind.Object)
            throw new FormatException("\"properties\" must be an object");
        foreach (var p in props.EnumerateObject())
        {
            if (ReadValue(p.Name, p.Value) is { } value)
                builder[p.Name] = value;
        }
        return builder.ToImmutable();
    }

    private static PropertyValue? ReadValue(string key, JsonElement v)
    {
        switch (v.ValueKind)
        {
            case JsonValueKind.String:
                var s = v.GetString()!;
                return IsDateKey(key) && s.Length == 10 && DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                    ? PropertyValue.Of(d)
                    : PropertyValue.Of(s);
            case JsonValueKind.Number:
                var raw = v.GetRawText();
                if (raw.AsSpan().IndexOfAny(".eE") < 0 && v.TryGetInt64(out var l))
                    return PropertyValue.Of(l);
                return PropertyValue.Of(v.GetDouble());
            case JsonValueKind.True:
                return PropertyValue.Of(true);
            case JsonValueKind.False:
                return PropertyValue.Of(false);
            case JsonValueKind.Array:
                return PropertyValue.Of(v.EnumerateArray().Select(e => e.ValueKind switch
                {
                    JsonValueKind.String => e.GetString()!,
                    JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => e.GetRawText(),
                    _ => throw new FormatException($"property \"{key}\" holds a list item that is not a string or number"),
                }).ToList());
            case JsonValueKind.Null:
                return null;
            default:
                throw new FormatException($"property \"{key}\" holds a nested object, which the graph model cannot represent");
        }
    }
}
