using System.Globalization;
using System.Text.Json;
using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.Writers.Gexf;
using KnowledgeGraph.Writers.GraphML;
using KnowledgeGraph.Writers.Json;
using KnowledgeGraph.Writers.Tests.Support;

namespace KnowledgeGraph.Writers.Tests.Interop;

/// <summary>
/// The seeds' graph (graph-exports/graph.json) written as graph.graphml, graph.gexf, people.graphml and people.gexf,
/// then read by the real clients analysts use: NetworkX (read_graphml, read_gexf), python-igraph (Read_GraphML) and
/// graphology's GEXF and GraphML importers (Gephi Lite's). Each must see the nodes per label, relationships per type,
/// names, and every meeting's date and place that graph.json holds. A client that is not installed skips the test
/// with the reason (.ci/run installs them all).
/// </summary>
public sealed class SeedExportsInteropTests
{
    private static readonly string[] FullFiles = ["graph.graphml", "graph.gexf"];
    private static readonly string[] PeopleFiles = ["people.graphml", "people.gexf"];

    private static async Task<(PropertyGraph Graph, string Dir)> SeedExportsAsync()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "KnowledgeGraph.sln")))
            dir = dir.Parent;
        var graph = await JsonGraphReader.ReadAsync(Path.Combine(dir!.FullName, "graph-exports", "graph.json"));
        var outDir = SampleGraphs.TempDir();
        foreach (IGraphWriter w in new IGraphWriter[] { new GraphMlWriter(), new GexfWriter(), new PeopleGraphMlWriter(), new PeopleGexfWriter() })
            await w.WriteAsync(graph, outDir, CancellationToken.None);
        return (graph, outDir);
    }

    /// <summary>What graph.json says, for the whole graph or for the person network.</summary>
    private static (SortedDictionary<string, int> Labels, SortedDictionary<string, int> Types, SortedDictionary<string, string> Names, List<string> Meetings) Expected(PropertyGraph graph, bool people)
    {
        var nodes = graph.Nodes.Where(n => !people || n.Label == GraphSchema.Person).ToList();
        var rels = graph.Relationships.Where(r => !people || r.Type == GraphSchema.MetWith).ToList();
        var labels = new SortedDictionary<string, int>(nodes.GroupBy(n => n.Label).ToDictionary(g => g.Key, g => g.Count()), StringComparer.Ordinal);
        var types = new SortedDictionary<string, int>(rels.GroupBy(r => r.Type).ToDictionary(g => g.Key, g => g.Count()), StringComparer.Ordinal);
        var names = new SortedDictionary<string, string>(nodes.ToDictionary(n => n.Id, n => n.Properties["name"].AsString()), StringComparer.Ordinal);
        var meetings = rels.Where(r => r.Type == GraphSchema.MetWith).Select(r =>
        {
            var (a, b) = string.CompareOrdinal(r.StartId, r.EndId) <= 0 ? (r.StartId, r.EndId) : (r.EndId, r.StartId);
            var date = r.Properties.TryGetValue("date", out var d) ? d.AsDate().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";
            var place = r.Properties.TryGetValue("place", out var p) ? p.AsString() : "";
            return $"{a}|{b}|{date}|{place}";
        }).Order(StringComparer.Ordinal).ToList();
        return (labels, types, names, meetings);
    }

    private static void AssertSame(PropertyGraph graph, JsonElement output, string file, string reader)
    {
        var people = PeopleFiles.Contains(file);
        var (labels, types, names, meetings) = Expected(graph, people);
        var seen = ReaderView.From(output.GetProperty(file));
        var context = $"{reader} reading {file}";
        Assert.True(labels.SequenceEqual(seen.Labels), $"{context}: labels {Show(seen.Labels)}, graph.json {Show(labels)}");
        Assert.True(types.SequenceEqual(seen.Types), $"{context}: types {Show(seen.Types)}, graph.json {Show(types)}");
        Assert.True(names.SequenceEqual(seen.Names), $"{context}: names differ: {Show(names.Except(seen.Names).Take(5))} / {Show(seen.Names.Except(names).Take(5))}");
        Assert.True(meetings.SequenceEqual(seen.Meetings), $"{context}: meetings\n  {string.Join("\n  ", seen.Meetings)}\ngraph.json\n  {string.Join("\n  ", meetings)}");
        // The person network is undirected, the whole graph directed throughout: one mode per file, as every reader wants.
        Assert.True(seen.Raw.GetProperty("directed").GetBoolean() == !people, $"{context}: directed = {seen.Raw.GetProperty("directed")}");
    }

    private static string Show<TK, TV>(IEnumerable<KeyValuePair<TK, TV>> map) => string.Join(", ", map.Select(kv => $"{kv.Key}={kv.Value}"));

    [Fact]
    public async Task SeedGraph_HasTheMeetingsTheArticlesReport()
    {
        // Arrange: a guard that the comparisons below compare something. 000_bb1e87f7cc61eab3.txt: Austin and
        // Stoltenberg met at the Pentagon on Feb. 8, 2023; 003_0a6e3fc6a2a6361e.txt: Stoltenberg met Støre in Oslo on 30 May 2023.
        var (graph, _) = await SeedExportsAsync();

        // Act
        var meetings = Expected(graph, people: false).Meetings;

        // Assert
        Assert.Contains("person:jens-stoltenberg|person:lloyd-austin|2023-02-08|Pentagon", meetings);
        Assert.Contains("person:jens-stoltenberg|person:jonas-gahr-store|2023-05-30|Oslo", meetings);
    }

    [Fact]
    public async Task SeedExports_AreValidAgainstTheSchemas()
    {
        // Arrange
        var (_, dir) = await SeedExportsAsync();

        // Act
        List<string> Errors(string file, string schema) => SchemaValidator.Validate(File.ReadAllText(Path.Combine(dir, file)), schema);

        // Assert: graph.graphml uses the APOC extension (labels, label, attr.list), people.graphml none.
        Assert.Empty(Errors("graph.graphml", "graphml/graphml+apoc.xsd"));
        Assert.Empty(Errors("people.graphml", "graphml/graphml.xsd"));
        Assert.Empty(Errors("graph.gexf", "gexf/1.3/gexf.xsd"));
        Assert.Empty(Errors("people.gexf", "gexf/1.3/gexf.xsd"));
    }

    [SkippableFact]
    public async Task NetworkX_ReadGraphMl_SeesWhatGraphJsonSays()
    {
        // Arrange
        var (graph, dir) = await SeedExportsAsync();
        var readers = 0;
        var reasons = new List<string>();

        // Act + Assert: every interpreter that has NetworkX (Debian's 2.8 and a newer one on the PATH, when both exist).
        foreach (var python in ExternalReaders.PythonCandidates())
        {
            var (output, reason) = await ExternalReaders.PythonAsync(python, "networkx", dir);
            if (output is not { } o)
            {
                reasons.Add(reason);
                continue;
            }
            readers++;
            var version = o.GetProperty("version").GetString();
            AssertSame(graph, o, "graph.graphml", $"NetworkX {version}");
            AssertSame(graph, o, "people.graphml", $"NetworkX {version}");
            // Every MET_WITH runs from the smaller id to the larger and carries undirected=true.
            Assert.Equal([true], o.GetProperty("graph.graphml").GetProperty("met_with_marked").EnumerateArray().Select(e => e.GetBoolean()));
            Assert.False(o.GetProperty("people.graphml").GetProperty("multigraph").GetBoolean(), "people.graphml: one edge per pair");
        }
        Skip.If(readers == 0, "NetworkX is not installed (apt-get install python3-networkx): " + string.Join("; ", reasons));
    }

    [SkippableFact]
    public async Task NetworkX_ReadGexf_SeesEveryMeetingOnItsDate()
    {
        // Arrange
        var (graph, dir) = await SeedExportsAsync();
        var readers = 0;
        var reasons = new List<string>();

        // Act + Assert
        foreach (var python in ExternalReaders.PythonCandidates())
        {
            var (output, reason) = await ExternalReaders.PythonAsync(python, "networkx", dir);
            if (output is not { } o)
            {
                reasons.Add(reason);
                continue;
            }
            if (!o.TryGetProperty("graph.gexf", out _))
            {
                reasons.Add($"NetworkX {o.GetProperty("version").GetString()} has no GEXF 1.3 reader (3.x has)");
                continue;
            }
            readers++;
            var version = o.GetProperty("version").GetString();
            foreach (var file in FullFiles.Concat(PeopleFiles).Where(f => f.EndsWith(".gexf", StringComparison.Ordinal)))
            {
                AssertSame(graph, o, file, $"NetworkX {version}");
                // The dynamic date/place values (what Gephi's timeline plays) hold the same meetings as graph.json.
                var fromValues = ReaderView.MeetingLines(o.GetProperty(file).GetProperty("dynamic_values"));
                Assert.Equal(Expected(graph, people: false).Meetings, fromValues);
            }
        }
        Skip.If(readers == 0, "no NetworkX with a GEXF 1.3 reader: " + string.Join("; ", reasons));
    }

    [SkippableFact]
    public async Task Igraph_ReadGraphMl_SeesWhatGraphJsonSays()
    {
        // Arrange
        var (graph, dir) = await SeedExportsAsync();
        var readers = 0;
        var reasons = new List<string>();

        // Act + Assert
        foreach (var python in ExternalReaders.PythonCandidates())
        {
            var (output, reason) = await ExternalReaders.PythonAsync(python, "igraph", dir);
            if (output is not { } o)
            {
                reasons.Add(reason);
                continue;
            }
            readers++;
            var version = o.GetProperty("version").GetString();
            AssertSame(graph, o, "graph.graphml", $"igraph {version}");
            AssertSame(graph, o, "people.graphml", $"igraph {version}");
        }
        Skip.If(readers == 0, "python-igraph is not installed (apt-get install python3-igraph): " + string.Join("; ", reasons));
    }

    [SkippableFact]
    public async Task Graphology_ReadGexfAndGraphMl_SeesWhatGraphJsonSays()
    {
        // Arrange
        var (graph, dir) = await SeedExportsAsync();

        // Act
        var (output, reason) = await ExternalReaders.GraphologyAsync(dir);
        Skip.If(output is null, $"graphology is not installed ({reason}); .ci/run installs it with npm into {ExternalReaders.NodeModules()}");

        // Assert
        var o = output!.Value;
        var version = o.GetProperty("version").GetString();
        foreach (var file in FullFiles.Concat(PeopleFiles))
            AssertSame(graph, o, file, $"graphology-gexf/graphml {version}");
        // Gephi Lite shows column titles (name, type), not ids (0, 1, ...): titles are used only for numeric ids.
        var titles = o.GetProperty("graph.gexf").GetProperty("titles").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Contains("name", titles);
        Assert.Contains("type", titles);
        Assert.DoesNotContain(titles, t => t!.All(char.IsAsciiDigit));
    }
}
