using System.Xml.Linq;
using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.Writers.Gexf;
using KnowledgeGraph.Writers.Tests.Support;

namespace KnowledgeGraph.Writers.Tests.Xml;

public sealed class GexfWriterTests
{
    private static readonly XNamespace X = GexfWriter.Namespace;
    private static readonly XNamespace Viz = GexfWriter.VizNamespace;

    private static async Task<string> WriteAsync(PropertyGraph graph)
    {
        var dir = SampleGraphs.TempDir();
        await new GexfWriter().WriteAsync(graph, dir, CancellationToken.None);
        return await File.ReadAllTextAsync(Path.Combine(dir, GexfWriter.FileName));
    }

    [Fact]
    public async Task WriteAsync_HostileGraph_IsValidGexf13()
    {
        // Arrange
        var xml = await WriteAsync(SampleGraphs.Hostile());

        // Act
        var errors = SchemaValidator.Validate(xml, "gexf/1.3/gexf.xsd");

        // Assert
        Assert.Empty(errors);
    }

    [Fact]
    public async Task WriteAsync_Schema_RejectsAWrongDocument()
    {
        // Arrange: the validator must be strict, or the test above proves nothing.
        var doc = XDocument.Parse(await WriteAsync(SampleGraphs.Hostile()));
        doc.Root!.Element(X + "graph")!.SetAttributeValue("mode", "animated");

        // Act
        var errors = SchemaValidator.Validate(doc.ToString(), "gexf/1.3/gexf.xsd");

        // Assert
        Assert.Contains(errors, e => e.Contains("mode", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WriteAsync_Graph_IsDynamicWithDateIntervals()
    {
        // Act
        var graph = XDocument.Parse(await WriteAsync(SampleGraphs.Hostile())).Root!.Element(X + "graph")!;

        // Assert
        Assert.Equal("dynamic", (string?)graph.Attribute("mode"));
        Assert.Equal("date", (string?)graph.Attribute("timeformat"));
        Assert.Equal("interval", (string?)graph.Attribute("timerepresentation"));
        Assert.Equal("directed", (string?)graph.Attribute("defaultedgetype"));
        Assert.Equal(["attributes", "attributes", "nodes", "edges"], graph.Elements().Select(e => e.Name.LocalName));
    }

    [Fact]
    public async Task WriteAsync_DatedMeetingsAndVisits_GetSpellsOthersDoNot()
    {
        // Act
        var doc = XDocument.Parse(await WriteAsync(SampleGraphs.Hostile()));

        // Assert
        string[] Spells(XElement e) => [.. e.Descendants(X + "spell").Select(s => (string)s.Attribute("start")! + "/" + (string)s.Attribute("end")!)];
        var edges = doc.Descendants(X + "edge").ToDictionary(e => (string)e.Attribute("id")!);
        Assert.Equal(["2023-02-08/2023-02-08"], Spells(edges["r1"]));
        Assert.Equal(["2023-02-14/2023-02-14"], Spells(edges["r7"]));
        Assert.Empty(Spells(edges["r9"])); // MET_WITH without a date exists for the whole timeline
        Assert.Empty(Spells(edges["r5"])); // MEMBER_OF is not timed
        var meeting = doc.Descendants(X + "node").Single(n => (string?)n.Attribute("id") == "meeting:2023-02-08-austin-stoltenberg");
        Assert.Equal(["2023-02-08/2023-02-08"], Spells(meeting));
        // Directed throughout: NetworkX has no mixed graphs. No edge says type="undirected".
        Assert.All(edges.Values, e => Assert.Null(e.Attribute("type")));
        Assert.Equal("MET_WITH", (string?)edges["r1"].Attribute("kind"));
        Assert.Equal("2.0", (string?)edges["r1"].Attribute("weight"));
    }

    [Fact]
    public void Dates_DateAndDatesList_AreSortedAndDistinct()
    {
        // Arrange
        var props = new PropertyBag().Add("date", new DateOnly(2023, 5, 1)).Add("dates", ["2023-06-01", "2023-05-01", "not a date", "2022-01-02"]).Build();

        // Act
        var dates = GexfWriter.Dates(props);

        // Assert
        Assert.Equal([new DateOnly(2022, 1, 2), new DateOnly(2023, 5, 1), new DateOnly(2023, 6, 1)], dates);
    }

    [Fact]
    public async Task WriteAsync_Nodes_ColouredByLabelSizedByDegree()
    {
        // Act
        var nodes = XDocument.Parse(await WriteAsync(SampleGraphs.Hostile())).Descendants(X + "node").ToDictionary(n => (string)n.Attribute("id")!);

        // Assert: Jens has r1, r2, r5, r8 = degree 4 -> 10 + 2*4 = 18; Brussels has r4 = 1 -> 12.
        Assert.Equal("18.0", (string?)nodes["person:jens-stoltenberg"].Element(Viz + "size")!.Attribute("value"));
        Assert.Equal("12.0", (string?)nodes["city:2800866"].Element(Viz + "size")!.Attribute("value"));
        var color = nodes["person:lloyd-austin"].Element(Viz + "color")!;
        Assert.Equal(("76", "142", "218"), ((string)color.Attribute("r")!, (string)color.Attribute("g")!, (string)color.Attribute("b")!));
        Assert.Equal("255", (string?)nodes["meeting:2023-02-08-austin-stoltenberg"].Element(Viz + "color")!.Attribute("r"));
    }

    [Fact]
    public void NodeSize_LargeDegree_IsCapped()
    {
        // Act + Assert
        Assert.Equal(10, GexfWriter.NodeSize(0));
        Assert.Equal(60, GexfWriter.NodeSize(25));
        Assert.Equal(60, GexfWriter.NodeSize(1000));
    }

    [Fact]
    public async Task WriteAsync_Places_HaveDoubleLatitudeLongitudeColumns()
    {
        // Act
        var doc = XDocument.Parse(await WriteAsync(SampleGraphs.Hostile()));

        // Assert
        var declared = doc.Descendants(X + "attributes").First(a => (string?)a.Attribute("class") == "node").Elements(X + "attribute")
            .ToDictionary(a => (string)a.Attribute("title")!, a => ((string)a.Attribute("id")!, (string)a.Attribute("type")!));
        Assert.Equal("double", declared["latitude"].Item2);
        Assert.Equal("double", declared["longitude"].Item2);
        Assert.Equal("long", declared["population"].Item2);
        var brussels = doc.Descendants(X + "node").Single(n => (string?)n.Attribute("id") == "city:2800866");
        var values = brussels.Descendants(X + "attvalue").ToDictionary(v => (string)v.Attribute("for")!, v => (string)v.Attribute("value")!);
        Assert.Equal("50.85045", values[declared["latitude"].Item1]);
        Assert.Equal("4.34878", values[declared["longitude"].Item1]);
        Assert.Equal("Location", values["0"]);
    }

    [Fact]
    public async Task WriteAsync_ReadBack_RestoresNodesEdgesAndProperties()
    {
        // Arrange
        var graph = SampleGraphs.Hostile();

        // Act
        var read = GexfTestReader.Read(await WriteAsync(graph));

        // Assert
        var expected = XmlRoundTrip.Expected(graph);
        Assert.True(expected.ContentEquals(read), XmlRoundTrip.Diff(expected, read));
    }

    [Fact]
    public async Task WriteAsync_Columns_HaveNumericIdsAndPropertyTitles()
    {
        // Arrange: Gephi Lite (graphology-gexf) shows a column's title only when its id is a number.
        var graph = XDocument.Parse(await WriteAsync(SampleGraphs.Hostile())).Root!.Element(X + "graph")!;

        // Act
        var blocks = graph.Elements(X + "attributes").ToDictionary(a => (string)a.Attribute("class")!);
        var columns = blocks.Values.SelectMany(b => b.Elements(X + "attribute")).ToList();

        // Assert
        Assert.All(columns, c => Assert.True(int.TryParse((string?)c.Attribute("id"), out _), (string?)c.Attribute("id")));
        string[] Titles(string domain) => [.. blocks[domain].Elements(X + "attribute").Select(a => (string)a.Attribute("title")!)];
        Assert.Equal("type", Titles("node")[0]);
        Assert.Contains("name", Titles("node"));
        Assert.Equal(["type", "count", "date", "documents", "evidence", "place", "placeId", "role", "occasions", "undirected"], Titles("edge"));
        Assert.Equal("static", (string?)blocks["node"].Attribute("mode"));
        Assert.Equal("dynamic", (string?)blocks["edge"].Attribute("mode"));
    }

    [Fact]
    public async Task WriteAsync_ThreeMeetingsOfAPair_OneEdgeWithASpellAndValuesPerDatedMeeting()
    {
        // Arrange: two dated meetings (one stored from the larger id) and one undated meeting of the same pair.
        var graph = new PropertyGraph(
            [
                SampleGraphs.Node("person:a", GraphSchema.Person, new PropertyBag().Add("name", "A")),
                SampleGraphs.Node("person:b", GraphSchema.Person, new PropertyBag().Add("name", "B")),
            ],
            [
                SampleGraphs.Rel("m1", GraphSchema.MetWith, "person:a", "person:b", new PropertyBag().Add("date", new DateOnly(2023, 2, 14)).Add("place", "NATO headquarters")),
                SampleGraphs.Rel("m2", GraphSchema.MetWith, "person:b", "person:a", new PropertyBag().Add("date", new DateOnly(2023, 2, 8)).Add("place", "Pentagon")),
                SampleGraphs.Rel("m3", GraphSchema.MetWith, "person:a", "person:b", new PropertyBag().Add("place", "Kyiv")),
            ]);

        // Act
        var xml = await WriteAsync(graph);
        var doc = XDocument.Parse(xml);

        // Assert: one edge a -> b standing for three meetings, the earliest meeting's id as its id.
        var edge = Assert.Single(doc.Descendants(X + "edge"));
        Assert.Equal(("m2", "person:a", "person:b"), ((string)edge.Attribute("id")!, (string)edge.Attribute("source")!, (string)edge.Attribute("target")!));
        Assert.Equal("3.0", (string?)edge.Attribute("weight"));
        Assert.Equal("1", (string?)doc.Descendants(X + "edges").Single().Attribute("count"));
        Assert.Equal(["2023-02-08/2023-02-08", "2023-02-14/2023-02-14"], edge.Descendants(X + "spell").Select(s => (string)s.Attribute("start")! + "/" + (string)s.Attribute("end")!));
        var titles = doc.Descendants(X + "attributes").Single(a => (string?)a.Attribute("class") == "edge").Elements(X + "attribute")
            .ToDictionary(a => (string)a.Attribute("id")!, a => (string)a.Attribute("title")!);
        string[] Values(string title) => [.. edge.Descendants(X + "attvalue").Where(v => titles[(string)v.Attribute("for")!] == title)
            .Select(v => $"{(string)v.Attribute("value")!}@{(string?)v.Attribute("start")}/{(string?)v.Attribute("end")}")];
        Assert.Equal(["2023-02-08@2023-02-08/2023-02-08", "2023-02-14@2023-02-14/2023-02-14"], Values("date"));
        Assert.Equal(["Pentagon@2023-02-08/2023-02-08", "NATO headquarters@2023-02-14/2023-02-14", "Kyiv@/"], Values("place"));
        Assert.Equal(["MET_WITH@/"], Values("type"));
        Assert.Equal(["true@/"], Values("undirected"));
        Assert.Equal(
            ["""[{"key":"m2","date":"2023-02-08","place":"Pentagon"},{"key":"m1","date":"2023-02-14","place":"NATO headquarters"},{"key":"m3","place":"Kyiv"}]@/"""],
            Values("occasions"));
        Assert.Empty(SchemaValidator.Validate(xml, "gexf/1.3/gexf.xsd"));
    }

    [Fact]
    public async Task WriteAsync_TwoTypesBetweenTheSamePair_StayTwoEdges()
    {
        // Arrange
        var graph = new PropertyGraph(
            [
                SampleGraphs.Node("person:a", GraphSchema.Person, new PropertyBag().Add("name", "A")),
                SampleGraphs.Node("city:1", GraphSchema.Location, new PropertyBag().Add("name", "C")),
            ],
            [
                SampleGraphs.Rel("v1", GraphSchema.Visited, "person:a", "city:1", new PropertyBag().Add("date", new DateOnly(2023, 1, 1))),
                SampleGraphs.Rel("v2", GraphSchema.Visited, "person:a", "city:1", new PropertyBag().Add("date", new DateOnly(2023, 3, 1))),
                SampleGraphs.Rel("x1", GraphSchema.MemberOf, "person:a", "city:1", new PropertyBag()),
            ]);

        // Act
        var edges = XDocument.Parse(await WriteAsync(graph)).Descendants(X + "edge").ToList();

        // Assert
        Assert.Equal([("v1", "VISITED", "2.0"), ("x1", "MEMBER_OF", "1.0")], edges.Select(e => ((string)e.Attribute("id")!, (string)e.Attribute("kind")!, (string)e.Attribute("weight")!)));
        Assert.Empty(edges[1].Descendants(X + "spell"));
    }

    [Fact]
    public async Task WriteAsync_SameGraphTwice_IsByteIdentical()
    {
        // Act
        var a = await WriteAsync(SampleGraphs.Hostile());
        var b = await WriteAsync(SampleGraphs.Hostile());

        // Assert
        Assert.Equal(a, b);
        Assert.Contains("<gexf xmlns:viz=\"http://gexf.net/1.3/viz\" version=\"1.3\" xmlns=\"http://gexf.net/1.3\">", a, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_NodesWithXAndY_HaveAVizPositionAndStayValid()
    {
        // Arrange: two people laid out (x, y as kg build writes them), one place without a position.
        static GraphNode Node(string id, string label, double? x, double? y) =>
            new(id, [label], new PropertyBag().Add("name", id).Add("x", x).Add("y", y).Build());
        var graph = new PropertyGraph(
            [Node("person:a", GraphSchema.Person, 12.5, -40.25), Node("person:b", GraphSchema.Person, 0, 7), Node("place:p", GraphSchema.Location, null, null)],
            []);

        // Act
        var xml = await WriteAsync(graph);
        var nodes = XDocument.Parse(xml).Descendants(X + "node").ToDictionary(n => (string)n.Attribute("id")!);
        string? Pos(string id, string axis) => (string?)nodes[id].Element(Viz + "position")?.Attribute(axis);

        // Assert
        Assert.Equal(("12.5", "-40.25", "0.0"), (Pos("person:a", "x"), Pos("person:a", "y"), Pos("person:a", "z")));
        Assert.Equal(("0.0", "7.0"), (Pos("person:b", "x"), Pos("person:b", "y")));
        Assert.Null(nodes["place:p"].Element(Viz + "position"));
        Assert.Empty(SchemaValidator.Validate(xml, "gexf/1.3/gexf.xsd"));
    }

    [Fact]
    public async Task WriteAsync_PersonWithMetrics_SizedByBetweennessColouredByCommunity()
    {
        // Arrange: one person with kg build's metrics, one without.
        var graph = new PropertyGraph(
            [
                SampleGraphs.Node("person:a", GraphSchema.Person, new PropertyBag().Add("name", "A").Add("betweenness", 0.5).Add("community", 2L)),
                SampleGraphs.Node("person:b", GraphSchema.Person, new PropertyBag().Add("name", "B")),
            ],
            []);

        // Act
        var doc = XDocument.Parse(await WriteAsync(graph));
        var nodes = doc.Descendants(X + "node").ToDictionary(n => (string)n.Attribute("id")!);
        var a = nodes["person:a"];
        var b = nodes["person:b"];

        // Assert: 10 + 50 × 0.5 = 35; community 2 takes the third palette colour; B keeps the degree size (10 for none)
        // and its label's colour; the document stays valid.
        Assert.Equal("35.0", (string)a.Element(Viz + "size")!.Attribute("value")!);
        var colour = a.Element(Viz + "color")!;
        Assert.Equal(("44", "160", "44"), ((string)colour.Attribute("r")!, (string)colour.Attribute("g")!, (string)colour.Attribute("b")!));
        Assert.Equal("10.0", (string)b.Element(Viz + "size")!.Attribute("value")!);
        var (r, g, bl) = GexfWriter.Palette[GraphSchema.Person];
        Assert.Equal(r.ToString(System.Globalization.CultureInfo.InvariantCulture), (string)b.Element(Viz + "color")!.Attribute("r")!);
        Assert.Empty(SchemaValidator.Validate(doc.ToString(), "gexf/1.3/gexf.xsd"));
    }
}
