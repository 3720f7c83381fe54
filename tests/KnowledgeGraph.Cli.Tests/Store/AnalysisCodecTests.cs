using System.Text.Json;
using KnowledgeGraph.Core.Entities;
using KnowledgeGraph.Core.Relations;
using KnowledgeGraph.Core.Stages.Assembly;
using KnowledgeGraph.Store;

namespace KnowledgeGraph.Cli.Tests.Store;

public sealed class AnalysisCodecTests
{
    private static DocumentAnalysis Sample() => new()
    {
        DocumentId = "003_oslo.txt",
        Part = 1,
        Published = new DateOnly(2023, 5, 30),
        Title = "Stoltenberg in Oslo — \"talks\"",
        Entities = [new EntityOccurrence("person:stoltenberg", EntityKind.Person, "Jens Stoltenberg", 3, ["Stoltenberg", "Jens Stoltenberg"])],
        Facts =
        [
            new RelationFact
            {
                Kind = RelationKind.MetWith, SubjectId = "person:stoltenberg", ObjectId = "person:store", Role = null,
                Date = new DateOnly(2023, 5, 30), PlaceId = "city:3143244", VisitorId = "person:stoltenberg", OnlyIfAway = true,
                DocumentId = "003_oslo.txt", SentenceIndex = 2, Evidence = "Jens Stoltenberg met Jonas Gahr Støre.", Rule = "rules/relations.rules:42",
                OtherSentences = [4, 7], OtherEvidence = ["They met again."],
            },
            new RelationFact
            {
                Kind = RelationKind.MemberOf, SubjectId = "person:store", ObjectId = "country:no", Role = "Prime Minister",
                DocumentId = "003_oslo.txt", Evidence = "Prime Minister Støre", Rule = "rules/relations.rules:7",
            },
        ],
        Containment = [("loc:nato-hq", "city:brussels")],
        Bytes = 4096,
        Sentences = 12,
    };

