using System.Xml.Linq;
using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.Writers.Gexf;
using KnowledgeGraph.Writers.GraphML;
using KnowledgeGraph.Writers.Tests.Support;

namespace KnowledgeGraph.Writers.Tests.Xml;

/// <summary>people.gexf and people.graphml: the person network of the hostile sample graph.</summary>
public sealed class PeopleWritersTests
{
    private static readonly XNamespace G = GraphMlWriter.Namespace;
    private static readonly XNamespace X = GexfWriter.Namespace;

    // The sample has four people (Jens, Lloyd, Olena, Evil) and two MET_WITH: r1 Jens-Lloyd (count 2, 2023-02-08,
    // Brussels) and r9 Evil-Olena (no date, no place). Everything else is not a person or not a meeting.
    private static readonly string[] People = ["person:evil", "person:jens-stoltenberg", "person:lloyd-austin", "person:olena"];

    private static async Task<string> WriteAsync(IGraphWriter writer, string file)
    {
        var dir = SampleGraphs.TempDir();
        await writer.WriteAsync(SampleGraphs.Hostile(), dir, CancellationToken.None);
        return await File.ReadAllTextAsync(Path.Combine(dir, file));
    }

    [Fact]
    public async Task PeopleGexf_HostileGraph_IsAValidUndirectedPersonNetwork()
    {
        // Arrange
        var xml = await WriteAsync(new PeopleGexfWriter(), PeopleGexfWriter.FileName);

        // Act
        var doc = XDocument.Parse(xml);
        var graph = doc.Root!.Element(X + "graph")!;
        var edges = graph.Descendants(X + "edge").ToDictionary(e => (string)e.Attribute("id")!);

        // Assert
        Assert.Empty(SchemaValidator.Validate(xml, "gexf/1.3/gexf.xsd"));
        Assert.Equal("undirected", (string?)graph.Attribute("defaultedgetype"));
        Assert.Equal(People, graph.Descendants(X + "node").Select(n => (string)n.Attribute("id")!));
        Assert.Equal(["r1", "r9"], edges.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("person:jens-stoltenberg", "person:lloyd-austin", "2.0"), ((string)edges["r1"].Attribute("source")!, (string)edges["r1"].Attribute("target")!, (string)edges["r1"].Attribute("weight")!));
        Assert.Equal("1.0", (string?)edges["r9"].Attribute("weight"));
        Assert.Equal("2023-02-08", (string?)edges["r1"].Descendants(X + "spell").Single().Attribute("start"));
        Assert.Empty(edges["r9"].Descendants(X + "spell"));
        // The whole file is undirected, so no edge needs the marker column.
        Assert.DoesNotContain(graph.Descendants(X + "attribute"), a => (string?)a.Attribute("title") == "undirected");
    }

    [Fact]
    public async Task PeopleGraphMl_HostileGraph_IsPlainGraphMlWithOneWeightedEdgePerPair()
    {
        // Arrange
        var xml = await WriteAsync(new PeopleGraphMlWriter(), PeopleGraphMlWriter.FileName);

        // Act
        var doc = XDocument.Parse(xml);
        var graph = doc.Root!.Element(G + "graph")!;
        string? Data(XElement e, string key) => e.Elements(G + "data").FirstOrDefault(d => (string?)d.Attribute("key") == key)?.Value;
        var nodes = graph.Elements(G + "node").ToDictionary(n => (string)n.Attribute("id")!, n => Data(n, "v_id")!);
        var edges = graph.Elements(G + "edge").Select(e => (nodes[(string)e.Attribute("source")!], nodes[(string)e.Attribute("target")!], Data(e, "weight"), Data(e, "occasions"))).ToList();

        // Assert
        Assert.Empty(SchemaValidator.Validate(xml, "graphml/graphml.xsd"));
        Assert.Equal("undirected", (string?)graph.Attribute("edgedefault"));
        Assert.Equal(People, nodes.Values);
        Assert.Equal("Jens Stoltenberg", Data(graph.Elements(G + "node").Single(n => Data(n, "v_id") == "person:jens-stoltenberg"), "label"));
        Assert.Equal(
            [
                ("person:evil", "person:olena", "1.0", """[{"key":"r9"}]"""),
                ("person:jens-stoltenberg", "person:lloyd-austin", "2.0", """[{"key":"r1","date":"2023-02-08","place":"Brussels"}]"""),
            ],
            edges.Order());
    }

    [Fact]
    public async Task PeopleFiles_NumericPersonProperties_KeepTheirTypes()
    {
        // Arrange: properties a later stage may add to people (degree, betweenness, community) must arrive as numbers.
        var graph = new PropertyGraph(
            [
                SampleGraphs.Node("person:a", GraphSchema.Person, new PropertyBag()
                    .Add("name", "A").Add("degree", 3L).Add("betweenness", 0.25).Add("community", 7L)),
            ],
            []);
        var dir = SampleGraphs.TempDir();
        await new PeopleGraphMlWriter().WriteAsync(graph, dir, CancellationToken.None);
        await new PeopleGexfWriter().WriteAsync(graph, dir, CancellationToken.None);

        // Act
        var graphml = XDocument.Load(Path.Combine(dir, PeopleGraphMlWriter.FileName));
        var gexf = XDocument.Load(Path.Combine(dir, PeopleGexfWriter.FileName));

        // Assert
        var keys = graphml.Root!.Elements(G + "key").ToDictionary(k => (string)k.Attribute("attr.name")!, k => (string)k.Attribute("attr.type")!);
        Assert.Equal(("long", "double", "long"), (keys["degree"], keys["betweenness"], keys["community"]));
        var columns = gexf.Descendants(X + "attributes").Single(a => (string?)a.Attribute("class") == "node").Elements(X + "attribute").ToDictionary(a => (string)a.Attribute("title")!, a => ((string)a.Attribute("id")!, (string)a.Attribute("type")!));
        Assert.Equal(("long", "double", "long"), (columns["degree"].Item2, columns["betweenness"].Item2, columns["community"].Item2));
        var values = gexf.Descendants(X + "attvalue").ToDictionary(v => (string)v.Attribute("for")!, v => (string)v.Attribute("value")!);
        Assert.Equal(("3", "0.25", "7"), (values[columns["degree"].Item1], values[columns["betweenness"].Item1], values[columns["community"].Item1]));
    }
}
