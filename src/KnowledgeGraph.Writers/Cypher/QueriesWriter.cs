using System.Text;
using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.Core.IO;
using KnowledgeGraph.Writers.Internal;

namespace KnowledgeGraph.Writers.Cypher;

/// <summary>
/// Writes <c>queries.cypher</c>: ready-to-run Cypher 5 queries over the imported graph (who met whom where and when, a
/// person's contacts, meetings in a place, members of an organisation, shortest path, most connected people). The
/// example parameter values are taken from the graph deterministically (the most connected person, organisation, place).
/// </summary>
public sealed class QueriesWriter : IGraphWriter
{
    /// <summary>The file this writer creates.</summary>
    public const string FileName = "queries.cypher";

    /// <inheritdoc/>
    public string Name => "queries";

    /// <inheritdoc/>
    public string Description => "queries.cypher: example Cypher queries with parameters for Neo4j Browser";

    /// <summary>The queries text for <paramref name="graph"/>.</summary>
    public static string Queries(PropertyGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var degrees = GraphStats.Degrees(graph);
        var person = GraphStats.MostConnected(graph, GraphSchema.Person, degrees);
        var other = GraphStats.MostConnected(graph, GraphSchema.Person, degrees, person?.Id);
        var org = GraphStats.MostConnected(graph, GraphSchema.Organization, degrees);
        var place = MostUsedPlace(graph, degrees);
        var personName = person?.Name ?? "Jens Stoltenberg";
        var otherName = other?.Name ?? "Lloyd J. Austin III";
        var orgName = org?.Name ?? "NATO";
        var placeName = place?.Name ?? "Brussels";

        var sb = new StringBuilder();
        sb.Append("// KnowledgeGraph example queries (Cypher 5). Import the graph first (import.cypher, kg push or neo4j-admin).\n");
        sb.Append("//\n");
        sb.Append("// The queries use parameters. In Neo4j Browser set them once with :param, then run any query below:\n");
        sb.Append("//   :param person => ").Append(CypherLiteral.String(personName)).Append('\n');
        sb.Append("//   :param other => ").Append(CypherLiteral.String(otherName)).Append('\n');
        sb.Append("//   :param organization => ").Append(CypherLiteral.String(orgName)).Append('\n');
        sb.Append("//   :param place => ").Append(CypherLiteral.String(placeName)).Append('\n');
        sb.Append("// (:params shows the current values.) In cypher-shell use the same :param lines, or pass\n");
        sb.Append("// --param 'person => \"...\"' on the command line. The example values are the most connected\n");
        sb.Append("// person, organisation and place of this graph.\n");
        sb.Append('\n');
        sb.Append("// 1. Who met whom, where and when (each meeting once; MET_WITH is stored once per pair and occasion).\n");
        sb.Append("MATCH (a:Person)-[r:MET_WITH]->(b:Person)\n");
        sb.Append("RETURN a.name AS person, b.name AS met, r.date AS date, r.place AS place, size(coalesce(r.documents, [])) AS sources\n");
        sb.Append("ORDER BY date, person, met;\n\n");
        sb.Append("// 2. Everyone $person met, with dates and places.\n");
        sb.Append("MATCH (p:Person {name: $person})-[r:MET_WITH]-(other:Person)\n");
        sb.Append("RETURN other.name AS met, collect(DISTINCT r.date) AS dates, collect(DISTINCT r.place) AS places, count(r) AS times\n");
        sb.Append("ORDER BY times DESC, met;\n\n");
        sb.Append("// 3. Meetings held in $place (a Location or Country), with who attended.\n");
        sb.Append("MATCH (m:Meeting)-[:HELD_IN]->(pl {name: $place})\n");
        sb.Append("OPTIONAL MATCH (p:Person)-[:ATTENDED]->(m)\n");
        sb.Append("RETURN m.date AS date, m.name AS meeting, collect(p.name) AS attendees\n");
        sb.Append("ORDER BY date;\n\n");
        sb.Append("// 4. Members of the organisation $organization (people and countries), with their roles.\n");
        sb.Append("MATCH (x)-[r:MEMBER_OF]->(o:Organization {name: $organization})\n");
        sb.Append("RETURN x.name AS member, labels(x)[0] AS kind, r.role AS role\n");
        sb.Append("ORDER BY kind, member;\n\n");
        sb.Append("// 5. Shortest chain of meetings between $person and $other.\n");
        sb.Append("MATCH path = shortestPath((a:Person {name: $person})-[:MET_WITH*..10]-(b:Person {name: $other}))\n");
        sb.Append("RETURN path, length(path) AS hops;\n\n");
        sb.Append("// 6. Most connected people: distinct people met, and all relationships.\n");
        sb.Append("MATCH (p:Person)\n");
        sb.Append("RETURN p.name AS person, COUNT { (p)-[:MET_WITH]-(:Person) } AS meetings, COUNT { (p)--() } AS relationships\n");
        sb.Append("ORDER BY meetings DESC, relationships DESC, person\n");
        sb.Append("LIMIT 20;\n");
        return sb.ToString();
    }

    /// <inheritdoc/>
    public Task WriteAsync(PropertyGraph graph, string outputDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outputDirectory);
        return AtomicFile.WriteTextAsync(Path.Combine(outputDirectory, FileName), Queries(graph), cancellationToken);
    }

    private static GraphNode? MostUsedPlace(PropertyGraph graph, Dictionary<string, int> degrees)
    {
        // Prefer a place that actually hosted a meeting, so query 3 returns rows.
        var hosts = graph.Relationships.OfType(GraphSchema.HeldIn).GroupBy(r => r.EndId, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).FirstOrDefault();
        if (hosts is not null && graph.TryGetNode(hosts, out var host))
            return host;
        return GraphStats.MostConnected(graph, GraphSchema.Location, degrees) ?? GraphStats.MostConnected(graph, GraphSchema.Country, degrees);
    }
}
