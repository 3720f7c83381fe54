using KnowledgeGraph.Cli.Tests.Support;
using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.Writers.Json;

namespace KnowledgeGraph.Cli.Tests.Analysis;

/// <summary>
/// The issue's questions on a fresh build of <c>seeds/</c>. Only what the seed articles state is asserted: the chain
/// Austin → Stoltenberg (Pentagon 2023-02-08, NATO headquarters 2023-02-14) → Støre (Oslo 2023-05-30), and Stoltenberg
/// as the only go-between; other meetings may come and go as extraction improves.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class SeedNetworkTests : IClassFixture<SeedNetworkTests.SeedBuild>
{
    private readonly SeedBuild _build;

    public SeedNetworkTests(SeedBuild build) => _build = build;

    public sealed class SeedBuild : IDisposable
    {
        private readonly TempDir _dir = new("kg-seed-network");

        public SeedBuild()
        {
            Out = _dir["out"];
            var run = Kg.BuildAsync(Repo.Seeds, Out, "--quiet").GetAwaiter().GetResult();
            if (run.ExitCode != 0)
                throw new InvalidOperationException(run.ToString());
        }

        public string Out { get; }

        public void Dispose() => _dir.Dispose();
    }

    [Fact]
    public async Task Path_AustinToStore_TheTwoHopsOfTheSeeds()
    {
        // Act
        var run = await Kg.RunAsync("path", _build.Out, "Lloyd Austin", "Jonas Gahr Store", "--format", "csv");

        // Assert
        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal("hop,from,to,date,place,documents", lines[0]);
        Assert.StartsWith("1,Lloyd J. Austin III,Jens Stoltenberg,2023-02-08; 2023-02-14,Pentagon; NATO headquarters,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("2,Jens Stoltenberg,Jonas Gahr Støre,2023-05-30,Oslo,", lines[2], StringComparison.Ordinal);
        // The Pentagon meeting is told by the first seed article, the Brussels one by the second, Oslo by the fourth.
        Assert.Contains("000_bb1e87f7cc61eab3.txt", lines[1], StringComparison.Ordinal);
        Assert.Contains("001_6b825f80fc8c9692.txt", lines[1], StringComparison.Ordinal);
        Assert.Contains("003_0a6e3fc6a2a6361e.txt", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_PersonNodes_CarryTypedMetricsWithStoltenbergMostBetween()
    {
        // Act
        var graph = await JsonGraphReader.ReadAsync(Path.Combine(_build.Out, "graph.json"));

        // Assert
        var people = graph.Nodes.Where(n => n.Label == GraphSchema.Person).ToList();
        Assert.NotEmpty(people);
        Assert.All(people, p =>
        {
            Assert.Equal(PropertyKind.Integer, p.Properties["degree"].Kind);
            Assert.Equal(PropertyKind.Float, p.Properties["betweenness"].Kind);
            Assert.Equal(PropertyKind.Integer, p.Properties["community"].Kind);
        });
        Assert.DoesNotContain(graph.Nodes.Where(n => n.Label != GraphSchema.Person), n => n.Properties.ContainsKey("betweenness"));
        var ranked = people.OrderByDescending(p => p.Properties["betweenness"].AsFloat()).ToList();
        Assert.Equal("person:jens-stoltenberg", ranked[0].Id);
        Assert.True(ranked[0].Properties["betweenness"].AsFloat() > ranked[1].Properties["betweenness"].AsFloat());
        // Austin, Stoltenberg and Støre are linked by meetings, so they share a group.
        var groups = people.Where(p => p.Id is "person:lloyd-austin" or "person:jens-stoltenberg" or "person:jonas-gahr-store")
            .Select(p => p.Properties["community"].AsInteger()).Distinct();
        Assert.Single(groups);
    }

    [Fact]
    public async Task Build_Exports_DeclareTheMetricsWithNumericTypes()
    {
        // Act
        var graphml = await File.ReadAllTextAsync(Path.Combine(_build.Out, "graph.graphml"));
        var gexf = await File.ReadAllTextAsync(Path.Combine(_build.Out, "graph.gexf"));
        var csvHeader = File.ReadLines(Path.Combine(_build.Out, "neo4j", "nodes-Person.csv")).First();
        var cypher = await File.ReadAllTextAsync(Path.Combine(_build.Out, "import.cypher"));

        // Assert: Gephi and Neo4j read numbers, not text, so they can size and colour by them.
        Assert.Contains("attr.name=\"betweenness\" attr.type=\"double\"", graphml, StringComparison.Ordinal);
        Assert.Contains("attr.name=\"degree\" attr.type=\"long\"", graphml, StringComparison.Ordinal);
        Assert.Contains("attr.name=\"community\" attr.type=\"long\"", graphml, StringComparison.Ordinal);
        Assert.Matches("title=\"betweenness\" type=\"(double|float)\"", gexf);
        Assert.Matches("title=\"community\" type=\"(long|integer)\"", gexf);
        Assert.Contains("betweenness:double", csvHeader, StringComparison.Ordinal);
        Assert.Contains("community:long", csvHeader, StringComparison.Ordinal);
        Assert.Contains("degree:long", csvHeader, StringComparison.Ordinal);
        Assert.Matches(@"MERGE \(n:Person \{id: ""person:jens-stoltenberg""\}\) SET n \+= \{[^\n]*`betweenness`: 0\.\d+, `community`: \d+,[^\n]*`degree`: \d+,", cypher);
    }
}
