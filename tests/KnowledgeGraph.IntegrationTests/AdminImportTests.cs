using System.Text.RegularExpressions;
using DotNet.Testcontainers.Builders;
using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.IntegrationTests.Support;
using KnowledgeGraph.Writers.Json;

namespace KnowledgeGraph.IntegrationTests;

/// <summary>
/// <c>neo4j-admin database import full</c> of graph-exports/neo4j/ into a fresh database, with the options of the
/// exported import.sh: one container imports into a new volume (the server must be stopped, so it is not started),
/// a second serves that volume, and the graph must be all there. Needs Docker; with NEO4J_URI alone it is skipped.
/// </summary>
[Trait("Category", "Integration")]
[Collection(LiveNeo4jCollection.Name)]
public sealed partial class AdminImportTests(Neo4jServer server)
{
    [SkippableFact]
    public async Task NeoAdminImport_Neo4jCsvFolder_FreshDatabaseHoldsTheWholeGraph()
    {
        // Arrange
        Skip.If(server.SkipReason is not null, server.SkipReason);
        Skip.If(server.Container is null, "neo4j-admin import needs a stopped server of its own: it runs only in Testcontainers containers (Docker), not against NEO4J_URI");
        var graph = await JsonGraphReader.ReadAsync(Path.Combine(Repo.GraphExports, "graph.json"));
        var csvDir = Path.Combine(Repo.GraphExports, "neo4j");
        var command = AdminCommand(await File.ReadAllTextAsync(Path.Combine(csvDir, "import.sh")), "/import/neo4j");
        var volume = new VolumeBuilder().WithName("kg-admin-import-" + Guid.NewGuid().ToString("N")).Build();
        await volume.CreateAsync();
        try
        {
            // Act 1: import (the image's entrypoint runs neo4j-admin as the neo4j user, with the container's config).
            await using (var importer = new ContainerBuilder(Neo4jServer.Image)
                .WithResourceMapping(new DirectoryInfo(csvDir), "/import/neo4j/")
                .WithVolumeMount(volume, "/data")
                .WithCommand([.. command])
                .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged("IMPORT DONE"))
                .Build())
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
                try
                {
                    await importer.StartAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    var (stdout, stderr) = await importer.GetLogsAsync();
                    Assert.Fail($"neo4j-admin import did not finish: {string.Join(' ', command)}\n{stdout}\n{stderr}");
                }
                Assert.Equal(0, await importer.GetExitCodeAsync());
            }

            // Act 2: serve the imported volume.
            await using var serving = Neo4jServer.Neo4jContainer().WithVolumeMount(volume, "/data").Build();
            await serving.StartAsync();
            var fresh = Neo4jServer.Attach(serving);
            var nodes = await fresh.ScalarAsync("MATCH (n) RETURN count(n)");
            var rels = await fresh.ScalarAsync("MATCH ()-[r]->() RETURN count(r)");
            var stoltenberg = await fresh.QueryAsync("MATCH (p:Person {id: 'person:jens-stoltenberg'}) RETURN valueType(p.betweenness), valueType(p.community), valueType(p.degree), size(p.aliases) > 0");
            var dates = await fresh.ScalarAsync("MATCH ()-[r:MET_WITH]->() WHERE r.date IS NOT NULL RETURN collect(DISTINCT valueType(r.date))");

            // Assert
            Assert.Equal(graph.Nodes.Length, (int)nodes!.GetValue<long>());
            Assert.Equal(graph.Relationships.Length, (int)rels!.GetValue<long>());
            Assert.Equal(["FLOAT", "INTEGER", "INTEGER"], Assert.Single(stoltenberg).Take(3).Select(v => v!.GetValue<string>().Replace(" NOT NULL", "", StringComparison.Ordinal)));
            Assert.True(stoltenberg[0][3]!.GetValue<bool>(), "aliases should arrive as a list (--array-delimiter)");
            Assert.Equal(["DATE"], dates!.AsArray().Select(v => v!.GetValue<string>().Replace(" NOT NULL", "", StringComparison.Ordinal)));
            Assert.Contains(graph.Nodes, n => n.Label == GraphSchema.Person);
        }
        finally
        {
            await volume.DeleteAsync();
        }
    }

    /// <summary>The neo4j-admin command of import.sh as arguments, with $DIR replaced and shell quotes removed.</summary>
    internal static List<string> AdminCommand(string script, string dir)
    {
        var start = script.IndexOf("neo4j-admin database import full", StringComparison.Ordinal);
        Assert.True(start >= 0, "import.sh has no neo4j-admin database import full command");
        var lines = new List<string>();
        foreach (var line in script[start..].Split('\n'))
        {
            lines.Add(line.TrimEnd().TrimEnd('\\'));
            if (!line.TrimEnd().EndsWith('\\'))
                break;
        }
        return [.. Word().Matches(string.Join(' ', lines)).Select(m => m.Value.Replace("\"", "", StringComparison.Ordinal).Replace("$DIR", dir, StringComparison.Ordinal))];
    }

    [Fact]
    public void AdminCommand_ExportedScript_ArgumentsAsTheShellSeesThem()
    {
        // Arrange
        const string script = "set -eu\nDIR=x\nneo4j-admin database import full neo4j \\\n  --id-type=string --array-delimiter=\";\" \\\n  --nodes=\"$DIR/nodes-Person.csv\"\necho done\n";

        // Act
        var args = AdminCommand(script, "/import/neo4j");

        // Assert
        Assert.Equal(["neo4j-admin", "database", "import", "full", "neo4j", "--id-type=string", "--array-delimiter=;", "--nodes=/import/neo4j/nodes-Person.csv"], args);
    }

    [GeneratedRegex("(?:\"[^\"]*\"|[^\\s\"])+")]
    private static partial Regex Word();
}
