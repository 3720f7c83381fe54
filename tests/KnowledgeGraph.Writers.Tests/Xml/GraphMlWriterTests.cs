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

        // Assert: proves the validator is strict, and that the two APOC attributes are the only extension.
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.True(e.Contains("'labels'", StringComparison.Ordinal) || e.Contains("'label'", StringComparison.Ordinal), e));
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
        var edge = graph.Elements(G + "edge").First(e => e.Elements().Any(d => (string?)d.Attribute("key") == "e_kgid" && d.Value == "r1"));
        var node = graph.Elements(G + "node").First(n => n.Elements().Any(d => (string?)d.Attribute("key") == "kgid" && d.Value == "person:jens-stoltenberg"));

        // Assert
        Assert.Equal("graph", children[^1]);
        Assert.All(children.Take(children.Count - 1), c => Assert.Equal("key", c));
        Assert.Equal("directed", (string?)graph.Attribute("edgedefault"));
        Assert.True(order.LastIndexOf("node") < order.IndexOf("edge"));
        Assert.Equal("MET_WITH", (string?)edge.Attribute("label"));
        Assert.Equal("false", (string?)edge.Attribute("directed"));
        Assert.Equal("label", (string?)edge.Elements().First().Attribute("key"));
        Assert.Equal("MET_WITH", edge.Elements().First().Value);
        Assert.Equal("2.0", Data(edge, "weight"));
        Assert.Equal("2023-02-08", Data(edge, "e_date"));
        Assert.Equal(":Person", (string?)node.Attribute("labels"));
        Assert.Equal(":Person", Data(node, "labels"));
        Assert.Equal("Jens Stoltenberg", Data(node, "n_label"));
        Assert.Equal("Person", Data(node, "type"));
        Assert.Equal(["Stoltenberg", "the Secretary General"], JsonSerializer.Deserialize<string[]>(Data(node, "v_aliases")!)!);
    }

    [Fact]
    public async Task WriteAsync_Keys_UseOnlyTheSixGraphMlTypes()
    {
        // Arrange
        var doc = XDocument.Parse(await WriteAsync(SampleGraphs.Hostile()));

        // Act
        var keys = doc.Root!.Elements(G + "key").ToDictionary(k => (string)k.Attribute("id")!, k => (string)k.Attribute("attr.type")!);

        // Assert
        Assert.All(keys.Values, t => Assert.Contains(t, new[] { "boolean", "int", "long", "float", "double", "string" }));
        Assert.Equal("double", keys["v_latitude"]);
        Assert.Equal("long", keys["v_mentions"]);
        Assert.Equal("long", keys["e_count"]);
        Assert.Equal("string", keys["v_date"]);
        Assert.Equal("double", keys["weight"]);
        Assert.DoesNotContain(doc.Root!.Elements(G + "key"), k => k.Attribute("attr.list") is not null);
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
