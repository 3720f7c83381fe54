using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.Writers.Html;
using KnowledgeGraph.Writers.Tests.Support;

namespace KnowledgeGraph.Writers.Tests.Html;

/// <summary>The page's text, without a browser (the browser tests are in KnowledgeGraph.Cli.Tests/Browser).</summary>
public sealed partial class HtmlWriterTests
{
    private static async Task<string> WriteAsync(PropertyGraph graph)
    {
        var dir = SampleGraphs.TempDir();
        await new HtmlWriter().WriteAsync(graph, dir, CancellationToken.None);
        return await File.ReadAllTextAsync(Path.Combine(dir, HtmlWriter.FileName));
    }

    private static JsonElement Data(string page)
    {
        var start = page.IndexOf("<script type=\"application/json\" id=\"kg-data\">", StringComparison.Ordinal);
        var from = page.IndexOf('>', start) + 1;
        var end = page.IndexOf("</script>", from, StringComparison.Ordinal);
        return JsonDocument.Parse(page[from..end]).RootElement.Clone();
    }

    [Fact]
    public async Task WriteAsync_HostileNames_CannotCloseTheDataBlock_AndComeBackIntact()
    {
        // Arrange: a name that closes the script block and opens another, with quotes, & and right-to-left text.
        const string Breakout = "</script><script>alert(\"x\")</script> & 'q' <b> محمد";
        var graph = new PropertyGraph(
        [
            new GraphNode("person:a", [GraphSchema.Person], new PropertyBag().Add("name", Breakout).Build()),
            new GraphNode("person:b", [GraphSchema.Person], new PropertyBag().Add("name", "B").Build()),
        ],
        [
            new GraphRelationship("m1", GraphSchema.MetWith, "person:a", "person:b", new PropertyBag().Add("evidence", [SampleGraphs.HostileEvidence]).Build()),
        ]);

        // Act
        var page = await WriteAsync(graph);
        var data = Data(page);

        // Assert: the only script tags are the page's two; the text survives the JSON untouched.
        Assert.Equal(2, Regex.Count(page, "<script", RegexOptions.IgnoreCase));
        Assert.Equal(2, Regex.Count(page, "</script", RegexOptions.IgnoreCase));
        Assert.DoesNotContain("<b>", page, StringComparison.Ordinal);
        Assert.Contains("محمد", page, StringComparison.Ordinal); // readable, not \u-escaped
        Assert.Equal(Breakout, data.GetProperty("people")[0].GetProperty("n").GetString());
        Assert.Equal(SampleGraphs.HostileEvidence, data.GetProperty("meetings")[0].GetProperty("e")[0].GetString());
    }

