using System.Text.Json;
using System.Xml.Linq;
using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.Writers.GraphML;
using KnowledgeGraph.Writers.Tests.Support;

namespace KnowledgeGraph.Writers.Tests.Xml;

public sealed class GraphMlWriterTests
{
    private static readonly XNamespace G = GraphMlWriter.Namespace;

    private static async Task<string> WriteAsync(PropertyGraph graph)
    {
        var dir = SampleGraphs.TempDir();
        await new GraphMlWriter().WriteAsync(graph, dir, CancellationToken.None);
        return await File.ReadAllTextAsync(Path.Combine(dir, GraphMlWriter.FileName));
    }

    [Fact]
    public async Task WriteAsync_HostileGraph_IsValidAgainstGraphMlWithApocAttributes()
    {
        // Arrange
        var xml = await WriteAsync(SampleGraphs.Hostile());

        // Act
        var errors = SchemaValidator.Validate(xml, "graphml/graphml+apoc.xsd");

        // Assert
        Assert.Empty(errors);
    }

    [Fact]
    public async Task WriteAsync_WithoutApocAttributes_IsValidAgainstPlainGraphMl()
    {
        // Arrange
        var doc = XDocument.Parse(await WriteAsync(SampleGraphs.Hostile()));
        doc.Descendants(G + "node").Attributes("labels").Remove();
        doc.Descendants(G + "edge").Attributes("label").Remove();
        doc.Descendants(G + "key").Attributes("attr.list").Remove();

        // Act
        var errors = SchemaValidator.Validate(doc.ToString(), "graphml/graphml.xsd");

        // Assert
        Assert.Empty(errors);
    }

    [Fact]
    public async Task WriteAsync_PlainGraphMlSchema_RejectsOnlyTheApocAttributes()
    {
        // Arrange
        var xml = await WriteAsync(SampleGraphs.Hostile());

        // Act
        var errors = SchemaValidator.Validate(xml, "graphml/graphml.xsd");

        // Assert: proves the validator is strict, and that the three APOC attributes are the only extension.
        Assert.NotEmpty(errors);
        Assert.Contains(errors, e => e.Contains("'attr.list'", StringComparison.Ordinal));
        Assert.All(errors, e => Assert.True(e.Contains("'labels'", StringComparison.Ordinal) || e.Contains("'label'", StringComparison.Ordinal) || e.Contains("'attr.list'", StringComparison.Ordinal), e));
    }

    [Fact]
    public async Task WriteAsync_Layout_KeysFirstNodesBeforeEdgesApocLabelFirst()
    {
        // Arrange
        var doc = XDocument.Parse(await WriteAsync(SampleGraphs.Hostile()));

        // Act
        var root = doc.Root!;
        var children = root.Elements().Select(e => e.Name.LocalName).ToList();
        var graph = root.Element(G + "graph")!;
        var order = graph.Elements().Select(e => e.Name.LocalName).ToList();
        var edge = graph.Elements(G + "edge").First(e => Data(e, "e_key") == "r1");
        var node = graph.Elements(G + "node").First(n => Data(n, "v_id") == "person:jens-stoltenberg");

        // Assert
        Assert.Equal("graph", children[^1]);
        Assert.All(children.Take(children.Count - 1), c => Assert.Equal("key", c));
        Assert.Equal("directed", (string?)graph.Attribute("edgedefault"));
        Assert.True(order.LastIndexOf("node") < order.IndexOf("edge"));
        Assert.Equal("MET_WITH", (string?)edge.Attribute("label"));
        Assert.Equal("label", (string?)edge.Elements().First().Attribute("key"));
        Assert.Equal("MET_WITH", edge.Elements().First().Value);
        Assert.Equal("true", Data(edge, "e_undirected"));
        Assert.Equal("2023-02-08", Data(edge, "e_date"));
        Assert.Equal("2", Data(edge, "e_count"));
        Assert.Equal(":Person", (string?)node.Attribute("labels"));
        Assert.Equal(":Person", Data(node, "labels"));
        Assert.Equal("Jens Stoltenberg", Data(node, "v_name"));
        Assert.Equal(["Stoltenberg", "the Secretary General"], JsonSerializer.Deserialize<string[]>(Data(node, "v_aliases")!)!);
    }

    [Fact]
    public async Task WriteAsync_NoEdge_IsMarkedUndirected()
    {
        // Arrange: NetworkX refuses directed="false" inside a directed graph (no mixed graphs).
        var doc = XDocument.Parse(await WriteAsync(SampleGraphs.Hostile()));

        // Act
        var edges = doc.Descendants(G + "edge").ToList();

        // Assert
        Assert.Equal(9, edges.Count);
        Assert.All(edges, e => Assert.Null(e.Attribute("directed")));
        Assert.Equal(2, edges.Count(e => Data(e, "e_undirected") == "true"));
        Assert.Equal(7, edges.Count(e => Data(e, "e_undirected") is null));
    }

