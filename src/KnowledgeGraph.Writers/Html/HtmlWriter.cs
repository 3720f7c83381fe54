using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.Core.IO;

namespace KnowledgeGraph.Writers.Html;

/// <summary>
/// Writes <c>graph.html</c>: one self-contained page that shows the person network without any install. The page is
/// the project's own stylesheet and script (embedded resources <c>Html/graph.css</c> and <c>Html/graph.js</c>) and the
/// graph as JSON in a <c>&lt;script type="application/json"&gt;</c> block; the script draws inline SVG from it.
/// </summary>
/// <remarks>
/// <para>Escaping: the JSON is written with every HTML-sensitive character (<c>&lt; &gt; &amp; ' "</c>, <c>+</c>,
/// backquote) as a <c>\uXXXX</c> escape, so no article text can close the block; the script puts text into the page
/// only as text nodes (<c>textContent</c>, never markup), with <c>dir="auto"</c> / <c>&lt;bdi&gt;</c> so right-to-left
/// names keep their order without turning the row round. A Content-Security-Policy allows only this page's own script
/// and style (by hash) and no connection of any kind (<c>default-src 'none'</c>), so the page cannot load or send anything.</para>
/// <para>Positions come from the <c>x</c>/<c>y</c> node properties (the layout of <c>kg build</c>), sizes from
/// <c>betweenness</c>, colours from <c>community</c>; a graph without them (a hand-built one) gets a circle.</para>
/// </remarks>
public sealed class HtmlWriter : IGraphWriter
{
    /// <summary>The file this writer creates.</summary>
    public const string FileName = "graph.html";

    /// <summary>How many people the page draws until "show all" is pressed: the most central ones.</summary>
    public const int DefaultTopPeople = 150;

