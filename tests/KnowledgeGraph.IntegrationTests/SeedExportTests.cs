using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.IntegrationTests.Support;
using KnowledgeGraph.Writers.Json;
using KnowledgeGraph.Writers.Neo4j;

namespace KnowledgeGraph.IntegrationTests;

/// <summary>
/// The committed exports of <c>seeds/</c> (graph-exports/) loaded into a live Neo4j every way the README offers — push,
/// apoc.import.json, apoc.import.graphml, cypher-shell -f import.cypher — each giving the graph's own node and
/// relationship counts and numeric metrics; then every query of queries.cypher answering as the seed articles say.
/// Each test empties the database first, so it runs only on a database the tests own (the container, or NEO4J_WIPE=yes).
/// </summary>
[Trait("Category", "Integration")]
[Collection(LiveNeo4jCollection.Name)]
public sealed partial class SeedExportTests(Neo4jServer server)
{
    private static readonly Lazy<PropertyGraph> Seeds = new(() => JsonGraphReader.ReadAsync(Path.Combine(Repo.GraphExports, "graph.json")).GetAwaiter().GetResult());

    private async Task ArrangeEmptyDatabaseAsync()
    {
        Skip.If(server.SkipReason is not null, server.SkipReason);
        Skip.IfNot(server.MayWipe, "these tests empty the database; set NEO4J_WIPE=yes to let them do so at NEO4J_URI (or run them with Docker)");
        await server.WipeAsync();
    }

    private async Task<string> StageExportsAsync()
    {
        var staged = await server.StageAsync(Repo.GraphExports);
        Skip.If(staged is null, "NEO4J_IMPORT_DIR (the host folder mounted as the server's import folder) is not set");
        return staged!;
    }

    private async Task AssertCountsAsync(string how)
    {
        var nodes = await server.ScalarAsync("MATCH (n) RETURN count(n)");
        var rels = await server.ScalarAsync("MATCH ()-[r]->() RETURN count(r)");
        Assert.True((Seeds.Value.Nodes.Length, Seeds.Value.Relationships.Length) == ((int)nodes!.GetValue<long>(), (int)rels!.GetValue<long>()),
            $"{how}: graph.json has {Seeds.Value.Nodes.Length} nodes and {Seeds.Value.Relationships.Length} relationships, Neo4j {nodes} and {rels}");
    }

