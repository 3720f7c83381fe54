using KnowledgeGraph.Core.Stages.Loading;

namespace KnowledgeGraph.Core.Tests.Loading;

public class SeedTests
{
    [Fact]
    public async Task ReadAsync_Seeds_FindStatedDatesAndDropChrome()
    {
        // Arrange
        var boilerplate = BoilerplateRules.Load(Path.Combine(AppContext.BaseDirectory, "data", "lexicon", "boilerplate.csv"));
        var options = new FileDocumentSourceOptions { Inputs = [Path.Combine(Support.Repo.Root, "seeds")], Boilerplate = boilerplate };

        // Act
        var (docs, warnings, _) = await Load.AllAsync(options);

        // Assert
        Assert.Empty(warnings);
        var published = docs.ToDictionary(d => d.Id[..3], d => d.Published);
        Assert.Null(published["000"]);
        Assert.Null(published["001"]);
        Assert.Equal(new DateOnly(2023, 9, 28), published["002"]);
        Assert.Equal(new DateOnly(2023, 5, 30), published["003"]);
        Assert.Null(published["004"]);

        var dod = docs.Single(d => d.Id.StartsWith("000", StringComparison.Ordinal)).Text;
        Assert.StartsWith("NATO Leader Visits Austin in Advance of Brussels Meeting\n", dod, StringComparison.Ordinal);
        Assert.DoesNotContain("Photo By", dod, StringComparison.Ordinal);
        Assert.DoesNotContain("VIRIN", dod, StringComparison.Ordinal);
        Assert.DoesNotContain("Related Stories", dod, StringComparison.Ordinal);
        Assert.DoesNotContain("Credit:", docs.Single(d => d.Id.StartsWith("004", StringComparison.Ordinal)).Text, StringComparison.Ordinal);
    }
}