    // Source-generated (HtmlPageJson), so that the native (AOT) build of kg writes the same page: reflection-based
    // serialisation is not available there.
    private static readonly HtmlPageJson Json = new(new JsonSerializerOptions
    {
        // Every HTML-sensitive character stays escaped whatever the ranges; letters of any script stay readable.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    });

    /// <inheritdoc/>
    public string Name => "html";

    /// <inheritdoc/>
    public string Description => "graph.html: the person network in one self-contained page (open it in a browser; no network access)";

    /// <inheritdoc/>
    public Task WriteAsync(PropertyGraph graph, string outputDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        return AtomicFile.WriteTextAsync(Path.Combine(outputDirectory, FileName), Render(graph), cancellationToken);
    }

    /// <summary>The whole page for <paramref name="graph"/>.</summary>
    public static string Render(PropertyGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var data = JsonSerializer.Serialize(HtmlPageData.Of(graph, DefaultTopPeople), Json.HtmlPageData);
        var script = Resource("graph.js");
        var style = Resource("graph.css");
        var csp = $"default-src 'none'; script-src '{Hash(script)}'; style-src '{Hash(style)}'; img-src 'none'; connect-src 'none'; form-action 'none'; base-uri 'none'";
        var page = new StringBuilder(data.Length + script.Length + style.Length + 4096);
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        page.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(csp).Append("\">\n");
        page.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        page.Append("<meta name=\"generator\" content=\"KnowledgeGraph kg build\">\n");
        page.Append("<title>Who met whom: knowledge graph</title>\n<style>").Append(style).Append("</style>\n</head>\n");
        page.Append(Resource("graph.body.html"));
        page.Append("<script type=\"application/json\" id=\"kg-data\">").Append(data).Append("</script>\n");
        page.Append("<script>").Append(script).Append("</script>\n</body>\n</html>\n");
        return page.ToString();
    }

    private static string Hash(string text) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Resource(string name)
    {
        using var stream = typeof(HtmlWriter).Assembly.GetManifestResourceStream($"KnowledgeGraph.Writers.Html.{name}")
            ?? throw new InvalidOperationException($"embedded resource Html/{name} is missing from {typeof(HtmlWriter).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        // One line ending whatever the checkout did, so the page (and its hashes) are the same on every machine.
        return reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}

/// <summary>The serialiser of <see cref="HtmlPageData"/>, generated at compile time (no reflection at run time).</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(HtmlPageData))]
internal sealed partial class HtmlPageJson : System.Text.Json.Serialization.JsonSerializerContext;

/// <summary>What <c>graph.html</c> shows, as the JSON its script reads. Short member names keep a big graph's page small.</summary>
internal sealed record HtmlPageData(
    int Top,
    ImmutableArray<HtmlPageData.Person> People,
    ImmutableArray<HtmlPageData.Meeting> Meetings,
    ImmutableArray<HtmlPageData.Visit> Visits,
    ImmutableArray<HtmlPageData.Membership> Memberships,
    ImmutableArray<HtmlPageData.Place> Places)
{
    /// <summary>A person: id, name, aliases, role and organisation (from a membership), betweenness, community, degree, mentions, position.</summary>
    internal sealed record Person(string Id, string N, ImmutableArray<string> A, string? R, string? O, double B, long C, long D, long M, double X, double Y);

    /// <summary>One meeting (a MET_WITH relationship): date, the two people, everyone at the table, place, evidence, source files.</summary>
    internal sealed record Meeting(string? D, int P1, int P2, ImmutableArray<string> W, int Pl, string? Pn, ImmutableArray<string> E, ImmutableArray<string> S);

    /// <summary>A visit: person, place (index, name), date, evidence, source files.</summary>
    internal sealed record Visit(int P, int Pl, string Pn, string? D, ImmutableArray<string> E, ImmutableArray<string> S);

    /// <summary>A membership: person, organisation or country (name, label), role, evidence, source files.</summary>
    internal sealed record Membership(int P, string O, string K, string? R, ImmutableArray<string> E, ImmutableArray<string> S);

    /// <summary>A place with coordinates: id, name, latitude, longitude.</summary>
    internal sealed record Place(string Id, string N, double? Lat, double? Lon);

    public static HtmlPageData Of(PropertyGraph graph, int top)
    {
        var people = graph.Nodes.Where(n => n.Label == GraphSchema.Person).ToList();
        var personIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < people.Count; i++)
            personIndex[people[i].Id] = i;
        var nodes = graph.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);

        var places = new List<Place>();
        var placeIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        int PlaceOf(string? id)
        {
            if (id is null || !nodes.TryGetValue(id, out var node))
                return -1;
            if (!placeIndex.TryGetValue(id, out var i))
            {
                placeIndex[id] = i = places.Count;
                places.Add(new Place(id, node.Name, Number(node, "latitude"), Number(node, "longitude")));
            }
            return i;
        }

        var attendees = graph.Relationships.OfType(GraphSchema.Attended)
            .ToLookup(r => r.EndId, r => nodes.TryGetValue(r.StartId, out var n) ? n.Name : r.StartId, StringComparer.Ordinal);
        var meetings = new List<(DateOnly? Date, Meeting M)>();
        foreach (var r in graph.Relationships.OfType(GraphSchema.MetWith))
        {
            if (!personIndex.TryGetValue(r.StartId, out var a) || !personIndex.TryGetValue(r.EndId, out var b))
                continue;
            var date = r.Properties.TryGetValue("date", out var dv) && dv.Kind == PropertyKind.Date ? dv.AsDate() : (DateOnly?)null;
            var who = Text(r.Properties, "meeting") is { } meeting && attendees.Contains(meeting)
                ? attendees[meeting].Order(StringComparer.Ordinal).ToImmutableArray()
                : new[] { people[a].Name, people[b].Name }.Order(StringComparer.Ordinal).ToImmutableArray();
            meetings.Add((date, new Meeting(Iso(date), a, b, who, PlaceOf(Text(r.Properties, "placeId")), Text(r.Properties, "place"), List(r.Properties, "evidence"), List(r.Properties, "documents"))));
        }

        var visits = new List<Visit>();
        var memberships = new List<Membership>();
        var roles = new Dictionary<int, (string? Role, string Org)>();
        foreach (var r in graph.Relationships)
        {
            if (!personIndex.TryGetValue(r.StartId, out var p) || !nodes.TryGetValue(r.EndId, out var end))
                continue;
            if (r.Type == GraphSchema.Visited)
            {
                var date = r.Properties.TryGetValue("date", out var dv) && dv.Kind == PropertyKind.Date ? dv.AsDate() : (DateOnly?)null;
                visits.Add(new Visit(p, PlaceOf(end.Id), end.Name, Iso(date), List(r.Properties, "evidence"), List(r.Properties, "documents")));
            }
            else if (r.Type == GraphSchema.MemberOf)
            {
                var role = Text(r.Properties, "role");
                memberships.Add(new Membership(p, end.Name, end.Label, role, List(r.Properties, "evidence"), List(r.Properties, "documents")));
                // The hover line: the first membership with a role, else the first membership, organisations before countries.
                var better = !roles.TryGetValue(p, out var had) || (had.Role is null && role is not null);
                if (better)
                    roles[p] = (role, end.Name);
            }
        }

        var count = Math.Max(1, people.Count);
        var personData = people.Select((n, i) =>
        {
            var (x, y) = n.Properties.TryGetValue("x", out _) && Number(n, "x") is { } px && Number(n, "y") is { } py
                ? (px, py)
                : (Math.Round(300 * Math.Cos(2 * Math.PI * i / count), 2), Math.Round(300 * Math.Sin(2 * Math.PI * i / count), 2));
            roles.TryGetValue(i, out var ro);
            return new Person(n.Id, n.Name, List(n.Properties, "aliases"), ro.Role, ro.Org, Number(n, "betweenness") ?? 0,
                (long)(Number(n, "community") ?? 0), (long)(Number(n, "degree") ?? 0), (long)(Number(n, "mentions") ?? 0), x, y);
        }).ToImmutableArray();

        return new HtmlPageData(top, personData,
            [.. meetings.OrderBy(m => m.Date ?? DateOnly.MaxValue)
                .ThenBy(m => people[m.M.P1].Name, StringComparer.Ordinal).ThenBy(m => people[m.M.P2].Name, StringComparer.Ordinal)
                .Select(m => m.M)],
            [.. visits.OrderBy(v => v.D ?? "9999").ThenBy(v => v.P).ThenBy(v => v.Pn, StringComparer.Ordinal)],
            [.. memberships],
            [.. places]);
    }

    private static string? Iso(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static double? Number(GraphNode n, string key) =>
        !n.Properties.TryGetValue(key, out var v) ? null :
        v.Kind == PropertyKind.Float ? v.AsFloat() :
        v.Kind == PropertyKind.Integer ? v.AsInteger() : null;

    private static string? Text(PropertyDictionary p, string key) =>
        p.TryGetValue(key, out var v) && v.Kind == PropertyKind.String ? v.AsString() : null;

    private static ImmutableArray<string> List(PropertyDictionary p, string key) =>
        p.TryGetValue(key, out var v) && v.Kind == PropertyKind.StringList ? v.AsList() : [];
}
