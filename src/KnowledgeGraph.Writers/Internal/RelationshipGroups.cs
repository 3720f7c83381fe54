using System.Collections.Immutable;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using KnowledgeGraph.Core.Graph;

namespace KnowledgeGraph.Writers.Internal;

/// <summary>
/// The relationships of one type between one pair of nodes, written as a single edge by the formats whose readers merge
/// or reject parallel edges (Gephi merges two edges of the same kind between the same nodes).
/// </summary>
/// <param name="Type">The relationship type.</param>
/// <param name="SourceId">The start node; for MET_WITH the smaller id (ordinal), whatever the relationships say.</param>
/// <param name="TargetId">The end node; for MET_WITH the larger id.</param>
/// <param name="Members">The relationships, dated ones first by date, then by id.</param>
internal sealed record RelationshipGroup(string Type, string SourceId, string TargetId, ImmutableArray<GraphRelationship> Members)
{
    /// <summary>The edge id: the id of the first member, so a group of one keeps its relationship's id.</summary>
    public string Id => Members[0].Id;

    /// <summary>The number of occasions: the sum of the members' <see cref="RelationshipGroups.Weight"/>.</summary>
    public double Weight => Members.Sum(RelationshipGroups.Weight);
}

/// <summary>Groups relationships per type and node pair, and the values every writer derives from them.</summary>
internal static class RelationshipGroups
{
    /// <summary>
    /// True for the relationship types that are symmetric in meaning (two people met). They are stored once per pair,
    /// from the smaller id to the larger, and marked <c>undirected</c> where the format has to be directed throughout.
    /// </summary>
    public static bool IsSymmetric(string type) => type == GraphSchema.MetWith;

    /// <summary>The endpoints as written: symmetric types from the smaller id (ordinal) to the larger.</summary>
    public static (string Source, string Target) Endpoints(GraphRelationship rel) =>
        IsSymmetric(rel.Type) && string.CompareOrdinal(rel.StartId, rel.EndId) > 0 ? (rel.EndId, rel.StartId) : (rel.StartId, rel.EndId);

    /// <summary>
    /// One group per (type, source, target), in the order of each group's first relationship in <paramref name="relationships"/>.
    /// </summary>
    public static List<RelationshipGroup> Of(IEnumerable<GraphRelationship> relationships)
    {
        var groups = new Dictionary<(string, string, string), List<GraphRelationship>>();
        var order = new List<(string, string, string)>();
        foreach (var rel in relationships)
        {
            var (source, target) = Endpoints(rel);
            var key = (rel.Type, source, target);
            if (!groups.TryGetValue(key, out var list))
            {
                groups[key] = list = [];
                order.Add(key);
            }
            list.Add(rel);
        }
        return [.. order.Select(k => new RelationshipGroup(k.Item1, k.Item2, k.Item3,
            [.. groups[k].OrderBy(r => Date(r) is null).ThenBy(r => Date(r)).ThenBy(r => r.Id, StringComparer.Ordinal)]))];
    }

    /// <summary>How many occasions one relationship stands for: its <c>count</c> property when that is a positive number, else 1.</summary>
    public static double Weight(GraphRelationship rel) =>
        rel.Properties.TryGetValue("count", out var c) && c.Kind switch
        {
            PropertyKind.Integer => c.AsInteger() > 0,
            PropertyKind.Float => double.IsFinite(c.AsFloat()) && c.AsFloat() > 0,
            _ => false,
        }
            ? (c.Kind == PropertyKind.Integer ? c.AsInteger() : c.AsFloat())
            : 1.0;

    /// <summary>The relationship's <c>date</c> when it is a date.</summary>
    public static DateOnly? Date(GraphRelationship rel) =>
        rel.Properties.TryGetValue("date", out var d) && d.Kind == PropertyKind.Date ? d.AsDate() : null;

    /// <summary>
    /// The members of a group as a JSON array of <c>{"key", "date", "place"}</c> objects (date and place only when the
    /// relationship has them): every occasion of a merged edge, for readers that show one value per column.
    /// </summary>
    public static string Occasions(RelationshipGroup group)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartArray();
            foreach (var rel in group.Members)
            {
                w.WriteStartObject();
                w.WriteString("key", ExportText.ReplaceLoneSurrogates(rel.Id));
                if (Date(rel) is { } date)
                    w.WriteString("date", ExportText.FormatDate(date));
                if (rel.Properties.TryGetValue("place", out var place) && place.Kind == PropertyKind.String)
                    w.WriteString("place", ExportText.ReplaceLoneSurrogates(place.AsString()));
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// The person network: every Person node with all its properties, and the MET_WITH relationships between them
    /// (each from the smaller id to the larger).
    /// </summary>
    public static PropertyGraph PersonNetwork(PropertyGraph graph)
    {
        var people = graph.Nodes.Where(n => n.Label == GraphSchema.Person).ToList();
        var ids = people.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        var rels = graph.Relationships.OfType(GraphSchema.MetWith)
            .Where(r => ids.Contains(r.StartId) && ids.Contains(r.EndId))
            .Select(r => Endpoints(r) is var (s, t) && s == r.StartId ? r : r with { StartId = s, EndId = t });
        return new PropertyGraph(people, rels);
    }
}
