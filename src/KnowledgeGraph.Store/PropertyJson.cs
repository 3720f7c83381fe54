using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using KnowledgeGraph.Core.Graph;

namespace KnowledgeGraph.Store;

/// <summary>
/// The <c>props</c> column of the store: a node's or relationship's properties as one JSON object that reads back to
/// exactly the same typed values. Strings are strings, lists arrays, integers numbers, booleans booleans; a float is
/// <c>{"float": 0.25}</c> and a date <c>{"date": "2023-05-30"}</c>, so no type is guessed from a key or a shape.
/// </summary>
internal static class PropertyJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // One buffer and one writer per thread, reset for each object: WriteGraph writes one object per node and per
    // relationship (a hundred thousand on a 10 MB corpus), and a new stream and writer for each cost more than the JSON.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? _writer;

    public static string Write(IEnumerable<KeyValuePair<string, PropertyValue>> properties)
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var w = _writer ??= new Utf8JsonWriter(buffer, Options);
        w.Reset(buffer);
        {
            w.WriteStartObject();
            foreach (var (key, value) in properties)
            {
                w.WritePropertyName(key);
                switch (value.Kind)
                {
                    case PropertyKind.String:
                        w.WriteStringValue(value.AsString());
                        break;
                    case PropertyKind.StringList:
                        w.WriteStartArray();
                        foreach (var s in value.AsList())
                            w.WriteStringValue(s);
                        w.WriteEndArray();
                        break;
                    case PropertyKind.Integer:
                        w.WriteNumberValue(value.AsInteger());
                        break;
                    case PropertyKind.Float:
                        w.WriteStartObject();
                        // Non-finite floats have no JSON number: kept as their invariant text.
                        if (double.IsFinite(value.AsFloat()))
                            w.WriteNumber("float", value.AsFloat());
                        else
                            w.WriteString("float", value.AsFloat().ToString("R", CultureInfo.InvariantCulture));
                        w.WriteEndObject();
                        break;
                    case PropertyKind.Boolean:
                        w.WriteBooleanValue(value.AsBoolean());
                        break;
                    case PropertyKind.Date:
                        w.WriteStartObject();
                        w.WriteString("date", value.AsDate().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                        w.WriteEndObject();
                        break;
                    default:
                        throw new InvalidOperationException($"Unknown property kind {value.Kind}.");
                }
            }
            w.WriteEndObject();
            w.Flush();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static ImmutableSortedDictionary<string, PropertyValue>.Builder Read(string json)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, PropertyValue>(StringComparer.Ordinal);
        using var doc = JsonDocument.Parse(json);
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            var v = p.Value;
            builder[p.Name] = v.ValueKind switch
            {
                JsonValueKind.String => PropertyValue.Of(v.GetString()!),
                JsonValueKind.Array => PropertyValue.Of(v.EnumerateArray().Select(e => e.GetString()!).ToList()),
                JsonValueKind.Number => PropertyValue.Of(v.GetInt64()),
                JsonValueKind.True => PropertyValue.Of(true),
                JsonValueKind.False => PropertyValue.Of(false),
                JsonValueKind.Object when v.TryGetProperty("date", out var d) =>
                    PropertyValue.Of(DateOnly.ParseExact(d.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture)),
                JsonValueKind.Object when v.TryGetProperty("float", out var f) =>
                    PropertyValue.Of(f.ValueKind == JsonValueKind.Number ? f.GetDouble() : double.Parse(f.GetString()!, CultureInfo.InvariantCulture)),
                _ => throw new FormatException($"property '{p.Name}' has a value the store does not write: {v.GetRawText()}"),
            };
        }
        return builder;
    }
}
