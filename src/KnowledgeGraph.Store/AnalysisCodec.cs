using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using KnowledgeGraph.Core.Stages.Assembly;

namespace KnowledgeGraph.Store;

/// <summary>
/// The <c>analyses.data</c> column: one article part's <see cref="DocumentAnalysis"/>, compressed. Kept so an
/// incremental build re-assembles the graph without analysing unchanged articles again. Written as
/// <see cref="BinaryAnalysisCodec"/> bytes (a two-byte header, the uncompressed length, then raw deflate); stores written
/// before hold gzip-compressed JSON, which is still read.
/// </summary>
internal static class AnalysisCodec
{
    // "K" and the format's version; a gzip stream (the JSON rows) starts 1F 8B.
    private const byte Magic = (byte)'K';
    private const byte Version = 1;
    private const int HeaderLength = 6;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _buffer;

    // Every analysis is written and read once per build (and read again by every incremental build): JSON text through
    // gzip cost about a tenth of a full build's CPU time, the binary form a fraction of that.
    public static byte[] Encode(DocumentAnalysis analysis)
    {
        var raw = _buffer ??= new ArrayBufferWriter<byte>(16 * 1024);
        raw.ResetWrittenCount();
        BinaryAnalysisCodec.Write(analysis, raw);
        using var buffer = new MemoryStream(raw.WrittenCount / 2 + HeaderLength);
        Span<byte> header = [Magic, Version, 0, 0, 0, 0];
        BinaryPrimitives.WriteInt32LittleEndian(header[2..], raw.WrittenCount);
        buffer.Write(header);
        using (var deflate = new DeflateStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            deflate.Write(raw.WrittenSpan);
        return buffer.ToArray();
    }

    public static DocumentAnalysis Decode(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length >= HeaderLength && data[0] == Magic)
        {
            if (data[1] != Version)
                throw new InvalidDataException($"a stored analysis of format {data[1]}, this kg reads {Version}");
            var length = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(2));
            var raw = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                using (var deflate = new DeflateStream(new MemoryStream(data, HeaderLength, data.Length - HeaderLength), CompressionMode.Decompress))
                    deflate.ReadExactly(raw, 0, length);
                return BinaryAnalysisCodec.Read(raw.AsSpan(0, length));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(raw);
            }
        }
        return DecodeJson(data);
    }

    /// <summary>Encodes as the stores before the binary form did (gzip JSON): for tests that read old stores.</summary>
    internal static byte[] EncodeJson(DocumentAnalysis analysis)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(analysis, AnalysisJson.Default.DocumentAnalysis);
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(json);
        return buffer.ToArray();
    }

    // The JSON is read from one buffer, not streamed through gzip: the serializer's stream paths are its resumable ones,
    // several times slower than reading a whole span.
    private static DocumentAnalysis DecodeJson(byte[] data)
    {
        using var json = new MemoryStream(data.Length * 4);
        using (var gzip = new GZipStream(new MemoryStream(data), CompressionMode.Decompress))
            gzip.CopyTo(json);
        return JsonSerializer.Deserialize(json.GetBuffer().AsSpan(0, (int)json.Length), AnalysisJson.Default.DocumentAnalysis)
            ?? throw new InvalidDataException("an empty analysis in the store");
    }
}

/// <summary>
/// The analysis JSON's contract, generated at compile time: the same JSON the reflection-based serializer writes
/// (containment is a list of value tuples, whose items are fields), without building that contract by reflection and
/// compiling its accessors in every process, which cost more than the writing itself on a small build.
/// </summary>
[JsonSourceGenerationOptions(IncludeFields = true)]
[JsonSerializable(typeof(DocumentAnalysis))]
internal sealed partial class AnalysisJson : JsonSerializerContext;
