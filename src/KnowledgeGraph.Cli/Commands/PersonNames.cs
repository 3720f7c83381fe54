using KnowledgeGraph.Core.Errors;
using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.Core.Text;

namespace KnowledgeGraph.Cli.Commands;

/// <summary>
/// How a name typed on the command line finds entities: accents and case folded, against the name and every alias,
/// as a part of it ("Stoltenberg", "Gahr Store") or word by word ("Lloyd Austin" finds "Lloyd J. Austin III").
/// Shared by <c>kg meetings --person</c>, <c>kg entities --name</c>, <c>kg path</c> and <c>kg network</c>.
/// </summary>
internal static class PersonNames
{
    /// <summary>True when <paramref name="query"/> names <paramref name="node"/>.</summary>
    public static bool Matches(GraphNode node, string query) => Matches([.. Names(node)], query);

    /// <summary>True when <paramref name="query"/> names an entity going by <paramref name="names"/>.</summary>
    public static bool Matches(IReadOnlyList<string> names, string query)
    {
        if (names.Any(n => Contains(n, query)))
            return true;
        // Every word of the query is a word of one name: a middle initial or a suffix may be left out.
        var words = Words(query);
        return words.Count > 0 && names.Any(n => words.IsSubsetOf(Words(n)));
    }

    /// <summary>True when <paramref name="query"/> is, folded, exactly the name or one alias of <paramref name="node"/>.</summary>
    public static bool IsExactly(GraphNode node, string query)
    {
        var key = TextFolding.FoldPhrase(query);
        return Names(node).Any(n => TextFolding.FoldPhrase(n) == key);
    }

    /// <summary>
    /// Folded pieces every name that <paramref name="query"/> matches contains (folding maps character by character, so
    /// each word's key is part of the folded name): lets a store narrow the names down with an index-free scan in SQL.
    /// </summary>
    public static List<string> Fragments(string query) => [.. Words(query).Where(w => w.Length > 0)];

    /// <summary>Folded containment, also used for places.</summary>
    public static bool Contains(string text, string query) =>
        TextFolding.Fold(text).Contains(TextFolding.Fold(query), StringComparison.Ordinal);

    /// <summary>
    /// The one person <paramref name="query"/> names in <paramref name="graph"/>. When several match, one whose name or
    /// alias is exactly the query wins; otherwise the query is ambiguous and the message lists the candidates.
    /// </summary>
    /// <exception cref="KnowledgeGraphException">No person, or more than one, matches.</exception>
    public static GraphNode ResolvePerson(PropertyGraph graph, string query, string file)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var candidates = graph.Nodes.Where(n => n.Label == GraphSchema.Person && Matches(n, query)).ToList();
        if (candidates.Count == 1)
            return candidates[0];
        if (candidates.Count == 0)
            throw KnowledgeGraphException.Usage($"no person in {file} is called '{query}' (kg entities {Quote(Path.GetDirectoryName(file) is { Length: > 0 } d ? d : file)} --type Person lists them)");
        var exact = candidates.Where(n => IsExactly(n, query)).ToList();
        if (exact.Count == 1)
            return exact[0];
        var list = (exact.Count > 1 ? exact : candidates).Select(n => $"{n.Name} ({n.Id})");
        throw KnowledgeGraphException.Usage($"'{query}' is ambiguous in {file}: it names {string.Join(", ", list)}; give more of the name");
    }

    private static IEnumerable<string> Names(GraphNode node) =>
        node.Properties.TryGetValue("aliases", out var a) && a.Kind == PropertyKind.StringList ? a.AsList().Prepend(node.Name) : [node.Name];

    private static HashSet<string> Words(string text) =>
        Tokenizer.Tokenize(text).Where(t => t.Kind is TokenKind.Word or TokenKind.Number).Select(t => t.Key.TrimEnd('.')).ToHashSet(StringComparer.Ordinal);

    private static string Quote(string path) => path.Contains(' ', StringComparison.Ordinal) ? $"\"{path}\"" : path;
}
