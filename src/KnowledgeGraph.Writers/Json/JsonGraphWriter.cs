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

    /// <summary>
    /// A graph.json written before whose lines may be copied for the elements that have not changed since, instead of
    /// being written again (an incremental build changes a small part of a large graph); null: write every line.
    /// </summary>
    public JsonReuse? Reuse { get; init; }

    /// <inheritdoc/>
    public string Name => "json";

    /// <inheritdoc/>
    public string Description => "graph.json: APOC JSON lines (apoc.import.json; read by kg meetings/push and the scorer)";

    /// <inheritdoc/>
    public Task WriteAsync(PropertyGraph graph, string outputDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        return AtomicFile.WriteAsync(Path.Combine(outputDirectory, FileName), (stream, ct) => WriteAsync(graph, stream, Reuse, ct), cancellationToken);
    }

    /// <summary>Writes the JSON lines to <paramref name="stream"/>.</summary>
    public static Task WriteAsync(PropertyGraph graph, Stream stream, CancellationToken cancellationToken) => WriteAsync(graph, stream, null, cancellationToken);

    /// <summary>
    /// Writes the JSON lines to <paramref name="stream"/>, copying from <paramref name="reuse"/>'s file the line of every
    /// element it says is unchanged (when that file has a line for the element's id); the bytes are the same as
    /// writing every line.
    /// </summary>
    public static async Task WriteAsync(PropertyGraph graph, Stream stream, JsonReuse? reuse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = new MemoryStream();
        var newline = "\n"u8.ToArray();
        using var previous = reuse is null ? null : new PreviousLines(reuse.PreviousFile);
        if (reuse is not null)
            reuse.LinesCopied = 0;
        foreach (var node in graph.Nodes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (previous is not null && reuse!.NodeUnchanged(node) && previous.TryCopy(isNode: true, node.Id, buffer))
            {
                reuse.LinesCopied++;
                await FlushIfLargeAsync(buffer, stream, cancellationToken).ConfigureAwait(false);
                continue;
            }
            using (var w = new Utf8JsonWriter(buffer, Options))
            {
                w.WriteStartObject();
                w.WriteString("type", "node");
                w.WriteString("id", ExportText.ReplaceLoneSurrogates(node.Id));
                WriteLabels(w, "labels", node.Labels);
                WriteProperties(w, node.Properties);
                w.WriteEndObject();
            }
            buffer.Write(newline);
            await FlushIfLargeAsync(buffer, stream, cancellationToken).ConfigureAwait(false);
        }
        foreach (var rel in graph.Relationships)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (previous is not null && reuse!.RelationshipUnchanged(rel) && previous.TryCopy(isNode: false, rel.Id, buffer))
            {
                reuse.LinesCopied++;
                await FlushIfLargeAsync(buffer, stream, cancellationToken).ConfigureAwait(false);
                continue;
            }
            graph.TryGetNode(rel.StartId, out var start);
            graph.TryGetNode(rel.EndId, out var end);
            using (var w = new Utf8JsonWriter(buffer, Options))
            {
                w.WriteStartObject();
                w.WriteString("type", "relationship");
                w.WriteString("id", ExportText.ReplaceLoneSurrogates(rel.Id));
                w.WriteString("label", rel.Type);
                WriteEndpoint(w, "start", start);
                WriteEndpoint(w, "end", end);
                WriteProperties(w, rel.Properties);
                w.WriteEndObject();
            }
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

    /// <summary>
    /// The lines of a graph.json written before, read forward once in step with the graph being written (both are in
    /// id order, nodes first): a line is copied only when its element's kind and id are the ones asked for.
    /// </summary>
    private sealed class PreviousLines : IDisposable
    {
        private readonly FileStream _file;
        private byte[] _buffer = new byte[1 << 16];
        private int _start, _end, _lineEnd;
        private bool _eof;
        private bool _has;
        private bool? _isNode;
        private string? _id;

        public PreviousLines(string path)
        {
            _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            Next();
        }

        public bool TryCopy(bool isNode, string id, MemoryStream into)
        {
            while (_has)
            {
                // Node lines left when relationships are asked for are skipped; a relationship line waits for them.
                if (_isNode is null || (_isNode == true && !isNode))
                {
                    Next();
                    continue;
                }
                if (_isNode == false && isNode)
                    return false;
                var c = string.CompareOrdinal(_id, id);
                if (c > 0)
                    return false;
                if (c == 0)
                    into.Write(_buffer, _start, _lineEnd - _start);
                Next();
                if (c == 0)
                    return true;
            }
            return false;
        }

        // Moves to the next line (newline included) and reads its kind and id; a line of another shape has neither.
        private void Next()
        {
            _start = _lineEnd;
            _has = false;
            while (true)
            {
                var nl = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
                if (nl >= 0)
                {
                    _lineEnd = nl + 1;
                    break;
                }
                if (_eof)
                {
                    if (_start == _end)
                        return;
                    // A last line without its newline (a file cut short) is never copied.
                    _lineEnd = _end;
                    _has = true;
                    (_isNode, _id) = (null, null);
                    return;
                }
                Fill();
            }
            _has = true;
            (_isNode, _id) = Header(_buffer.AsSpan(_start, _lineEnd - _start));
        }

        private void Fill()
        {
            // Keep the line begun; make room (doubling for a line longer than the buffer) and read on.
            var kept = _end - _start;
            if (kept > _buffer.Length / 2)
                Array.Resize(ref _buffer, _buffer.Length * 2);
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, kept);
            _lineEnd -= _start;
            _start = 0;
            _end = kept;
            var n = _file.Read(_buffer, _end, _buffer.Length - _end);
            if (n == 0)
                _eof = true;
            _end += n;
        }

        private static (bool? IsNode, string? Id) Header(ReadOnlySpan<byte> line)
        {
            try
            {
                var r = new Utf8JsonReader(line, isFinalBlock: false, default);
                if (!r.Read() || r.TokenType != JsonTokenType.StartObject || !r.Read() || !r.ValueTextEquals("type"u8) || !r.Read() ||
                    r.TokenType != JsonTokenType.String)
                    return (null, null);
                bool? isNode = r.ValueTextEquals("node"u8) ? true : r.ValueTextEquals("relationship"u8) ? false : null;
                if (isNode is null || !r.Read() || !r.ValueTextEquals("id"u8) || !r.Read() || r.TokenType != JsonTokenType.String)
                    return (null, null);
                return (isNode, r.GetString());
            }
            catch (JsonException)
            {
                return (null, null);
            }
        }

        public void Dispose() => _file.Dispose();
    }
}

/// <summary>What <see cref="JsonGraphWriter"/> may copy from a graph.json written before, and how much it did.</summary>
/// <param name="PreviousFile">That graph.json.</param>
/// <param name="NodeUnchanged">True for a node whose line in that file is still right (same id, labels and properties).</param>
/// <param name="RelationshipUnchanged">True for a relationship whose line is still right (same id, type, ends with their labels, properties).</param>
public sealed class JsonReuse(string PreviousFile, Func<GraphNode, bool> NodeUnchanged, Func<GraphRelationship, bool> RelationshipUnchanged)
{
    /// <summary>That graph.json.</summary>
    public string PreviousFile { get; } = PreviousFile;

    /// <summary>True for a node whose line in that file is still right.</summary>
    public Func<GraphNode, bool> NodeUnchanged { get; } = NodeUnchanged;

    /// <summary>True for a relationship whose line in that file is still right.</summary>
    public Func<GraphRelationship, bool> RelationshipUnchanged { get; } = RelationshipUnchanged;

    /// <summary>Lines copied by the last write.</summary>
    public long LinesCopied { get; internal set; }
}
