using KnowledgeGraph.Core.Entities;

namespace KnowledgeGraph.Core.Tests.Entities;

public class NormalizeKeyMemoTests
{
    private static Gazetteer WithSpelling(params (string Us, string Uk)[] pairs) => new([], [], [], [], [], pairs);

    [Fact]
    public void NormalizeKey_TwoGazetteersInterleavedOnOneThread_EachAnswersFromItsOwnMap()
    {
        // Arrange: the same key instances asked of two gazetteers whose maps differ.
        var british = WithSpelling(("defense", "defence"), ("color", "colour"));
        var none = WithSpelling();
        var keys = new[] { "defence", "colour", "talks", "defense" };

        // Act / Assert: several rounds, so answers come from the per-thread table too.
        for (var round = 0; round < 3; round++)
        {
            Assert.Equal(["defense", "color", "talks", "defense"], keys.Select(british.NormalizeKey));
            Assert.Equal(keys, keys.Select(none.NormalizeKey));
        }
    }

    [Fact]
    public void NormalizeKey_ManyKeysOnSeveralThreads_SameAsTheMap()
    {
        // Arrange: more distinct keys than the table has slots, new and repeated instances, equal strings of other instances.
        var gazetteer = WithSpelling(("defense", "defence"), ("organize", "organise"));
        var keys = Enumerable.Range(0, 20_000).Select(i => i % 7 == 0 ? "defence" : i % 11 == 0 ? new string("organise".AsSpan()) : $"w{i % 6000}").ToArray();
        static string Expected(string k) => k == "defence" ? "defense" : k == "organise" ? "organize" : k;

        // Act / Assert
        Parallel.For(0, 4, _ =>
        {
            for (var round = 0; round < 2; round++)
            {
                foreach (var k in keys)
                    Assert.Equal(Expected(k), gazetteer.NormalizeKey(k));
            }
        });
    }
}
