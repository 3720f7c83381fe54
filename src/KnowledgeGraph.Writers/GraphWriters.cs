using System.Collections.Immutable;
using KnowledgeGraph.Core.Errors;
using KnowledgeGraph.Writers.Csv;
using KnowledgeGraph.Writers.Cypher;
using KnowledgeGraph.Writers.Gexf;
using KnowledgeGraph.Writers.GraphML;
using KnowledgeGraph.Writers.Html;
using KnowledgeGraph.Writers.Json;

namespace KnowledgeGraph.Writers;

/// <summary>The registry of export formats, by <see cref="IGraphWriter.Name"/>.</summary>
public static class GraphWriters
{
    /// <summary>Every writer, in the order the formats are documented.</summary>
    public static ImmutableArray<IGraphWriter> All { get; } =
    [
        new JsonGraphWriter(),
        new GraphMlWriter(),
        new GexfWriter(),
        new PeopleGraphMlWriter(),
        new PeopleGexfWriter(),
        new Neo4jCsvWriter(),
        new CypherWriter(),
        new GrassWriter(),
        new QueriesWriter(),
        new HtmlWriter(),
    ];

    /// <summary>The names of every writer.</summary>
    public static ImmutableArray<string> Names { get; } = [.. All.Select(w => w.Name)];

    /// <summary>Finds a writer by name (case-insensitive).</summary>
    public static bool TryGet(string name, out IGraphWriter writer)
    {
        writer = All.FirstOrDefault(w => string.Equals(w.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))!;
        return writer is not null;
    }

    /// <summary>
    /// Resolves a comma-separated list (<c>"json,graphml"</c>, or <c>"all"</c>) to writers, in list order, without
    /// duplicates; <c>"none"</c> alone to no writer (a build that keeps the graph in its store only).
    /// </summary>
    /// <exception cref="KnowledgeGraphException">A name is unknown, the list is empty, or <c>none</c> is given with formats (a usage error naming the valid formats).</exception>
    public static ImmutableArray<IGraphWriter> Resolve(string formats)
    {
        var names = (formats ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0)
            throw KnowledgeGraphException.Usage($"No export format given. Valid formats: {string.Join(", ", Names)} (or all, or none).");
        if (names.Any(n => string.Equals(n, "none", StringComparison.OrdinalIgnoreCase)))
        {
            return names.Length == 1 ? []
                : throw KnowledgeGraphException.Usage($"'none' (no export, the store only) cannot be given with other formats: '{formats}'.");
        }
        var result = new List<IGraphWriter>();
        foreach (var name in names)
        {
            if (string.Equals(name, "all", StringComparison.OrdinalIgnoreCase))
            {
                result.AddRange(All.Where(w => !result.Contains(w)));
                continue;
            }
            if (!TryGet(name, out var writer))
                throw KnowledgeGraphException.Usage($"Unknown export format '{name}'. Valid formats: {string.Join(", ", Names)} (or all, or none).");
            if (!result.Contains(writer))
                result.Add(writer);
        }
        return [.. result];
    }
}
