using System.Xml.Linq;
using KnowledgeGraph.Cli.Tests.Support;

namespace KnowledgeGraph.Cli.Tests.Analysis;

/// <summary>The layout of <c>kg build</c> on <c>seeds/</c>: Gephi and GraphML readers get a position for every node, the same on every build.</summary>
[Collection(CliCollection.Name)]
public sealed class SeedLayoutTests
{
    private static readonly XNamespace Gexf = "http://gexf.net/1.3";
    private static readonly XNamespace Viz = "http://gexf.net/1.3/viz";
    private static readonly XNamespace GraphMl = "http://graphml.graphdrawing.org/xmlns";

    [Fact]
    public async Task BuildTwice_EveryNodeHasTheSamePosition_AndTheExportsStayValid()
    {
        // Arrange
        using var tmp = new TempDir("kg-seed-layout");

        // Act
        var first = await Kg.BuildAsync(Repo.Seeds, tmp["a"], "--quiet");
        var second = await Kg.BuildAsync(Repo.Seeds, tmp["b"], "--quiet");

        // Assert: byte-identical files, positions on every node of both GEXF files, x/y data on every GraphML node.
        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, $"{first}\n{second}");
        foreach (var file in new[] { "graph.gexf", "people.gexf", "graph.graphml", "people.graphml", "graph.html" })
            Assert.True(File.ReadAllBytes(Path.Combine(tmp["a"], file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(tmp["b"], file))), $"{file} differs between two builds");
        foreach (var file in new[] { "graph.gexf", "people.gexf" })
        {
            var nodes = XDocument.Load(Path.Combine(tmp["a"], file)).Descendants(Gexf + "node").ToList();
            Assert.NotEmpty(nodes);
            Assert.All(nodes, n => Assert.True(n.Element(Viz + "position") is { } p && double.IsFinite((double)p.Attribute("x")!) && double.IsFinite((double)p.Attribute("y")!), $"{file}: {n.Attribute("id")} has no position"));
            // Not all piled at one point: at least as many distinct positions as half the nodes.
            Assert.True(nodes.Select(n => ((string?)n.Element(Viz + "position")!.Attribute("x"), (string?)n.Element(Viz + "position")!.Attribute("y"))).Distinct().Count() * 2 >= nodes.Count);
        }
        var people = XDocument.Load(Path.Combine(tmp["a"], "people.graphml"));
        var keys = people.Descendants(GraphMl + "key").Where(k => (string?)k.Attribute("for") == "node").ToDictionary(k => (string)k.Attribute("attr.name")!, k => (string)k.Attribute("id")!);
        Assert.Equal("double", (string?)people.Descendants(GraphMl + "key").Single(k => (string?)k.Attribute("attr.name") == "x").Attribute("attr.type"));
        Assert.All(people.Descendants(GraphMl + "node"), n =>
        {
            var data = n.Elements(GraphMl + "data").Select(d => (string)d.Attribute("key")!).ToHashSet();
            Assert.Contains(keys["x"], data);
            Assert.Contains(keys["y"], data);
        });
        Exports.AssertValid(tmp["a"], "kg build seeds with positions");
    }
}
