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

    [Fact]
    public void Decode_GzipJsonOfEarlierStores_SameAnalysis()
    {
        // Arrange: an analysis as stores written before the binary form hold it.
        var analysis = Sample();

        // Act
        var back = AnalysisCodec.Decode(AnalysisCodec.EncodeJson(analysis));

        // Assert
        Assert.Equal(JsonSerializer.Serialize(analysis, AnalysisJson.Default.DocumentAnalysis), JsonSerializer.Serialize(back, AnalysisJson.Default.DocumentAnalysis));
    }

    [Theory]
    [InlineData(typeof(DocumentAnalysis), "DocumentId,Part,Published,Title,Entities,Facts,Containment,Bytes,Sentences")]
    [InlineData(typeof(EntityOccurrence), "Id,Kind,Name,Count,Surfaces")]
    [InlineData(typeof(RelationFact), "Kind,SubjectId,ObjectId,Role,Date,PlaceId,VisitorId,OnlyIfAway,DocumentId,SentenceIndex,Evidence,Rule,OtherSentences,OtherEvidence")]
    public void Codec_CoversEveryPropertyOfTheAnalysis(Type type, string written)
    {
        // Arrange: the properties the binary form writes (AnalysisCodec.Encode and Decode).
        var expected = written.Split(',').Order(StringComparer.Ordinal);

        // Act: the properties the type has; one added to it must be added to the codec (and here).
        var actual = type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance)
            .Where(p => p.CanWrite && p.Name != "EqualityContract").Select(p => p.Name).Order(StringComparer.Ordinal);

        // Assert
        Assert.Equal(expected, actual);
    }
}
