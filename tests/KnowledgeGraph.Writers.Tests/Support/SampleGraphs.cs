using System.Collections.Immutable;
using KnowledgeGraph.Core.Graph;

namespace KnowledgeGraph.Writers.Tests.Support;

/// <summary>Small synthetic graphs with hostile text, shared by the writer tests.</summary>
internal static class SampleGraphs
{
    /// <summary>Evidence with quotes, a comma, a newline, &lt;&amp;&gt;, a backtick, BEL (U+0007), an emoji, a semicolon and CRLF.</summary>
    public const string HostileEvidence = "Austin said: \"We met, at last\"\nin <Pentagon> & `HQ`\u0007 🤝; it's \\done\\\r\nok";

    /// <summary>A name that tries to break out of a Cypher string literal.</summary>
    public const string InjectionName = "Evil\"}) DETACH DELETE n //";

    public static GraphNode Node(string id, string label, PropertyBag props) => new(id, [label], props.Build());

    public static GraphRelationship Rel(string id, string type, string start, string end, PropertyBag props) => new(id, type, start, end, props.Build());

    /// <summary>
    /// Jens Stoltenberg (4 relationships), Lloyd Austin (3), Olena Zelenska (Cyrillic/RTL alias), a hostile name, NATO,
    /// Belgium (lat/long), Brussels, one meeting with ATTENDED/HELD_IN, MET_WITH with date/place/hostile evidence.
    /// </summary>
    public static PropertyGraph Hostile()
    {
        var nodes = new List<GraphNode>
        {
            Node("person:jens-stoltenberg", GraphSchema.Person, new PropertyBag()
                .Add("name", "Jens Stoltenberg").Add("aliases", ["Stoltenberg", "the Secretary General"])
                .Add("documents", ["000_bb1e87f7cc61eab3.txt"]).Add("mentions", 7L).Add("role", "=SUM(A1)")),
            Node("person:lloyd-austin", GraphSchema.Person, new PropertyBag()
                .Add("name", "Lloyd J. Austin III").Add("aliases", ["Austin", "a;b"]).Add("documents", ["000_bb1e87f7cc61eab3.txt", "001_x.txt"]).Add("mentions", 3L)),
            Node("person:olena", GraphSchema.Person, new PropertyBag()
                .Add("name", "Олена Зеленська").Add("aliases", ["أولينا", "奥莲娜"]).Add("mentions", -2L)),
            Node("person:evil", GraphSchema.Person, new PropertyBag().Add("name", InjectionName).Add("aliases", ["back\\slash", "tick`tock"])),
            Node("org:nato", GraphSchema.Organization, new PropertyBag().Add("name", "NATO").Add("kind", "alliance")),
            Node("country:be", GraphSchema.Country, new PropertyBag().Add("name", "Belgium").Add("latitude", 50.5).Add("longitude", 4.0).Add("population", 11_800_000L)),
            Node("city:2800866", GraphSchema.Location, new PropertyBag().Add("name", "Brussels").Add("latitude", 50.85045).Add("longitude", 4.34878).Add("country", "country:be")),
            Node("meeting:2023-02-08-austin-stoltenberg", GraphSchema.Meeting, new PropertyBag().Add("name", "Austin–Stoltenberg talks").Add("date", new DateOnly(2023, 2, 8))),
            Node("article:000_x.txt", GraphSchema.Article, new PropertyBag().Add("name", "000_x.txt").Add("published", new DateOnly(2023, 2, 9))),
        };
        var rels = new List<GraphRelationship>
        {
            Rel("r1", GraphSchema.MetWith, "person:jens-stoltenberg", "person:lloyd-austin", new PropertyBag()
                .Add("date", new DateOnly(2023, 2, 8)).Add("place", "Brussels").Add("placeId", "city:2800866")
                .Add("documents", ["000_bb1e87f7cc61eab3.txt"]).Add("evidence", [HostileEvidence, "Second; sentence"]).Add("count", 2L)),
            Rel("r2", GraphSchema.Attended, "person:jens-stoltenberg", "meeting:2023-02-08-austin-stoltenberg", new PropertyBag().Add("role", "host")),
            Rel("r3", GraphSchema.Attended, "person:lloyd-austin", "meeting:2023-02-08-austin-stoltenberg", new PropertyBag()),
            Rel("r4", GraphSchema.HeldIn, "meeting:2023-02-08-austin-stoltenberg", "city:2800866", new PropertyBag()),
            Rel("r5", GraphSchema.MemberOf, "person:jens-stoltenberg", "org:nato", new PropertyBag().Add("role", "Secretary General")),
            Rel("r6", GraphSchema.MemberOf, "country:be", "org:nato", new PropertyBag()),
            Rel("r7", GraphSchema.Visited, "person:lloyd-austin", "country:be", new PropertyBag().Add("date", new DateOnly(2023, 2, 14))),
            Rel("r8", GraphSchema.MentionedIn, "person:jens-stoltenberg", "article:000_x.txt", new PropertyBag()),
            Rel("r9", GraphSchema.MetWith, "person:evil", "person:olena", new PropertyBag().Add("evidence", ["x"])),
        };
        return new PropertyGraph(nodes, rels);
    }

    /// <summary>A graph with the property kinds a JSON round trip must keep apart: float 3.0 vs integer 3, booleans, a non-date string under a date-like key.</summary>
    public static PropertyGraph Kinds() => new(
        [
            new GraphNode("person:a", [GraphSchema.Person], ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, PropertyValue>
            {
                ["name"] = PropertyValue.Of("A"),
                ["score"] = PropertyValue.Of(3.0),
                ["count"] = PropertyValue.Of(3L),
                ["verified"] = PropertyValue.Of(true),
                ["date"] = PropertyValue.Of("sometime in 2023"),
                ["firstDate"] = PropertyValue.Of(new DateOnly(2020, 1, 31)),
                ["empty"] = PropertyValue.Of(Array.Empty<string>()),
                ["tiny"] = PropertyValue.Of(1e-7),
            })),
        ],
        []);

    /// <summary>A fresh temporary directory.</summary>
    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "kg-writers-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