    [Fact]
    public async Task WriteAsync_MetWithStoredFromLargerId_RunsFromSmallerToLarger()
    {
        // Arrange
        var graph = new PropertyGraph(
            [
                SampleGraphs.Node("person:b", GraphSchema.Person, new PropertyBag().Add("name", "B")),
                SampleGraphs.Node("person:a", GraphSchema.Person, new PropertyBag().Add("name", "A")),
                SampleGraphs.Node("org:x", GraphSchema.Organization, new PropertyBag().Add("name", "X")),
            ],
            [
                SampleGraphs.Rel("r1", GraphSchema.MetWith, "person:b", "person:a", new PropertyBag()),
                SampleGraphs.Rel("r2", GraphSchema.MemberOf, "person:b", "org:x", new PropertyBag()),
            ]);

        // Act
        var doc = XDocument.Parse(await WriteAsync(graph));

        // Assert: nodes are n0 = org:x, n1 = person:a, n2 = person:b (sorted by id).
        var edges = doc.Descendants(G + "edge").ToDictionary(e => Data(e, "e_key")!);
        Assert.Equal(("n1", "n2"), ((string)edges["r1"].Attribute("source")!, (string)edges["r1"].Attribute("target")!));
        Assert.Equal(("n2", "n0"), ((string)edges["r2"].Attribute("source")!, (string)edges["r2"].Attribute("target")!));
    }

    [Fact]
    public async Task WriteAsync_Keys_UseOnlyTheSixGraphMlTypesAndMarkLists()
    {
        // Arrange
        var doc = XDocument.Parse(await WriteAsync(SampleGraphs.Hostile()));

        // Act
        var keys = doc.Root!.Elements(G + "key").ToDictionary(k => (string)k.Attribute("id")!);

        // Assert
        Assert.All(keys.Values, k => Assert.Contains((string)k.Attribute("attr.type")!, new[] { "boolean", "int", "long", "float", "double", "string" }));
        Assert.Equal("double", (string?)keys["v_latitude"].Attribute("attr.type"));
        Assert.Equal("long", (string?)keys["v_mentions"].Attribute("attr.type"));
        Assert.Equal("long", (string?)keys["e_count"].Attribute("attr.type"));
        Assert.Equal("string", (string?)keys["v_date"].Attribute("attr.type"));
        Assert.Equal("boolean", (string?)keys["e_undirected"].Attribute("attr.type"));
        Assert.Equal(("id", "node"), ((string)keys["v_id"].Attribute("attr.name")!, (string)keys["v_id"].Attribute("for")!));
        Assert.Equal(("key", "edge"), ((string)keys["e_key"].Attribute("attr.name")!, (string)keys["e_key"].Attribute("for")!));
        // APOC reads attr.list: these become Neo4j string lists, every other key a single value.
        var lists = keys.Values.Where(k => k.Attribute("attr.list") is not null).ToDictionary(k => (string)k.Attribute("id")!, k => (string)k.Attribute("attr.list")!);
        Assert.Equal(new Dictionary<string, string> { ["v_aliases"] = "string", ["v_documents"] = "string", ["e_documents"] = "string", ["e_evidence"] = "string" }, lists);
        Assert.DoesNotContain(keys.Keys, k => k is "kgid" or "e_kgid" or "weight" or "n_label" or "type");
    }

    [Fact]
    public async Task WriteAsync_ListWithControlCharacter_KeepsItAsJsonEscapeAndCrlfSurvives()
    {
        // Arrange
        var xml = await WriteAsync(SampleGraphs.Hostile());

        // Act
        var evidence = XDocument.Parse(xml).Descendants(G + "data").First(d => (string?)d.Attribute("key") == "e_evidence").Value;

        // Assert
        var items = JsonSerializer.Deserialize<string[]>(evidence)!;
        Assert.Contains("\\u0007", evidence, StringComparison.Ordinal);
        Assert.Equal(SampleGraphs.HostileEvidence, items[0]);
    }

    [Fact]
    public async Task WriteAsync_StringWithControlCharacter_DropsIt()
    {
        // Arrange
        var graph = new PropertyGraph([SampleGraphs.Node("person:x", GraphSchema.Person, new PropertyBag().Add("name", "A\u0007B\uFFFFC\u0000D"))], []);

        // Act
        var xml = await WriteAsync(graph);

        // Assert
        Assert.Contains(">ABCD<", xml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_ReadBack_RestoresNodesEdgesAndProperties()
    {
        // Arrange
        var graph = SampleGraphs.Hostile();

        // Act
        var read = GraphMlTestReader.Read(await WriteAsync(graph));

        // Assert
        var expected = XmlRoundTrip.Expected(graph);
        Assert.True(expected.ContentEquals(read), XmlRoundTrip.Diff(expected, read));
    }

    [Fact]
    public async Task WriteAsync_SameGraphTwice_IsByteIdentical()
    {
        // Act
        var a = await WriteAsync(SampleGraphs.Hostile());
        var b = await WriteAsync(SampleGraphs.Hostile());

        // Assert
        Assert.Equal(a, b);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<graphml", a, StringComparison.Ordinal);
        Assert.DoesNotContain("\r\n", a, StringComparison.Ordinal);
    }

    private static string? Data(XElement owner, string key) =>
        owner.Elements(G + "data").FirstOrDefault(d => (string?)d.Attribute("key") == key)?.Value;
}
