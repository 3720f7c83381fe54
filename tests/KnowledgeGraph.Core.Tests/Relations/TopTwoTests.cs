using KnowledgeGraph.Core.Stages.Relations;

namespace KnowledgeGraph.Core.Tests.Relations;

public class TopTwoTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void TopTwo_RandomCounts_SameAsOrderingByCountThenFirst(int seed)
    {
        // Arrange: many small dictionaries with ties in count and in first sentence (so insertion order decides).
        var random = new Random(seed);
        for (var round = 0; round < 500; round++)
        {
            var counts = new Dictionary<string, (int Count, int First)>(StringComparer.Ordinal);
            var size = random.Next(0, 7);
            for (var k = 0; k < size; k++)
                counts[$"p{random.Next(20)}"] = (random.Next(1, 4), random.Next(0, 3));
            var expected = counts.OrderByDescending(kv => kv.Value.Count).ThenBy(kv => kv.Value.First).Take(2).Select(kv => kv.Key).ToArray();

            // Act
            var actual = RelationExtractor.TopTwo(counts);

            // Assert
            Assert.Equal(expected, actual);
        }
    }
}
