using KnowledgeGraph.Core.Graph;

namespace KnowledgeGraph.Analysis.Tests;

/// <summary>Small hand-built graphs: people named by one letter (<c>person:a</c>), meetings given as pairs.</summary>
internal static class TestGraphs
{
    public static GraphNode Person(string letter) =>
        new($"person:{letter}", [GraphSchema.Person], new PropertyBag().Add("name", letter.ToUpperInvariant()).Build());

    public static GraphNode Place(string key, string name) =>
        new($"place:{key}", [GraphSchema.Location], new PropertyBag().Add("name", name).Build());

    public static GraphRelationship Met(string a, string b, string? date = null, string? place = null, string? document = null, string suffix = "")
    {
        var (x, y) = string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a);
        return new GraphRelationship($"met:{x}-{y}{suffix}", GraphSchema.MetWith, $"person:{x}", $"person:{y}", new PropertyBag()
            .Add("date", date is null ? null : DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture))
            .Add("place", place)
            .Add("documents", document is null ? null : [document])
            .Build());
    }

    public static GraphRelationship Visited(string person, string place, string date) =>
        new($"visited:{person}-{place}-{date}", GraphSchema.Visited, $"person:{person}", $"place:{place}",
            new PropertyBag().Add("date", DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)).Add("documents", [$"{person}.txt"]).Build());

    /// <summary>People <paramref name="letters"/> and a meeting per "xy" pair.</summary>
    public static PropertyGraph Of(string letters, params string[] pairs) =>
        new(letters.Select(c => Person(c.ToString())), pairs.Select(p => Met(p[0].ToString(), p[1].ToString())));
}
