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
    public static byte[] Encode(DocumentAnalysis analysis)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            JsonSerializer.Serialize(gzip, analysis, AnalysisJson.Default.DocumentAnalysis);
        return buffer.ToArray();
    }

    public static DocumentAnalysis Decode(byte[] data)
    {
        using var gzip = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
        return JsonSerializer.Deserialize(gzip, AnalysisJson.Default.DocumentAnalysis)
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
