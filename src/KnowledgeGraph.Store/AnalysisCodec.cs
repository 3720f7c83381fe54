using System.IO.Compression;
using System.Text.Json;
using KnowledgeGraph.Core.Stages.Assembly;

namespace KnowledgeGraph.Store;

/// <summary>
/// The <c>analyses.data</c> column: one article part's <see cref="DocumentAnalysis"/> as gzip-compressed JSON. Kept so
/// an incremental build re-assembles the graph without analysing unchanged articles again.
/// </summary>
internal static class AnalysisCodec
{
    // Containment is a list of value tuples, whose items are fields.
    private static readonly JsonSerializerOptions Options = new() { IncludeFields = true };

    public static byte[] Encode(DocumentAnalysis analysis)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            JsonSerializer.Serialize(gzip, analysis, Options);
        return buffer.ToArray();
    }

    public static DocumentAnalysis Decode(byte[] data)
    {
        using var gzip = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
        return JsonSerializer.Deserialize<DocumentAnalysis>(gzip, Options)
            ?? throw new InvalidDataException("an empty analysis in the store");
    }
}
