using System.Text.Json.Nodes;
using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.Writers.GraphML;
using KnowledgeGraph.Writers.Neo4j;

namespace KnowledgeGraph.IntegrationTests;

/// <summary>
/// Runs against a real Neo4j 5 (docker compose up -d). Skipped unless NEO4J_URI (HTTP, e.g. http://localhost:7474) is set;
/// credentials come from NEO4J_USER/NEO4J_PASSWORD or NEO4J_AUTH. These tests DELETE the test nodes they create (ids
/// starting with "kgtest:"), nothing else.
/// </summary>
[Trait("Category", "Integration")]
public sealed class LiveNeo4jTests
{
    private static Neo4jOptions? Options()
    {
        var uri = Environment.GetEnvironmentVariable("NEO4J_URI");
        if (string.IsNullOrEmpty(uri))
            return null;
        return new Neo4jOptions
        {
            Uri = new Uri(uri),
            Credentials = Neo4jCredentials.FromEnvironment(Environment.GetEnvironmentVariables()),
            BatchSize = 2,
            RetryDelay = TimeSpan.FromMilliseconds(200),
        };
    }

    [SkippableFact]
    public async Task PushAsync_SampleGraphTwice_CountsUnchanged()
    {
        // Arrange
        var options = Options();
        Skip.If(options is null, "NEO4J_URI is not set");
        var graph = Sample();
        using var transport = new Neo4jHttpTransport(options);
        var api = await transport.DiscoverAsync(CancellationToken.None);
        await CleanAsync(transport, api);

        // Act
        Neo4jPushResult first, second;
        using (var pusher = new Neo4jPusher(options))
        {
            first = await pusher.PushAsync(graph, null, CancellationToken.None);
            second = await pusher.PushAsync(graph, null, CancellationToken.None);
        }
        var nodes = await CountAsync(transport, api, "MATCH (n) WHERE n.id STARTS WITH 'kgtest:' RETURN count(n)");
        var rels = await CountAsync(transport, api, "MATCH (n)-[r]->() WHERE n.id STARTS WITH 'kgtest:' RETURN count(r)");
        var date = await transport.RunAsync(api, "MATCH ()-[r:MET_WITH {key: 'kgtest:r1'}]->() RETURN toString(r.date) + '|' + valueType(r.date)", [], "date check", CancellationToken.None);
        await CleanAsync(transport, api);

        // Assert
        Assert.Equal((3L, 2L), (first.NodesCreated, first.RelationshipsCreated));
        Assert.Equal((0L, 0L), (second.NodesCreated, second.RelationshipsCreated));
        Assert.Equal(3, nodes);
        Assert.Equal(2, rels);
        Assert.StartsWith("2023-02-08|DATE", date.FirstValue!.GetValue<string>(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ApocImportGraphml_ExportedFile_LoadsLabelsAndTypes()
    {
        // Arrange
        var options = Options();
        Skip.If(options is null, "NEO4J_URI is not set");
        var importDir = Environment.GetEnvironmentVariable("NEO4J_IMPORT_DIR");
        Skip.If(string.IsNullOrEmpty(importDir), "NEO4J_IMPORT_DIR (the host folder mounted at /import) is not set");
        using var transport = new Neo4jHttpTransport(options);
        var api = await transport.DiscoverAsync(CancellationToken.None);
        var hasApoc = await CountAsync(transport, api, "SHOW PROCEDURES YIELD name WHERE name = 'apoc.import.graphml' RETURN count(*)");
        Skip.If(hasApoc == 0, "APOC is not installed");
        await CleanAsync(transport, api);
        var file = "kgtest-" + Guid.NewGuid().ToString("N") + ".graphml";
        await using (var stream = File.Create(Path.Combine(importDir!, file)))
            await GraphMlWriter.WriteAsync(Sample(), stream, CancellationToken.None);

        // Act
        await transport.RunAsync(api, "CALL apoc.import.graphml($file, {readLabels: true})", new JsonObject { ["file"] = file }, "apoc.import.graphml", CancellationToken.None);
        var people = await CountAsync(transport, api, "MATCH (p:Person) WHERE p.id STARTS WITH 'kgtest:' RETURN count(p)");
        var met = await CountAsync(transport, api, "MATCH (a:Person)-[r:MET_WITH]->(b:Person) WHERE a.id STARTS WITH 'kgtest:' AND r.undirected RETURN count(r)");
        // attr.list="string": APOC stores a list, so size() counts items (2), not the characters of a JSON string.
        var aliases = await CountAsync(transport, api, "MATCH (p:Person {id: 'kgtest:a'}) RETURN size(p.aliases)");
        await transport.RunAsync(api, "MATCH (n) WHERE n.id STARTS WITH 'kgtest:' DETACH DELETE n", [], "cleanup", CancellationToken.None);
        File.Delete(Path.Combine(importDir!, file));

        // Assert
        Assert.Equal(2, people);
        Assert.Equal(1, met);
        Assert.Equal(2, aliases);
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

    private static async Task<long> CountAsync(Neo4jHttpTransport transport, Neo4jApi api, string query)
    {
        var result = await transport.RunAsync(api, query, [], query, CancellationToken.None);
        return result.FirstValue!.GetValue<long>();
    }

    private static async Task CleanAsync(Neo4jHttpTransport transport, Neo4jApi api) =>
        await transport.RunAsync(api, "MATCH (n) WHERE n.id STARTS WITH 'kgtest:' DETACH DELETE n", [], "cleanup", CancellationToken.None);
}
