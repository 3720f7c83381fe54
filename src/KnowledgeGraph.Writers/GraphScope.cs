using KnowledgeGraph.Core.Errors;
using KnowledgeGraph.Core.Graph;

namespace KnowledgeGraph.Writers;

/// <summary>
/// How much of the graph a visual export carries (<c>kg build --scope</c>). <c>full</c>: everything, as the Neo4j files
/// always do. <c>people</c>: the person–meeting network and what the people are tied to — Person and Meeting nodes;
/// MET_WITH, ATTENDED, HELD_IN, VISITED and MEMBER_OF from a person or meeting; the places and organisations those end
/// at. Articles, MENTIONED_IN and entities no person is tied to are left out: on an archive they are most of the
/// graph, and Gephi and a browser page have no use for them.
/// </summary>
public static class GraphScope
{
    /// <summary>The scope names, for the command line.</summary>
    public static IReadOnlyList<string> Names { get; } = ["full", "people"];

    /// <summary>The writers <c>--scope people</c> applies to (the Gephi file and the page); the others always get the full graph.</summary>
    public static IReadOnlySet<string> Visual { get; } = new HashSet<string>(StringComparer.Ordinal) { "gexf", "html" };

    /// <summary>Checks a scope name.</summary>
    /// <exception cref="KnowledgeGraphException">Not full or people.</exception>
    public static string Validate(string scope) => Names.Contains(scope)
        ? scope
        : throw KnowledgeGraphException.Usage($"--scope '{scope}' is not a scope (expected full or people)");

    private static readonly HashSet<string> PeopleTypes = new(StringComparer.Ordinal)
    {
        GraphSchema.MetWith, GraphSchema.Attended, GraphSchema.HeldIn, GraphSchema.Visited, GraphSchema.MemberOf,
    };

    /// <summary>The <c>people</c> scope of <paramref name="graph"/> (see the type's summary).</summary>
    public static PropertyGraph People(PropertyGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        bool IsCore(string id) => graph.TryGetNode(id, out var n) && n.Label is GraphSchema.Person or GraphSchema.Meeting;
        var rels = graph.Relationships.ExceptMentions().Where(r => PeopleTypes.Contains(r.Type) && IsCore(r.StartId)).ToList();
        var keep = new HashSet<string>(graph.Nodes.Where(n => n.Label is GraphSchema.Person or GraphSchema.Meeting).Select(n => n.Id), StringComparer.Ordinal);
        keep.UnionWith(rels.Select(r => r.EndId));
        return new PropertyGraph(graph.Nodes.Where(n => keep.Contains(n.Id)), rels);
    }
}
