namespace KnowledgeGraph.Cli.Tests.Support;

/// <summary>The export validator must reject what it is there to catch, or every "exports stay valid" assertion is hollow.</summary>
[Collection(CliCollection.Name)]
public sealed class ExportsSelfTests
{
    [Theory]
    [InlineData("graph.graphml", "</graphml>", "<data key=\"x\">\u0001</data></graphml>")]
    [InlineData("graph.gexf", "</gexf>", "&#x1;</gexf>")]
    [InlineData("graph.json", "\n", "\n{\"type\":\"node\",\"id\":\"a\n")]
    [InlineData("import.cypher", "SET n += {", "SET n += {`x`: \"\"}) DETACH DELETE n //\", ")]
    [InlineData("neo4j/nodes-Article.csv", "\n", "\n\"unterminated,\n")]
    public async Task Validate_CorruptedExport_IsReported(string file, string anchor, string replacement)
    {
        // Arrange
        using var t = new TempDir();
        Assert.Equal(0, (await Kg.BuildAsync(Repo.Seeds, t["out"])).ExitCode);
        Assert.Empty(Exports.Validate(t["out"]));
        var path = Path.Combine(t["out"], file);
        var text = File.ReadAllText(path);
        var at = text.IndexOf(anchor, StringComparison.Ordinal);
        File.WriteAllText(path, text[..at] + replacement + text[(at + anchor.Length)..]);

        // Act
        var problems = Exports.Validate(t["out"]);

        // Assert
        Assert.Contains(problems, p => p.StartsWith(file + ":", StringComparison.Ordinal));
    }
}
