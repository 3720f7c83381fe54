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

    /// <summary>Resolves a comma-separated list (<c>"json,graphml"</c>, or <c>"all"</c>) to writers, in list order, without duplicates.</summary>
    /// <exception cref="KnowledgeGraphException">A name is unknown or the list is empty (a usage error naming the valid formats).</exception>
    public static ImmutableArray<IGraphWriter> Resolve(string formats)
    {
        var names = (formats ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0)
            throw KnowledgeGraphException.Usage($"No export format given. Valid formats: {string.Join(", ", Names)} (or all).");
        var result = new List<IGraphWriter>();
        foreach (var name in names)
        {
            if (string.Equals(name, "all", StringComparison.OrdinalIgnoreCase))
            {
                result.AddRange(All.Where(w => !result.Contains(w)));
                continue;
            }
            if (!TryGet(name, out var writer))
                throw KnowledgeGraphException.Usage($"Unknown export format '{name}'. Valid formats: {string.Join(", ", Names)} (or all).");
            if (!result.Contains(writer))
                result.Add(writer);
        }
        return [.. result];
    }
}
