using KnowledgeGraph.Writers.Json;
using KnowledgeGraph.Writers.Neo4j;

namespace KnowledgeGraph.Writers.Tests.Neo4j;

/// <summary>The bar: the committed seed graph pushed twice into the test server.</summary>
public sealed class SeedGraphPushTests
{
    private static string SeedGraphJson()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "KnowledgeGraph.sln")))
            dir = dir.Parent;
        return Path.Combine(dir!.FullName, "graph-exports", "graph.json");
    }

    [Fact]
    public async Task PushAsync_SeedGraphTwice_SendsOnlyParameterisedMergesAndChangesNothingTheSecondTime()
    {
        // Arrange
        var graph = await JsonGraphReader.ReadAsync(SeedGraphJson());
        using var server = new FakeNeo4jServer();
        var options = new Neo4jOptions { Uri = server.Uri, BatchSize = 50, RequestTimeout = TimeSpan.FromSeconds(10) };

        // Act
        using (var pusher = new Neo4jPusher(options))
            await pusher.PushAsync(graph, null, CancellationToken.None);
        var nodesAfterFirst = server.NodeCount;
        var relsAfterFirst = server.RelationshipCount;
        using (var pusher = new Neo4jPusher(options))
            await pusher.PushAsync(graph, null, CancellationToken.None);

        // Assert: every node and relationship of the file arrived, once, and the second push added none.
        Assert.Equal(graph.Nodes.Length, nodesAfterFirst);
        Assert.Equal(graph.Relationships.Length, relsAfterFirst);
        Assert.Equal(nodesAfterFirst, server.NodeCount);
        Assert.Equal(relsAfterFirst, server.RelationshipCount);
        var statements = server.Requests.Where(r => r.Method == "POST").Select(r => r.Statement!).ToList();
        Assert.NotEmpty(statements);
        foreach (var s in statements)
        {
            Assert.True(s.StartsWith("CREATE CONSTRAINT ", StringComparison.Ordinal) || s.StartsWith("UNWIND $rows AS row M", StringComparison.Ordinal), s);
            // Article text travels only as parameters: no name, place or date of the seeds is in a statement.
            foreach (var text in new[] { "Stoltenberg", "Austin", "Kyiv", "Oslo", "Pentagon", "2023" })
                Assert.DoesNotContain(text, s, StringComparison.Ordinal);
        }
        Assert.Contains(server.Requests, r => r.Rows.Any(row => row?["id"]?.GetValue<string>() == "person:jens-stoltenberg"));
    }
}
