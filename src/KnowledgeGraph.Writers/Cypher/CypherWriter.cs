using System.Text;
using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.Core.IO;
using KnowledgeGraph.Writers.Internal;

namespace KnowledgeGraph.Writers.Cypher;

/// <summary>
/// Writes <c>import.cypher</c> for <c>cypher-shell -f import.cypher</c> (or pasting into Neo4j Browser): a uniqueness
/// constraint per label, then one idempotent <c>MERGE ... SET += {...}</c> per node and per relationship. Relationships
/// are merged on a <c>key</c> property (the relationship id), so running the file twice creates nothing new.
/// Labels and types come only from <see cref="GraphSchema"/>; every value is a literal built by <see cref="CypherLiteral"/>.
/// </summary>
public sealed class CypherWriter : IGraphWriter
{
    /// <summary>The file this writer creates.</summary>
    public const string FileName = "import.cypher";

    /// <inheritdoc/>
    public string Name => "cypher";

    /// <inheritdoc/>
    public string Description => "import.cypher: idempotent MERGE statements for cypher-shell -f or Neo4j Browser";

    /// <summary>The constraint name of a label, e.g. <c>person_id</c>.</summary>
    public static string ConstraintName(string label) => label.ToLowerInvariant() + "_id";

    /// <summary>The <c>CREATE CONSTRAINT ... IF NOT EXISTS</c> statement of a label.</summary>
    public static string ConstraintStatement(string label)
    {
        AssertLabel(label);
        return $"CREATE CONSTRAINT {ConstraintName(label)} IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE";
    }

    /// <summary>The constraint statements of <paramref name="labels"/>, one per line, each ending in <c>;</c>.</summary>
    public static string Constraints(IEnumerable<string> labels)
    {
        var sb = new StringBuilder();
        foreach (var label in labels)
            sb.Append(ConstraintStatement(label)).Append(";\n");
        return sb.ToString();
    }

    /// <inheritdoc/>
    public Task WriteAsync(PropertyGraph graph, string outputDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        return AtomicFile.WriteTextAsync(Path.Combine(outputDirectory, FileName), (w, ct) => WriteAsync(graph, w, ct), cancellationToken);
    }

    /// <summary>Writes the statements to <paramref name="writer"/>.</summary>
    public static async Task WriteAsync(PropertyGraph graph, TextWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(writer);
        await writer.WriteAsync("// KnowledgeGraph import: run with `cypher-shell -f import.cypher` or paste into Neo4j Browser.\n").ConfigureAwait(false);
        await writer.WriteAsync("// Idempotent: nodes MERGE on id, relationships on key; re-running changes nothing.\n").ConfigureAwait(false);
        await writer.WriteAsync(Constraints(GraphStats.UsedLabels(graph))).ConfigureAwait(false);
        foreach (var node in graph.Nodes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await writer.WriteAsync(NodeStatement(node)).ConfigureAwait(false);
            await writer.WriteAsync(";\n").ConfigureAwait(false);
        }
        foreach (var rel in graph.Relationships)
        {
            cancellationToken.ThrowIfCancellationRequested();
            graph.TryGetNode(rel.StartId, out var start);
            graph.TryGetNode(rel.EndId, out var end);
            await writer.WriteAsync(RelationshipStatement(rel, start.Label, end.Label)).ConfigureAwait(false);
            await writer.WriteAsync(";\n").ConfigureAwait(false);
        }
    }

    /// <summary><c>MERGE (n:Label {id: "..."}) SET n += {...}</c> without the trailing semicolon.</summary>
    public static string NodeStatement(GraphNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        AssertLabel(node.Label);
        var props = node.Properties.Where(p => p.Key != "id");
        return $"MERGE (n:{node.Label} {{id: {CypherLiteral.String(node.Id)}}}) SET n += {CypherLiteral.Map(props)}";
    }

    /// <summary>The MATCH/MATCH/MERGE statement of a relationship, keyed on its id, without the trailing semicolon.</summary>
    public static string RelationshipStatement(GraphRelationship rel, string startLabel, string endLabel)
    {
        ArgumentNullException.ThrowIfNull(rel);
        AssertLabel(startLabel);
        AssertLabel(endLabel);
        if (!GraphSchema.IsRelationshipType(rel.Type))
            throw new ArgumentException($"Relationship type '{rel.Type}' is not in GraphSchema.", nameof(rel));
        var props = rel.Properties.Where(p => p.Key != "key");
        return $"MATCH (a:{startLabel} {{id: {CypherLiteral.String(rel.StartId)}}}) MATCH (b:{endLabel} {{id: {CypherLiteral.String(rel.EndId)}}}) " +
               $"MERGE (a)-[r:{rel.Type} {{key: {CypherLiteral.String(rel.Id)}}}]->(b) SET r += {CypherLiteral.Map(props)}";
    }

    internal static void AssertLabel(string label)
    {
        if (!GraphSchema.IsNodeLabel(label))
            throw new ArgumentException($"Label '{label}' is not in GraphSchema; labels are never taken from data.", nameof(label));
    }
}
