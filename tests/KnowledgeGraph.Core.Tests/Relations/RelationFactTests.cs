using KnowledgeGraph.Core.Relations;

namespace KnowledgeGraph.Core.Tests.Relations;

public sealed class RelationFactTests
{
    private static RelationFact Met(int sentence, string evidence, DateOnly? date = null) => new()
    {
        Kind = RelationKind.MetWith,
        SubjectId = "person:a",
        ObjectId = "person:b",
        DocumentId = "d.txt",
        SentenceIndex = sentence,
        Evidence = evidence,
        Rule = "rules/relations.rules:1",
        Date = date,
    };

    [Fact]
    public void Aggregate_SameFactInThreeSentences_OneFactListingEverySentenceAndDistinctEvidence()
    {
        // Arrange: sentences 1, 4 and 7 state the same meeting; 4 and 7 have the same text.
        var facts = new[] { Met(1, "A met B."), Met(4, "A and B met."), Met(7, "A and B met.") };

        // Act
        var result = RelationFact.Aggregate(facts);

        // Assert
        var f = Assert.Single(result);
        Assert.Equal(1, f.SentenceIndex);
        Assert.Equal(new[] { 4, 7 }, f.OtherSentences.ToArray());
        Assert.Equal("A met B.", f.Evidence);
        Assert.Equal(new[] { "A and B met." }, f.OtherEvidence.ToArray());
    }

    [Fact]
    public void Aggregate_DifferentDates_StayApart()
    {
        // Arrange
        var facts = new[] { Met(1, "x", new DateOnly(2023, 2, 8)), Met(2, "y", new DateOnly(2023, 2, 14)) };

        // Act
        var result = RelationFact.Aggregate(facts);

        // Assert
        Assert.Equal(2, result.Length);
        Assert.All(result, f => Assert.Empty(f.OtherSentences));
    }

    [Fact]
    public void Aggregate_ThousandRepeats_KeepsAtMostMaxEvidenceSentences()
    {
        // Arrange
        var facts = Enumerable.Range(0, 1000).Select(i => Met(i, $"Sentence {i}."));

        // Act
        var f = Assert.Single(RelationFact.Aggregate(facts));

        // Assert
        Assert.Equal(999, f.OtherSentences.Length);
        Assert.Equal(RelationFact.MaxEvidence - 1, f.OtherEvidence.Length);
    }
}
