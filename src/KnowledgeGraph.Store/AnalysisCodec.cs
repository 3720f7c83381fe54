using System.Collections.Immutable;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using KnowledgeGraph.Core.Entities;
using KnowledgeGraph.Core.Relations;
using KnowledgeGraph.Core.Stages.Assembly;

namespace KnowledgeGraph.Store;

/// <summary>
/// The <c>analyses.data</c> column: one article part's <see cref="DocumentAnalysis"/>, compressed. Kept so an incremental
/// build re-assembles the graph without analysing unchanged articles again. Written as a compact binary form (each
/// distinct string once: the facts of one meeting repeat its sentences pair by pair), which reads back several times
/// faster than the gzip JSON stores held before; that JSON (recognised by gzip's first bytes) is still read.
/// </summary>
internal static class AnalysisCodec
{
    // "KGA" and a format version, then the deflated body; gzip starts 0x1f 0x8b.
    private static ReadOnlySpan<byte> Magic => "KGA\u0001"u8;

    public static byte[] Encode(DocumentAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var strings = new Dictionary<string, int>(StringComparer.Ordinal);
        var table = new List<string>();
        using var body = new MemoryStream();
        using (var w = new BinaryWriter(body, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            void S(string s)
            {
                if (!strings.TryGetValue(s, out var i))
                {
                    strings[s] = i = table.Count;
                    table.Add(s);
                }
                w.Write7BitEncodedInt(i + 1);
            }
            void N(string? s)
            {
                if (s is null)
                    w.Write7BitEncodedInt(0);
                else
                    S(s);
            }
            void D(DateOnly? d) => w.Write7BitEncodedInt(d is { } x ? x.DayNumber + 1 : 0);
            S(analysis.DocumentId);
            w.Write7BitEncodedInt(analysis.Part);
            D(analysis.Published);
            N(analysis.Title);
            w.Write7BitEncodedInt(analysis.Entities.Length);
            foreach (var e in analysis.Entities)
            {
                S(e.Id);
                w.Write7BitEncodedInt((int)e.Kind);
                S(e.Name);
                w.Write7BitEncodedInt(e.Count);
                w.Write7BitEncodedInt(e.Surfaces.Length);
                foreach (var x in e.Surfaces)
                    S(x);
            }
            w.Write7BitEncodedInt(analysis.Facts.Length);
            foreach (var f in analysis.Facts)
            {
                w.Write7BitEncodedInt((int)f.Kind);
                S(f.SubjectId);
                S(f.ObjectId);
                N(f.Role);
                D(f.Date);
                N(f.PlaceId);
                N(f.VisitorId);
                w.Write(f.OnlyIfAway);
                S(f.DocumentId);
                w.Write7BitEncodedInt(f.SentenceIndex);
                S(f.Evidence);
                S(f.Rule);
                w.Write7BitEncodedInt(f.OtherSentences.Length);
                foreach (var x in f.OtherSentences)
                    w.Write7BitEncodedInt(x);
                w.Write7BitEncodedInt(f.OtherEvidence.Length);
                foreach (var x in f.OtherEvidence)
                    S(x);
            }
            w.Write7BitEncodedInt(analysis.Containment.Length);
            foreach (var (inner, outer) in analysis.Containment)
            {
                S(inner);
                S(outer);
            }
            w.Write7BitEncodedInt64(analysis.Bytes);
            w.Write7BitEncodedInt(analysis.Sentences);
        }
        using var result = new MemoryStream();
        result.Write(Magic);
        using (var deflate = new DeflateStream(result, CompressionLevel.Fastest, leaveOpen: true))
        using (var w = new BinaryWriter(deflate, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            w.Write7BitEncodedInt(table.Count);
            foreach (var s in table)
                w.Write(s);
            w.Flush();
            body.Position = 0;
            body.CopyTo(deflate);
        }
        return result.ToArray();
    }

    public static DocumentAnalysis Decode(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!data.AsSpan().StartsWith(Magic))
            return DecodeJson(data);
        using var plain = new MemoryStream(data.Length * 4);
        using (var deflate = new DeflateStream(new MemoryStream(data, Magic.Length, data.Length - Magic.Length), CompressionMode.Decompress))
            deflate.CopyTo(plain);
        plain.Position = 0;
        using var r = new BinaryReader(plain, System.Text.Encoding.UTF8);
        var table = new string[r.Read7BitEncodedInt()];
        for (var i = 0; i < table.Length; i++)
            table[i] = r.ReadString();
        string S() => table[r.Read7BitEncodedInt() - 1];
        string? N() => r.Read7BitEncodedInt() is var i && i == 0 ? null : table[i - 1];
        DateOnly? D() => r.Read7BitEncodedInt() is var d && d == 0 ? null : DateOnly.FromDayNumber(d - 1);
        var documentId = S();
        var part = r.Read7BitEncodedInt();
        var published = D();
        var title = N();
        var entities = ImmutableArray.CreateBuilder<EntityOccurrence>(r.Read7BitEncodedInt());
        for (var i = entities.Capacity; i > 0; i--)
        {
            var id = S();
            var kind = (EntityKind)r.Read7BitEncodedInt();
            var name = S();
            var count = r.Read7BitEncodedInt();
            var surfaces = ImmutableArray.CreateBuilder<string>(r.Read7BitEncodedInt());
            for (var k = surfaces.Capacity; k > 0; k--)
                surfaces.Add(S());
            entities.Add(new EntityOccurrence(id, kind, name, count, surfaces.MoveToImmutable()));
        }
        var facts = ImmutableArray.CreateBuilder<RelationFact>(r.Read7BitEncodedInt());
        for (var i = facts.Capacity; i > 0; i--)
        {
            var kind = (RelationKind)r.Read7BitEncodedInt();
            var subject = S();
            var obj = S();
            var role = N();
            var date = D();
            var place = N();
            var visitor = N();
            var onlyIfAway = r.ReadBoolean();
            var doc = S();
            var sentence = r.Read7BitEncodedInt();
            var evidence = S();
            var rule = S();
            var others = ImmutableArray.CreateBuilder<int>(r.Read7BitEncodedInt());
            for (var k = others.Capacity; k > 0; k--)
                others.Add(r.Read7BitEncodedInt());
            var otherEvidence = ImmutableArray.CreateBuilder<string>(r.Read7BitEncodedInt());
            for (var k = otherEvidence.Capacity; k > 0; k--)
                otherEvidence.Add(S());
            facts.Add(new RelationFact
            {
                Kind = kind,
                SubjectId = subject,
                ObjectId = obj,
                Role = role,
                Date = date,
                PlaceId = place,
                VisitorId = visitor,
                OnlyIfAway = onlyIfAway,
                DocumentId = doc,
                SentenceIndex = sentence,
                Evidence = evidence,
                Rule = rule,
                OtherSentences = others.MoveToImmutable(),
                OtherEvidence = otherEvidence.MoveToImmutable(),
            });
        }
        var containment = ImmutableArray.CreateBuilder<(string, string)>(r.Read7BitEncodedInt());
        for (var i = containment.Capacity; i > 0; i--)
            containment.Add((S(), S()));
        return new DocumentAnalysis
        {
            DocumentId = documentId,
            Part = part,
            Published = published,
            Title = title,
            Entities = entities.MoveToImmutable(),
            Facts = facts.MoveToImmutable(),
            Containment = containment.MoveToImmutable(),
            Bytes = r.Read7BitEncodedInt64(),
            Sentences = r.Read7BitEncodedInt(),
        };
    }

    // The JSON of stores written before the binary form, as they wrote it. The JSON is read from one buffer, not
    // streamed through gzip: the serializer's stream paths are its resumable ones, several times slower.
    internal static byte[] EncodeJson(DocumentAnalysis analysis)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(analysis, AnalysisJson.Default.DocumentAnalysis);
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(json);
        return buffer.ToArray();
    }

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
