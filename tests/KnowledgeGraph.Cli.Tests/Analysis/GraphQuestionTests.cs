using System.Xml.Linq;
using KnowledgeGraph.Cli.Console;
using KnowledgeGraph.Cli.Tests.Support;
using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.Writers.Json;

namespace KnowledgeGraph.Cli.Tests.Analysis;

/// <summary>
/// <c>kg path</c>, <c>kg network</c> and <c>kg stats</c> on a small hand-built graph whose answers are known by hand:
/// Anna Berg met Carl Dahl twice, Carl Dahl met Dora Eng; Anna Lind met Erik Falk; Olga Nord met nobody but was in
/// Oslo the day Erik Falk was.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class GraphQuestionTests : IDisposable
{
    private readonly TempDir _dir = new("kg-questions");

    public GraphQuestionTests()
    {
        static GraphNode Person(string id, string name, params string[] aliases) =>
            new($"person:{id}", [GraphSchema.Person], new PropertyBag().Add("name", name).Add("aliases", aliases).Build());
        static GraphNode Place(string id, string name) => new($"city:{id}", [GraphSchema.Location], new PropertyBag().Add("name", name).Build());
        static GraphRelationship Met(string id, string a, string b, string date, string place, string placeId, string doc) =>
            new(id, GraphSchema.MetWith, $"person:{a}", $"person:{b}", new PropertyBag()
                .Add("date", DateOnly.ParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).Add("place", place)
                .Add("placeId", placeId).Add("documents", [doc]).Add("evidence", [$"Sentence of {doc}."]).Build());
        static GraphRelationship Visit(string id, string person, string place, string date, string doc) =>
            new(id, GraphSchema.Visited, $"person:{person}", place, new PropertyBag()
                .Add("date", DateOnly.ParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).Add("documents", [doc]).Build());
        var graph = new PropertyGraph(
        [
            Person("anna-berg", "Anna Berg"), Person("anna-lind", "Anna Lind"), Person("carl-dahl", "Carl J. Dahl Jr.", "Dahl"),
            Person("dora-eng", "Dóra Eng"), Person("erik-falk", "Erik Falk"), Person("olga-nord", "Olga Nord"),
            Place("1", "Oslo"), Place("2", "Rome"),
        ],
        [
            Met("m1", "anna-berg", "carl-dahl", "2023-03-01", "Rome", "city:2", "b.txt"),
            Met("m2", "anna-berg", "carl-dahl", "2023-01-02", "Oslo", "city:1", "a.txt"),
            Met("m3", "carl-dahl", "dora-eng", "2023-04-05", "Rome", "city:2", "c.txt"),
            Met("m4", "anna-lind", "erik-falk", "2023-06-07", "Oslo", "city:1", "d.txt"),
            Visit("v1", "erik-falk", "city:1", "2023-06-07", "d.txt"),
            Visit("v2", "olga-nord", "city:1", "2023-06-07", "e.txt"),
        ]);
        using var stream = File.Create(_dir["graph.json"]);
        JsonGraphWriter.WriteAsync(graph, stream, CancellationToken.None).GetAwaiter().GetResult();
    }

    public void Dispose() => _dir.Dispose();

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public async Task Path_TwoHops_OneRowPerHopWithEveryMeetingByDate()
    {
        // Act: surname-free, accent-free and word-by-word names ("Carl Dahl" is not a substring of "Carl J. Dahl Jr.").
        var run = await Kg.RunAsync("path", _dir.Path, "anna berg", "Dora Eng", "--format", "csv");

        // Assert
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
        [
            "hop,from,to,date,place,documents",
            "1,Anna Berg,Carl J. Dahl Jr.,2023-01-02; 2023-03-01,Oslo; Rome,a.txt; b.txt",
            "2,Carl J. Dahl Jr.,Dóra Eng,2023-04-05,Rome,c.txt",
        ], Lines(run.Stdout));
    }

    [Fact]
    public async Task Path_WordByWordName_FindsTheMiddleInitialName()
    {
        // Act
        var run = await Kg.RunAsync("path", _dir.Path, "Carl Dahl", "Anna Berg", "--format", "csv");

        // Assert
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("1,Carl J. Dahl Jr.,Anna Berg,2023-01-02; 2023-03-01,Oslo; Rome,a.txt; b.txt", Lines(run.Stdout)[1]);
    }

    [Fact]
    public async Task Path_NoChain_ExitsOneAndSuggestsViaVisits()
    {
        // Act
        var run = await Kg.RunAsync("path", _dir.Path, "Anna Berg", "Erik Falk", "--format", "csv");

        // Assert
        Assert.Equal(ExitCodes.RuntimeFailure, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Contains("no chain of in-person meetings links Anna Berg and Erik Falk", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("--via-visits", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Path_ViaVisits_SameDayInOneCityIsAHop()
    {
        // Act: Olga Nord met nobody, but was in Oslo on 2023-06-07 with Erik Falk, who met Anna Lind there.
        var without = await Kg.RunAsync("path", _dir.Path, "Olga", "Anna Lind", "--format", "csv");
        var with = await Kg.RunAsync("path", _dir.Path, "Olga", "Anna Lind", "--via-visits", "--format", "csv");

        // Assert
        Assert.Equal(ExitCodes.RuntimeFailure, without.ExitCode);
        Assert.True(with.ExitCode == 0, with.ToString());
        Assert.Equal(
        [
            "hop,from,to,date,place,documents",
            "1,Olga Nord,Erik Falk,2023-06-07,Oslo (both visited),d.txt; e.txt",
            "2,Erik Falk,Anna Lind,2023-06-07,Oslo,d.txt",
        ], Lines(with.Stdout));
    }

    [Theory]
    [InlineData("Anna", "'Anna' is ambiguous", "Anna Berg (person:anna-berg), Anna Lind (person:anna-lind)")]
    [InlineData("Zora", "no person in", "is called 'Zora' (kg entities")]
    public async Task Path_UnknownOrAmbiguousName_ExitsTwoNamingTheCandidates(string name, string expected, string detail)
    {
        // Act
        var run = await Kg.RunAsync("path", _dir.Path, name, "Dora Eng");

        // Assert
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
        Assert.Contains(detail, run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public async Task Path_Json_HopsWithMeetingsAndEvidence()
    {
        // Act
        var run = await Kg.RunAsync("path", _dir.Path, "Dahl", "Dora", "--format", "json");

        // Assert
        Assert.True(run.ExitCode == 0, run.ToString());
        using var doc = System.Text.Json.JsonDocument.Parse(run.Stdout);
        var hop = Assert.Single(doc.RootElement.EnumerateArray().ToList());
        Assert.Equal("person:carl-dahl", hop.GetProperty("from").GetProperty("id").GetString());
        var meeting = Assert.Single(hop.GetProperty("meetings").EnumerateArray().ToList());
        Assert.Equal(("met-with", "2023-04-05", "Rome", "Sentence of c.txt."),
            (meeting.GetProperty("kind").GetString(), meeting.GetProperty("date").GetString(), meeting.GetProperty("place").GetString(), meeting.GetProperty("evidence")[0].GetString()));
    }

    [Fact]
    public async Task Network_DepthOneAndTwo_LinksNearestFirst()
    {
        // Act
        var one = await Kg.RunAsync("network", _dir.Path, "--person", "Dora Eng", "--depth", "1", "--format", "csv");
        var two = await Kg.RunAsync("network", _dir.Path, "--person", "Dora Eng", "--format", "csv");

        // Assert
        Assert.True(one.ExitCode == 0, one.ToString());
        Assert.Equal(["person,met,distance,meetings,dates,places", "Dóra Eng,Carl J. Dahl Jr.,1,1,2023-04-05,Rome"], Lines(one.Stdout));
        Assert.Equal(
        [
            "person,met,distance,meetings,dates,places",
            "Dóra Eng,Carl J. Dahl Jr.,1,1,2023-04-05,Rome",
            "Carl J. Dahl Jr.,Anna Berg,2,2,2023-01-02; 2023-03-01,Oslo; Rome",
        ], Lines(two.Stdout));
    }

    [Fact]
    public async Task Network_Graphml_PeopleWithDistanceAndTheirMeetings()
    {
        // Act
        var run = await Kg.RunAsync("network", _dir.Path, "--person", "Anna Berg", "--format", "graphml");

        // Assert: Anna Berg, Carl Dahl (1) and Dora Eng (2); the three meetings among them.
        Assert.True(run.ExitCode == 0, run.ToString());
        var xml = XDocument.Parse(run.Stdout);
        XNamespace ns = "http://graphml.graphdrawing.org/xmlns";
        var distanceKey = xml.Descendants(ns + "key").Single(k => (string?)k.Attribute("attr.name") == "distance").Attribute("id")!.Value;
        var nameKey = xml.Descendants(ns + "key").Single(k => (string?)k.Attribute("attr.name") == "name" && (string?)k.Attribute("for") == "node").Attribute("id")!.Value;
        var people = xml.Descendants(ns + "node").ToDictionary(
            n => n.Elements(ns + "data").Single(d => (string?)d.Attribute("key") == nameKey).Value,
            n => n.Elements(ns + "data").Single(d => (string?)d.Attribute("key") == distanceKey).Value);
        Assert.Equal(new Dictionary<string, string> { ["Anna Berg"] = "0", ["Carl J. Dahl Jr."] = "1", ["Dóra Eng"] = "2" }, people);
        Assert.Equal(3, xml.Descendants(ns + "edge").Count());
    }

    [Fact]
    public async Task Stats_HandBuiltGraph_CountsRankingsGroupsAndBusiestPlaces()
    {
        // Act
        var run = await Kg.RunAsync("stats", _dir.Path, "--top", "2", "--format", "csv");

        // Assert: Carl Dahl met 2 people, everyone else who met anyone 1 (ties by name); only Carl lies between two
        // people (Anna Berg and Dora Eng: 1 of the (6-1)(6-2)/2 = 10 pairs without him). Oslo has two meetings (m2, m4)
        // and two visits; Rome two meetings.
        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = Lines(run.Stdout);
        Assert.Contains("nodes,Person,6", lines);
        Assert.Contains("relationships,MET_WITH,4", lines);
        Assert.Contains("relationships,VISITED,2", lines);
        Assert.Equal(["most connected,Carl J. Dahl Jr.,2", "most connected,Anna Berg,1"], lines.Where(l => l.StartsWith("most connected", StringComparison.Ordinal)));
        Assert.Equal(["most between,Carl J. Dahl Jr.,0.1"], lines.Where(l => l.StartsWith("most between", StringComparison.Ordinal)));
        Assert.Equal(["group,community 0,\"3 people: Anna Berg, Carl J. Dahl Jr., Dóra Eng\"", "group,community 1,\"2 people: Anna Lind, Erik Falk\""],
            lines.Where(l => l.StartsWith("group", StringComparison.Ordinal)));
        Assert.Equal(["busiest place,Oslo,\"2 meeting(s), 2 visit(s)\"", "busiest place,Rome,\"2 meeting(s), 0 visit(s)\""],
            lines.Where(l => l.StartsWith("busiest place", StringComparison.Ordinal)));
        Assert.Equal(["busiest date,2023-06-07,\"1 meeting(s), 2 visit(s)\"", "busiest date,2023-01-02,\"1 meeting(s), 0 visit(s)\""],
            lines.Where(l => l.StartsWith("busiest date", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Meetings_PersonWordByWord_SameLookupAsPath()
    {
        // Act
        var run = await Kg.RunAsync("meetings", _dir.Path, "--person", "carl dahl", "--format", "csv");

        // Assert: all three meetings of Carl J. Dahl Jr., by date, him first.
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["2023-01-02,Carl J. Dahl Jr.,Anna Berg", "2023-03-01,Carl J. Dahl Jr.,Anna Berg", "2023-04-05,Carl J. Dahl Jr.,Dóra Eng"],
            Lines(run.Stdout).Skip(1).Select(l => string.Join(',', l.Split(',').Take(3))));
    }
}