    [Fact]
    public async Task WriteAsync_Page_LoadsNothing_AndAllowsOnlyItsOwnScriptAndStyle()
    {
        // Act
        var page = await WriteAsync(SampleGraphs.Hostile());
        var script = ScriptBody().Match(page).Groups[1].Value;
        var style = StyleBody().Match(page).Groups[1].Value;
        static string Hash(string s) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(s)));

        // Assert: no reference to anything outside the file; the policy forbids connections and names the two hashes.
        Assert.DoesNotMatch(new Regex(@"\b(src|href)\s*=|url\(|@import|<link|<iframe|fetch\(|XMLHttpRequest|WebSocket", RegexOptions.IgnoreCase), page);
        Assert.All(Regex.Matches(page, @"https?://[^""'\s)]*"), m => Assert.Equal("http://www.w3.org/2000/svg", m.Value));
        Assert.Contains("default-src 'none'", page, StringComparison.Ordinal);
        Assert.Contains("connect-src 'none'", page, StringComparison.Ordinal);
        Assert.Contains($"script-src '{Hash(script)}'", page, StringComparison.Ordinal);
        Assert.Contains($"style-src '{Hash(style)}'", page, StringComparison.Ordinal);
        Assert.DoesNotContain("innerHTML", script, StringComparison.Ordinal);
        Assert.DoesNotContain("insertAdjacentHTML", script, StringComparison.Ordinal);
        Assert.DoesNotContain("document.write", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_Data_MeetingsByDateUndatedLast_WithParticipantsPlaceAndSources()
    {
        // Act
        var data = Data(await WriteAsync(SampleGraphs.Hostile()));
        var meetings = data.GetProperty("meetings").EnumerateArray().ToList();
        var people = data.GetProperty("people").EnumerateArray().Select(p => p.GetProperty("n").GetString()).ToList();

        // Assert: r1 (2023-02-08, Brussels, both attendees of the meeting node) before the undated r9.
        Assert.Equal(HtmlWriter.DefaultTopPeople, data.GetProperty("top").GetInt32());
        Assert.Equal("2023-02-08", meetings[0].GetProperty("d").GetString());
        Assert.Equal("Brussels", meetings[0].GetProperty("pn").GetString());
        Assert.Equal(["000_bb1e87f7cc61eab3.txt"], meetings[0].GetProperty("s").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(("Jens Stoltenberg", "Lloyd J. Austin III"), (people[meetings[0].GetProperty("p1").GetInt32()], people[meetings[0].GetProperty("p2").GetInt32()]));
        Assert.False(meetings[^1].TryGetProperty("d", out _));
        var brussels = data.GetProperty("places")[meetings[0].GetProperty("pl").GetInt32()];
        Assert.Equal((50.85045, 4.34878), (brussels.GetProperty("lat").GetDouble(), brussels.GetProperty("lon").GetDouble()));
        // Stoltenberg's hover line: his role in NATO.
        var stoltenberg = data.GetProperty("people")[people.IndexOf("Jens Stoltenberg")];
        Assert.Equal(("Secretary General", "NATO"), (stoltenberg.GetProperty("r").GetString(), stoltenberg.GetProperty("o").GetString()));
    }

    [Fact]
    public async Task WriteAsync_PeopleWithoutLayout_SitOnACircle_LaidOutPeopleKeepTheirPlace()
    {
        // Arrange: four people without x/y go round a circle of radius 300: (300, 0), (0, 300), (-300, 0), (0, -300).
        var graph = new PropertyGraph(
            Enumerable.Range(0, 4).Select(i => new GraphNode($"person:{i}", [GraphSchema.Person], new PropertyBag().Add("name", $"P{i}").Build())), []);
        var laidOut = new PropertyGraph([new GraphNode("person:x", [GraphSchema.Person], new PropertyBag().Add("name", "X").Add("x", 12.5).Add("y", -3.25).Build())], []);

        // Act
        var people = Data(await WriteAsync(graph)).GetProperty("people").EnumerateArray().Select(p => (p.GetProperty("x").GetDouble(), p.GetProperty("y").GetDouble())).ToList();
        var x = Data(await WriteAsync(laidOut)).GetProperty("people")[0];

        // Assert
        Assert.Equal([(300, 0), (0, 300), (-300, 0), (0, -300)], people);
        Assert.Equal((12.5, -3.25), (x.GetProperty("x").GetDouble(), x.GetProperty("y").GetDouble()));
    }

    [Fact]
    public async Task WriteAsync_SameGraphTwice_IsByteIdentical()
    {
        Assert.Equal(await WriteAsync(SampleGraphs.Hostile()), await WriteAsync(SampleGraphs.Hostile()));
    }

    [Fact]
    public void Registry_Html_IsAFormatOfAll()
    {
        Assert.IsType<HtmlWriter>(Assert.Single(GraphWriters.Resolve("html")));
        Assert.Contains(GraphWriters.Resolve("all"), w => w is HtmlWriter);
    }

    [GeneratedRegex(@"<script>(.*)</script>", RegexOptions.Singleline)]
    private static partial Regex ScriptBody();

    [GeneratedRegex(@"<style>(.*)</style>", RegexOptions.Singleline)]
    private static partial Regex StyleBody();
}