    /// <summary>Every Person has a FLOAT betweenness and INTEGER degree and community; Stoltenberg's betweenness is the highest.</summary>
    private async Task AssertMetricsAsync(string idProperty)
    {
        var rows = await server.QueryAsync(
            $"MATCH (p:Person) RETURN p.{idProperty}, valueType(p.betweenness), valueType(p.degree), valueType(p.community) ORDER BY p.betweenness DESC, p.{idProperty}");
        Assert.Equal(Seeds.Value.Nodes.Count(n => n.Label == GraphSchema.Person), rows.Count);
        Assert.All(rows, r => Assert.Equal(["FLOAT NOT NULL", "INTEGER NOT NULL", "INTEGER NOT NULL"], r.Skip(1).Select(v => v!.GetValue<string>())));
        Assert.Equal("person:jens-stoltenberg", rows[0][0]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Push_SeedsTwice_CountsUnchangedAndMetricsTyped()
    {
        // Arrange
        await ArrangeEmptyDatabaseAsync();

        // Act
        Neo4jPushResult first, second;
        using (var pusher = new Neo4jPusher(server.Options!))
        {
            first = await pusher.PushAsync(Seeds.Value, null, CancellationToken.None);
            second = await pusher.PushAsync(Seeds.Value, null, CancellationToken.None);
        }

        // Assert
        Assert.Equal((Seeds.Value.Nodes.Length, Seeds.Value.Relationships.Length), ((int)first.NodesCreated, (int)first.RelationshipsCreated));
        Assert.Equal((0L, 0L), (second.NodesCreated, second.RelationshipsCreated));
        await AssertCountsAsync("push twice");
        await AssertMetricsAsync("id");
    }

    [SkippableFact]
    public async Task ApocImportJson_GraphJson_AllNodesRelationshipsAndMetrics()
    {
        // Arrange
        await ArrangeEmptyDatabaseAsync();
        var staged = await StageExportsAsync();

        // Act
        await server.QueryAsync("CALL apoc.import.json($file)", new JsonObject { ["file"] = $"file:///{staged}/graph.json" });
        server.Unstage(staged);

        // Assert: apoc.import.json keeps our id as neo4jImportId.
        await AssertCountsAsync("apoc.import.json");
        await AssertMetricsAsync("neo4jImportId");
    }

    [SkippableFact]
    public async Task ApocImportGraphml_GraphGraphml_AllNodesRelationshipsAndMetrics()
    {
        // Arrange
        await ArrangeEmptyDatabaseAsync();
        var staged = await StageExportsAsync();

        // Act
        await server.QueryAsync("CALL apoc.import.graphml($file, {readLabels: true})", new JsonObject { ["file"] = $"file:///{staged}/graph.graphml" });
        server.Unstage(staged);

        // Assert: the GraphML carries our id as id, as kg push and import.cypher do (docs/exports.md).
        await AssertCountsAsync("apoc.import.graphml");
        await AssertMetricsAsync("id");
        var met = await server.ScalarAsync("MATCH (:Person)-[r:MET_WITH]->(:Person) RETURN count(r)");
        Assert.Equal(Seeds.Value.Relationships.Count(r => r.Type == GraphSchema.MetWith), (int)met!.GetValue<long>());
    }

    [SkippableFact]
    public async Task CypherShell_ImportCypherInsideTheContainer_LoadsTheGraphTwiceTheSame()
    {
        // Arrange
        await ArrangeEmptyDatabaseAsync();
        Skip.If(server.Container is null, "cypher-shell runs inside the Testcontainers container; with NEO4J_URI run it yourself: cypher-shell -f graph-exports/import.cypher");
        var staged = await StageExportsAsync();
        string[] command = ["cypher-shell", "-u", "neo4j", "-p", server.Options!.Credentials!.Password, "-f", $"{Neo4jServer.ContainerImportDir}/{staged}/import.cypher"];

        // Act: twice, as the file promises to be idempotent.
        var first = await server.Container!.ExecAsync(command);
        var second = await server.Container.ExecAsync(command);

        // Assert
        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.True(second.ExitCode == 0, second.Stderr);
        await AssertCountsAsync("cypher-shell -f import.cypher");
        await AssertMetricsAsync("id");
    }

    [SkippableFact]
    public async Task QueriesCypher_EveryQuery_AnswersAsTheSeedsSay()
    {
        // Arrange: the graph pushed; the parameters are the file's own example values (:param lines).
        await ArrangeEmptyDatabaseAsync();
        using (var pusher = new Neo4jPusher(server.Options!))
            await pusher.PushAsync(Seeds.Value, null, CancellationToken.None);
        var text = await File.ReadAllTextAsync(Path.Combine(Repo.GraphExports, "queries.cypher"));
        var parameters = new JsonObject();
        foreach (Match m in ParamLine().Matches(text))
            parameters[m.Groups[1].Value] = m.Groups[2].Value;
        var statements = string.Join('\n', text.Split('\n').Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal)))
            .Split(';').Select(s => s.Trim()).Where(s => s.Length > 0).ToList();

        // Act
        var answers = new List<List<JsonArray>>();
        foreach (var s in statements)
            answers.Add(await server.QueryAsync(s, (JsonObject)parameters.DeepClone()));

        // Assert (expected values from the seed articles: Stoltenberg met Austin at the Pentagon on 2023-02-08 and at
        // NATO headquarters on 2023-02-14, Støre in Oslo on 2023-05-30, Zelensky in Kyiv on 2023-09-28).
        Assert.Equal(6, statements.Count);
        Assert.Equal(("Jens Stoltenberg", "Lloyd J. Austin III", "NATO", "Oslo"),
            (parameters["person"]!.GetValue<string>(), parameters["other"]!.GetValue<string>(), parameters["organization"]!.GetValue<string>(), parameters["place"]!.GetValue<string>()));
        static string Row(JsonArray r, int n) => string.Join(" | ", r.Take(n).Select(v => v is null ? "null" : v is JsonArray a ? string.Join(",", a.Select(x => x!.ToString()).Order(StringComparer.Ordinal)) : v.ToString()));

        // 1. Who met whom: every MET_WITH, the four dated meetings among them, by date.
        var met = answers[0].Select(r => Row(r, 4)).ToList();
        Assert.Equal(Seeds.Value.Relationships.Count(r => r.Type == GraphSchema.MetWith), met.Count);
        Assert.Equal(
            ["Jens Stoltenberg | Lloyd J. Austin III | 2023-02-08 | Pentagon", "Jens Stoltenberg | Lloyd J. Austin III | 2023-02-14 | NATO headquarters",
             "Jens Stoltenberg | Jonas Gahr Støre | 2023-05-30 | Oslo", "Jens Stoltenberg | Volodymyr Zelensky | 2023-09-28 | Kyiv"],
            met.Where(m => !m.Contains("| null |", StringComparison.Ordinal)).Take(4));

        // 2. Everyone Stoltenberg met: Austin twice (Pentagon, NATO headquarters), Støre once in Oslo.
        var austin = answers[1].Single(r => r[0]!.GetValue<string>() == "Lloyd J. Austin III");
        Assert.Equal("Lloyd J. Austin III | 2023-02-08,2023-02-14 | NATO headquarters,Pentagon | 2", Row(austin, 4));
        Assert.Equal("Jonas Gahr Støre | 2023-05-30 | Oslo | 1", Row(answers[1].Single(r => r[0]!.GetValue<string>() == "Jonas Gahr Støre"), 4));

        // 3. Meetings in Oslo: one, on 2023-05-30, Stoltenberg and Støre.
        var oslo = Assert.Single(answers[2]);
        Assert.Equal("2023-05-30", oslo[0]!.ToString());
        Assert.Equal(["Jens Stoltenberg", "Jonas Gahr Støre"], oslo[2]!.AsArray().Select(x => x!.GetValue<string>()).Order(StringComparer.Ordinal));

        // 4. NATO's members include its Secretary General.
        Assert.Contains("Jens Stoltenberg | Person | Secretary General", answers[3].Select(r => Row(r, 3)));

        // 5. Stoltenberg and Austin: one hop.
        Assert.Equal(1, Assert.Single(answers[4])[1]!.GetValue<long>());

        // 6. The most connected person is Stoltenberg, with all of his meetings (at least the four above and Kyiv's).
        Assert.Equal("Jens Stoltenberg", answers[5][0][0]!.GetValue<string>());
        Assert.True(answers[5][0][1]!.GetValue<long>() >= 4);
    }

    [GeneratedRegex("^//\\s+:param (\\w+) => \"([^\"]*)\"", RegexOptions.Multiline)]
    private static partial Regex ParamLine();
}
