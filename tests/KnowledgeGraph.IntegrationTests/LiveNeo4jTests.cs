using System.Text.Json.Nodes;
using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.IntegrationTests.Support;
using KnowledgeGraph.Writers.GraphML;
using KnowledgeGraph.Writers.Neo4j;

namespace KnowledgeGraph.IntegrationTests;

/// <summary>
/// A tiny hostile graph (quotes, newlines, non-Latin text) pushed and imported into a live Neo4j (see
/// <see cref="Neo4jServer"/> for which one). These tests create and DELETE only nodes whose ids start with "kgtest:".
/// </summary>
[Trait("Category", "Integration")]
[Collection(LiveNeo4jCollection.Name)]
public sealed class LiveNeo4jTests(Neo4jServer server)
{
    [SkippableFact]
    public async Task PushAsync_SampleGraphTwice_CountsUnchanged()
    {
        // Arrange
        Skip.If(server.SkipReason is not null, server.SkipReason);
        var options = server.Options! with { BatchSize = 2, RetryDelay = TimeSpan.FromMilliseconds(200) };
        await CleanAsync();

        // Act
        Neo4jPushResult first, second;
        using (var pusher = new Neo4jPusher(options))
        {
            first = await pusher.PushAsync(Sample(), null, CancellationToken.None);
            second = await pusher.PushAsync(Sample(), null, CancellationToken.None);
        }
        var nodes = await server.ScalarAsync("MATCH (n) WHERE n.id STARTS WITH 'kgtest:' RETURN count(n)");
        var rels = await server.ScalarAsync("MATCH (n)-[r]->() WHERE n.id STARTS WITH 'kgtest:' RETURN count(r)");
        var date = await server.ScalarAsync("MATCH ()-[r:MET_WITH {key: 'kgtest:r1'}]->() RETURN toString(r.date) + '|' + valueType(r.date)");
        var name = await server.ScalarAsync("MATCH (n:Person {id: 'kgtest:a'}) RETURN n.name");
        await CleanAsync();

        // Assert
        Assert.Equal((3L, 2L), (first.NodesCreated, first.RelationshipsCreated));
        Assert.Equal((0L, 0L), (second.NodesCreated, second.RelationshipsCreated));
        Assert.Equal(3, nodes!.GetValue<long>());
        Assert.Equal(2, rels!.GetValue<long>());
        Assert.StartsWith("2023-02-08|DATE", date!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Test \"A\"; `x`\n", name!.GetValue<string>());
    }

    [SkippableFact]
    public async Task ApocImportGraphml_SampleFile_LoadsLabelsAndTypes()
    {
        // Arrange
        Skip.If(server.SkipReason is not null, server.SkipReason);
        using var dir = new TempFolder();
        await using (var stream = File.Create(Path.Combine(dir.Path, "sample.graphml")))
            await GraphMlWriter.WriteAsync(Sample(), stream, CancellationToken.None);
        var staged = await server.StageAsync(dir.Path);
        Skip.If(staged is null, "NEO4J_IMPORT_DIR (the host folder mounted as the server's import folder) is not set");
        var hasApoc = await server.ScalarAsync("SHOW PROCEDURES YIELD name WHERE name = 'apoc.import.graphml' RETURN count(*)");
        Skip.If(server.Container is null && hasApoc!.GetValue<long>() == 0, "APOC is not installed on the server at NEO4J_URI");
        await CleanAsync();

        // Act
        await server.QueryAsync("CALL apoc.import.graphml($file, {readLabels: true})", new JsonObject { ["file"] = $"file:///{staged}/sample.graphml" });
        var people = await server.ScalarAsync("MATCH (p:Person) WHERE p.id STARTS WITH 'kgtest:' RETURN count(p)");
        var met = await server.ScalarAsync("MATCH (a:Person)-[r:MET_WITH]->(b:Person) WHERE a.id STARTS WITH 'kgtest:' AND r.undirected RETURN count(r)");
        // attr.list="string": APOC stores a list, so size() counts items (2), not the characters of a JSON string.
        var aliases = await server.ScalarAsync("MATCH (p:Person {id: 'kgtest:a'}) RETURN size(p.aliases)");
        await server.QueryAsync("MATCH (n) WHERE n.id STARTS WITH 'kgtest:' DETACH DELETE n");
        server.Unstage(staged);

        // Assert
        Assert.Equal(2, people!.GetValue<long>());
        Assert.Equal(1, met!.GetValue<long>());
        Assert.Equal(2, aliases!.GetValue<long>());
    }

    private static PropertyGraph Sample() => new(
        [
            new GraphNode("kgtest:a", [GraphSchema.Person], new PropertyBag().Add("name", "Test \"A\"; `x`\n").Add("aliases", ["a;b", "Олена"]).Build()),
            new GraphNode("kgtest:b", [GraphSchema.Person], new PropertyBag().Add("name", "Test B").Add("mentions", 2L).Build()),
            new GraphNode("kgtest:place", [GraphSchema.Location], new PropertyBag().Add("name", "Brussels").Add("latitude", 50.85).Add("longitude", 4.35).Build()),
        ],
        [
            new GraphRelationship("kgtest:r1", GraphSchema.MetWith, "kgtest:a", "kgtest:b", new PropertyBag().Add("date", new DateOnly(2023, 2, 8)).Add("place", "Brussels").Add("evidence", ["They met, \"finally\"."]).Build()),
            new GraphRelationship("kgtest:r2", GraphSchema.Visited, "kgtest:a", "kgtest:place", new PropertyBag().Build()),
        ]);

    private async Task CleanAsync() => await server.QueryAsync("MATCH (n) WHERE n.id STARTS WITH 'kgtest:' DETACH DELETE n");
}
