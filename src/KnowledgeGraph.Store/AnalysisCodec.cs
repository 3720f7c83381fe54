using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using KnowledgeGraph.Core.Stages.Assembly;

namespace KnowledgeGraph.Store;

/// <summary>
/// The <c>analyses.data</c> column: one article part's <see cref="DocumentAnalysis"/> as gzip-compressed JSON. Kept so
/// an incremental build re-assembles the graph without analysing unchanged articles again.
/// </summary>
internal static class AnalysisCodec
{
    // The JSON is written to and read from one buffer, not streamed through gzip: the serializer's stream paths are its
    // resumable ones, several times slower than reading a whole span.
    public static byte[] Encode(DocumentAnalysis analysis)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(analysis, AnalysisJson.Default.DocumentAnalysis);
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(json);
        return buffer.ToArray();
    }

    public static DocumentAnalysis Decode(byte[] data)
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
