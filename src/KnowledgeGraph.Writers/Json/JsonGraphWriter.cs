using System.Text.Encodings.Web;
using System.Text.Json;
using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.Core.IO;
using KnowledgeGraph.Writers.Internal;

namespace KnowledgeGraph.Writers.Json;

/// <summary>
/// Writes <c>graph.json</c> in the APOC JSON-lines form (<c>apoc.export.json</c> / <c>apoc.import.json</c>): one object per
/// line, nodes first, then relationships. Dates are ISO strings, lists arrays, numbers numbers (floats always carry a
/// decimal point so they read back as floats). Non-finite floats are left out: JSON cannot express them.
/// </summary>
public sealed class JsonGraphWriter : IGraphWriter
{
    /// <summary>The file this writer creates.</summary>
    public const string FileName = "graph.json";

    private static readonly JsonWriterOptions Options = new()
    {
        // Keep non-ASCII readable; quotes, backslashes and control characters are still escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <inheritdoc/>
    public string Name => "json";

    /// <inheritdoc/>
    public string Description => "graph.json: APOC JSON lines (apoc.import.json; read by kg meetings/push and the scorer)";

    /// <inheritdoc/>
    public Task WriteAsync(PropertyGraph graph, string outputDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        return AtomicFile.WriteAsync(Path.Combine(outputDirectory, FileName), (stream, ct) => WriteAsync(graph, stream, ct), cancellationToken);
    }

    /// <summary>Writes the JSON lines to <paramref name="stream"/>.</summary>
    public static async Task WriteAsync(PropertyGraph graph, Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = new MemoryStream();
        var newline = "\n"u8.ToArray();
        // One writer for every line: each line is flushed into the buffer and the writer reset before the next (a new
        // writer per line allocated its own state and buffer).
        using var w = new Utf8JsonWriter(buffer, Options);
        foreach (var node in graph.Nodes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            w.WriteStartObject();
            w.WriteString("type", "node");
            w.WriteString("id", ExportText.ReplaceLoneSurrogates(node.Id));
            WriteLabels(w, "labels", node.Labels);
            WriteProperties(w, node.Properties);
            w.WriteEndObject();
            w.Flush();
            w.Reset();
            buffer.Write(newline);
            await FlushIfLargeAsync(buffer, stream, cancellationToken).ConfigureAwait(false);
        }
        foreach (var rel in graph.Relationships)
        {
            cancellationToken.ThrowIfCancellationRequested();
            graph.TryGetNode(rel.StartId, out var start);
            graph.TryGetNode(rel.EndId, out var end);
            w.WriteStartObject();
            w.WriteString("type", "relationship");
            w.WriteString("id", ExportText.ReplaceLoneSurrogates(rel.Id));
            w.WriteString("label", rel.Type);
            WriteEndpoint(w, "start", start);
            WriteEndpoint(w, "end", end);
            WriteProperties(w, rel.Properties);
            w.WriteEndObject();
            w.Flush();
            w.Reset();
            buffer.Write(newline);
            await FlushIfLargeAsync(buffer, stream, cancellationToken).ConfigureAwait(false);
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    private static async Task FlushIfLargeAsync(MemoryStream buffer, Stream stream, CancellationToken ct)
    {
        if (buffer.Length < 1 << 16)
            return;
        buffer.Position = 0;
        await buffer.CopyToAsync(stream, ct).ConfigureAwait(false);
        buffer.SetLength(0);
    }

    private static void WriteEndpoint(Utf8JsonWriter w, string name, GraphNode node)
    {
        w.WriteStartObject(name);
        w.WriteString("id", ExportText.ReplaceLoneSurrogates(node.Id));
        WriteLabels(w, "labels", node.Labels);
        w.WriteEndObject();
    }

    private static void WriteLabels(Utf8JsonWriter w, string name, IEnumerable<string> labels)
    {
        w.WriteStartArray(name);
        foreach (var l in labels)
            w.WriteStringValue(l);
        w.WriteEndArray();
    }

    private static void WriteProperties(Utf8JsonWriter w, IEnumerable<KeyValuePair<string, PropertyValue>> properties)
    {
        w.WriteStartObject("properties");
        foreach (var (key, value) in properties)
        {
            if (!ExportText.IsWritable(value))
                continue;
            w.WritePropertyName(ExportText.ReplaceLoneSurrogates(key));
            WriteValue(w, value);
        }
        w.WriteEndObject();
    }

    internal static void WriteValue(Utf8JsonWriter w, PropertyValue value)
    {
        switch (value.Kind)
        {
            case PropertyKind.String:
                w.WriteStringValue(ExportText.ReplaceLoneSurrogates(value.AsString()));
                break;
            case PropertyKind.StringList:
                w.WriteStartArray();
                foreach (var item in value.AsList())
                    w.WriteStringValue(ExportText.ReplaceLoneSurrogates(item));
                w.WriteEndArray();
                break;
            case PropertyKind.Integer:
                w.WriteNumberValue(value.AsInteger());
                break;
            case PropertyKind.Float:
                w.WriteRawValue(ExportText.FormatFloat(value.AsFloat()), skipInputValidation: true);
                break;
            case PropertyKind.Boolean:
                w.WriteBooleanValue(value.AsBoolean());
                break;
            case PropertyKind.Date:
                w.WriteStringValue(ExportText.FormatDate(value.AsDate()));
                break;
            default:
                throw new InvalidOperationException($"Unknown property kind {value.Kind}.");
        }
    }
}