    [Fact]
    public void GeneratedContract_SameJsonAsTheReflectionSerializer()
    {
        // Arrange: what the store wrote before the contract was generated.
        var analysis = Sample();
        var reflection = JsonSerializer.Serialize(analysis, new JsonSerializerOptions { IncludeFields = true });

        // Act
        var generated = JsonSerializer.Serialize(analysis, AnalysisJson.Default.DocumentAnalysis);

        // Assert: stores written by either build read the same.
        Assert.Equal(reflection, generated);
        Assert.Contains("\"Item1\":\"loc:nato-hq\"", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_Encoded_SameAnalysis()
    {
        // Arrange
        var analysis = Sample();

        // Act
        var back = AnalysisCodec.Decode(AnalysisCodec.Encode(analysis));

        // Assert
        Assert.Equal(JsonSerializer.Serialize(analysis, AnalysisJson.Default.DocumentAnalysis), JsonSerializer.Serialize(back, AnalysisJson.Default.DocumentAnalysis));
        Assert.Equal([4, 7], back.Facts[0].OtherSentences.ToArray());
        Assert.Equal(("loc:nato-hq", "city:brussels"), back.Containment[0]);
    }

    private static string Json(DocumentAnalysis a) => JsonSerializer.Serialize(a, AnalysisJson.Default.DocumentAnalysis);

    // What the stores wrote before the binary form: the binary round trip must give what the JSON round trip gave.
    private static void AssertSameAsJsonRoundTrip(DocumentAnalysis analysis)
    {
        var viaJson = AnalysisCodec.Decode(AnalysisCodec.EncodeJson(analysis));
        var viaBinary = AnalysisCodec.Decode(AnalysisCodec.Encode(analysis));
        Assert.Equal(Json(viaJson), Json(viaBinary));
        Assert.Equal(Json(analysis), Json(viaBinary));
    }

    [Fact]
    public void Encode_BinaryForm_NotGzip()
    {
        // Arrange
        var analysis = Sample();

        // Act
        var data = AnalysisCodec.Encode(analysis);

        // Assert: a header the decoder tells from the gzip JSON of older stores (which starts 1F 8B).
        Assert.Equal((byte)'K', data[0]);
        Assert.Equal(0x1F, AnalysisCodec.EncodeJson(analysis)[0]);
    }

    [Fact]
    public void Decode_OldGzipJsonRow_SameAnalysis()
    {
        // Arrange: a row as stores before the binary form hold it.
        var analysis = Sample();

        // Act
        var back = AnalysisCodec.Decode(AnalysisCodec.EncodeJson(analysis));

        // Assert
        Assert.Equal(Json(analysis), Json(back));
    }

    [Fact]
    public void Decode_Encoded_SameAsJsonRoundTrip_EdgeValues()
    {
        // Arrange: nulls, empty lists, repeated strings, lone surrogates, non-ASCII, extreme numbers and dates.
        var lone = "broken \uD800 half" + "\uDC00";
        var analyses = new[]
        {
            Sample(),
            new DocumentAnalysis { DocumentId = "", Entities = [], Facts = [], Containment = [] },
            Sample() with
            {
                Part = int.MaxValue,
                Published = DateOnly.MinValue,
                Title = lone,
                Bytes = long.MaxValue,
                Sentences = int.MinValue,
                Entities =
                [
                    new EntityOccurrence(lone, EntityKind.Event, "Ærø — 東京 😀", -1, []),
                    new EntityOccurrence(lone, (EntityKind)77, "", 0, [lone, lone, "\uDBFF"]),
                ],
                Facts =
                [
                    new RelationFact
                    {
                        Kind = (RelationKind)(-3), SubjectId = "", ObjectId = lone, Date = DateOnly.MaxValue, DocumentId = lone,
                        SentenceIndex = -5, Evidence = lone, Rule = "", OtherSentences = [int.MinValue, 0, int.MaxValue], OtherEvidence = [""],
                    },
                    Sample().Facts[0],
                    Sample().Facts[0] with { Evidence = Sample().Facts[1].Evidence, PlaceId = null, VisitorId = "", OnlyIfAway = false },
                ],
                Containment = [("a", "a"), (lone, ""), ("a", lone)],
            },
        };

        // Act / Assert
        foreach (var analysis in analyses)
            AssertSameAsJsonRoundTrip(analysis);
    }

    [Fact]
    public void Decode_Encoded_DefaultArraysStayDefault()
    {
        // Arrange: arrays never set (the JSON serializer cannot write these; the binary form keeps them as they were).
        var analysis = Sample() with
        {
            Containment = default,
            Facts = [Sample().Facts[0] with { OtherSentences = default, OtherEvidence = default }],
            Entities = [new EntityOccurrence("x", EntityKind.Person, "X", 1, default)],
        };

        // Act
        var back = AnalysisCodec.Decode(AnalysisCodec.Encode(analysis));

        // Assert
        Assert.True(back.Containment.IsDefault);
        Assert.True(back.Facts[0].OtherSentences.IsDefault);
        Assert.True(back.Facts[0].OtherEvidence.IsDefault);
        Assert.True(back.Entities[0].Surfaces.IsDefault);
    }

    [Fact]
    public void Decode_Encoded_EveryPropertyKept()
    {
        // Arrange: every settable property of the analysis, its facts and its entities given a value other than its
        // default, found by reflection, so a property added to these records and forgotten by the codec fails here.
        var analysis = Filled(Sample() with
        {
            Facts = [Filled(Sample().Facts[1], 1), Filled(Sample().Facts[1], 2)],
            Entities = [Filled(Sample().Entities[0], 3)],
        }, 4);

        // Act / Assert
        AssertSameAsJsonRoundTrip(analysis);
        Assert.Equal(Json(analysis), Json(AnalysisCodec.Decode(AnalysisCodec.Encode(analysis))));
    }

    // A copy with each writable scalar, string, date and list property set to a value derived from its name and seed.
    private static T Filled<T>(T record, int seed)
        where T : class
    {
        var copy = (T)typeof(T).GetMethod("<Clone>$")!.Invoke(record, null)!;
        foreach (var p in typeof(T).GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance))
        {
            if (!p.CanWrite)
                continue;
            var t = p.PropertyType;
            object? value =
                t == typeof(string) ? $"{p.Name}-{seed}" :
                t == typeof(int) ? 1000 + seed :
                t == typeof(long) ? 1L << (32 + seed) :
                t == typeof(bool) ? true :
                t == typeof(DateOnly?) || t == typeof(DateOnly) ? new DateOnly(2020 + seed, 2, 3) :
                t.IsEnum ? Enum.ToObject(t, 2) :
                t == typeof(System.Collections.Immutable.ImmutableArray<string>) ? System.Collections.Immutable.ImmutableArray.Create($"{p.Name}-a{seed}", $"{p.Name}-b{seed}") :
                t == typeof(System.Collections.Immutable.ImmutableArray<int>) ? System.Collections.Immutable.ImmutableArray.Create(seed, seed + 5) :
                null;
            if (value is not null)
                p.SetValue(copy, value);
        }
        return copy;
    }
}
