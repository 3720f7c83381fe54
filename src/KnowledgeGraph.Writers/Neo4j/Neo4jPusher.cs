using System.Text.Json.Nodes;
using KnowledgeGraph.Core.Errors;
using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.Writers.Cypher;
using KnowledgeGraph.Writers.Internal;

namespace KnowledgeGraph.Writers.Neo4j;

/// <summary>
/// Pushes a <see cref="PropertyGraph"/> into a running Neo4j over HTTP: uniqueness constraints per label, then nodes per
/// label and relationships per (type, start label, end label), in batches of <see cref="Neo4jOptions.BatchSize"/> rows,
/// one transaction per batch. Every statement is a MERGE (nodes on <c>id</c>, relationships on <c>key</c> = relationship
/// id) and every value is a parameter, so re-running after a failure completes the import without duplicates.
/// </summary>
public sealed class Neo4jPusher : IDisposable
{
    private readonly Neo4jOptions _options;
    private readonly Neo4jHttpTransport _transport;

    /// <summary>Creates a pusher; validates the options.</summary>
    /// <exception cref="KnowledgeGraphException">The options are invalid.</exception>
    public Neo4jPusher(Neo4jOptions options)
        : this(options, null, null)
    {
    }

    internal Neo4jPusher(Neo4jOptions options, HttpMessageHandler? handler, Func<TimeSpan, CancellationToken, Task>? delay)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _transport = new Neo4jHttpTransport(options, handler, delay);
    }

    /// <inheritdoc/>
    public void Dispose() => _transport.Dispose();

    /// <summary>Pushes the graph; reports one line per statement to <paramref name="progress"/> (never credentials).</summary>
    /// <exception cref="KnowledgeGraphException">Authentication failed, a statement failed, or the server stayed unreachable after the retries.</exception>
    public Task<Neo4jPushResult> PushAsync(PropertyGraph graph, IProgress<string>? progress, CancellationToken cancellationToken) =>
        PushAsync(graph, null, progress, cancellationToken);

    /// <summary>
    /// Pushes the part of <paramref name="graph"/> that <paramref name="changes"/> names (every node and relationship
    /// when null), after deleting what it lists as removed: an incremental push to a server that already holds the rest.
    /// </summary>
    public async Task<Neo4jPushResult> PushAsync(PropertyGraph graph, Neo4jChanges? changes, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var api = _options.Api;
        if (api == Neo4jApi.Auto)
        {
            api = await _transport.DiscoverAsync(cancellationToken).ConfigureAwait(false);
            progress?.Report($"Neo4j at {_transport.DisplayAddress}: using the {(api == Neo4jApi.Query ? "Query API (query/v2)" : "transactional API (tx/commit)")}.");
        }
        var statements = 0;
        var batches = 0;
        long nodesCreated = 0, relsCreated = 0, propsSet = 0;

        var labels = GraphStats.UsedLabels(graph);
        foreach (var label in labels)
        {
            await _transport.RunAsync(api, CypherWriter.ConstraintStatement(label), [], $"constraint {CypherWriter.ConstraintName(label)}", cancellationToken).ConfigureAwait(false);
            statements++;
        }
        progress?.Report($"Constraints: {labels.Count} label(s).");

        if (changes is not null)
        {
            // Removed relationships first, then removed nodes (with whatever still hangs on them).
            foreach (var group in changes.RemovedRelationships.GroupBy(r => r.Type).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                if (!GraphSchema.IsRelationshipType(group.Key))
                    continue;
                var ids = group.Select(r => r.Id).ToList();
                foreach (var (index, count, from, rows) in Batches(ids, id => new JsonObject { ["key"] = ExportText.ReplaceLoneSurrogates(id) }))
                {
                    await _transport.RunAsync(api, $"UNWIND $rows AS row MATCH ()-[r:{group.Key} {{key: row.key}}]->() DELETE r RETURN count(*) AS rows",
                        new JsonObject { ["rows"] = rows }, $"removed {group.Key} batch {index}/{count}", cancellationToken).ConfigureAwait(false);
                    statements++;
                    batches++;
                }
            }
            foreach (var group in changes.RemovedNodes.GroupBy(n => n.Label).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                if (!GraphSchema.IsNodeLabel(group.Key))
                    continue;
                var ids = group.Select(n => n.Id).ToList();
                foreach (var (index, count, from, rows) in Batches(ids, id => new JsonObject { ["id"] = ExportText.ReplaceLoneSurrogates(id) }))
                {
                    await _transport.RunAsync(api, $"UNWIND $rows AS row MATCH (n:{group.Key} {{id: row.id}}) DETACH DELETE n RETURN count(*) AS rows",
                        new JsonObject { ["rows"] = rows }, $"removed {group.Key} batch {index}/{count}", cancellationToken).ConfigureAwait(false);
                    statements++;
                    batches++;
                }
            }
        }

        foreach (var label in labels)
        {
            var nodes = graph.Nodes.Where(n => n.Label == label && (changes is null || changes.Nodes.Contains(n.Id))).ToList();
            var dateKeys = DateKeys(nodes.Select(n => n.Properties));
            var statement = NodeStatement(label, dateKeys);
            foreach (var (index, count, from, rows) in Batches(nodes, n => NodeRow(n, dateKeys)))
            {
                var context = $"nodes {label} batch {index}/{count} (rows {from}-{from + rows.Count - 1})";
                var r = await _transport.RunAsync(api, statement, new JsonObject { ["rows"] = rows }, context, cancellationToken).ConfigureAwait(false);
                statements++;
                batches++;
                nodesCreated += r.NodesCreated;
                propsSet += r.PropertiesSet;
                progress?.Report($"Pushed {context}.");
            }
        }

        var groups = graph.Relationships.Where(r => changes is null || changes.Relationships.Contains(r.Id))
            .Select(rel => (Rel: rel, Start: Label(graph, rel.StartId), End: Label(graph, rel.EndId)))
            .GroupBy(x => (x.Rel.Type, x.Start, x.End))
            .OrderBy(g => GraphSchema.RelationshipTypes.IndexOf(g.Key.Type))
            .ThenBy(g => GraphSchema.NodeLabels.IndexOf(g.Key.Start))
            .ThenBy(g => GraphSchema.NodeLabels.IndexOf(g.Key.End));
        foreach (var group in groups)
        {
            var (type, start, end) = group.Key;
            var rels = group.Select(x => x.Rel).ToList();
            var dateKeys = DateKeys(rels.Select(r => r.Properties));
            var statement = RelationshipStatement(type, start, end, dateKeys);
            foreach (var (index, count, from, rows) in Batches(rels, r => RelationshipRow(r, dateKeys)))
            {
                var context = $"relationships {type} ({start}->{end}) batch {index}/{count} (rows {from}-{from + rows.Count - 1})";
                var r = await _transport.RunAsync(api, statement, new JsonObject { ["rows"] = rows }, context, cancellationToken).ConfigureAwait(false);
                statements++;
                batches++;
                relsCreated += r.RelationshipsCreated;
                propsSet += r.PropertiesSet;
                if (r.FirstValue is JsonValue v && v.TryGetValue<long>(out var merged) && merged < rows.Count)
                {
                    throw KnowledgeGraphException.Runtime(
                        $"Neo4j merged only {merged} of {rows.Count} relationships in {context}: some end nodes are missing. " +
                        "Was the database changed during the push? Run `kg push` again.");
                }
                progress?.Report($"Pushed {context}.");
            }
        }
        return new Neo4jPushResult(api, statements, batches, graph.Nodes.Length, graph.Relationships.Length, nodesCreated, relsCreated, propsSet, _transport.Retries);
    }

    /// <summary>The node statement of a label: MERGE on id, SET += the non-date properties, then each date property via date().</summary>
    internal static string NodeStatement(string label, IReadOnlyList<string> dateKeys)
    {
        CypherWriter.AssertLabel(label);
        return $"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) SET n += row.props{DateSets("n", dateKeys)} RETURN count(n) AS rows";
    }

    /// <summary>The relationship statement of a (type, start label, end label) group, MATCHing both ends through the id constraint.</summary>
    internal static string RelationshipStatement(string type, string startLabel, string endLabel, IReadOnlyList<string> dateKeys)
    {
        CypherWriter.AssertLabel(startLabel);
        CypherWriter.AssertLabel(endLabel);
        if (!GraphSchema.IsRelationshipType(type))
            throw new ArgumentException($"Relationship type '{type}' is not in GraphSchema.", nameof(type));
        return $"UNWIND $rows AS row MATCH (a:{startLabel} {{id: row.start}}) MATCH (b:{endLabel} {{id: row.end}}) " +
               $"MERGE (a)-[r:{type} {{key: row.key}}]->(b) SET r += row.props{DateSets("r", dateKeys)} RETURN count(r) AS rows";
    }

    private static string DateSets(string variable, IReadOnlyList<string> dateKeys) =>
        // A JSON map cannot hold a Cypher date, so dates travel as ISO strings in row.dates and are converted here.
        // date(null) is null, and coalesce keeps the value props just set when this row had no date under that key.
        string.Concat(dateKeys.Select(k =>
        {
            var name = CypherLiteral.Name(k);
            return $" SET {variable}.{name} = coalesce(date(row.dates.{name}), {variable}.{name})";
        }));

    private static List<string> DateKeys(IEnumerable<IReadOnlyDictionary<string, PropertyValue>> maps) =>
        [.. maps.SelectMany(m => m).Where(kv => kv.Value.Kind == PropertyKind.Date).Select(kv => kv.Key).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private IEnumerable<(int Index, int Count, int From, JsonArray Rows)> Batches<T>(List<T> items, Func<T, JsonObject> row)
    {
        var size = _options.BatchSize;
        var count = (items.Count + size - 1) / size;
        for (var i = 0; i < count; i++)
        {
            var rows = new JsonArray();
            foreach (var item in items.Skip(i * size).Take(size))
                rows.Add((JsonNode)row(item)); // JsonArray.Add(JsonNode), not Add<T>: no reflection (native build)
            yield return (i + 1, count, (i * size) + 1, rows);
        }
    }

    private static JsonObject NodeRow(GraphNode node, List<string> dateKeys)
    {
        var (props, dates) = Split(node.Properties, "id", dateKeys);
        return new JsonObject { ["id"] = ExportText.ReplaceLoneSurrogates(node.Id), ["props"] = props, ["dates"] = dates };
    }

    private static JsonObject RelationshipRow(GraphRelationship rel, List<string> dateKeys)
    {
        var (props, dates) = Split(rel.Properties, "key", dateKeys);
        return new JsonObject
        {
            ["start"] = ExportText.ReplaceLoneSurrogates(rel.StartId),
            ["end"] = ExportText.ReplaceLoneSurrogates(rel.EndId),
            ["key"] = ExportText.ReplaceLoneSurrogates(rel.Id),
            ["props"] = props,
            ["dates"] = dates,
        };
    }

    private static (JsonObject Props, JsonObject Dates) Split(IEnumerable<KeyValuePair<string, PropertyValue>> properties, string reserved, List<string> dateKeys)
    {
        var props = new JsonObject();
        var dates = new JsonObject();
        foreach (var (key, value) in properties)
        {
            if (key == reserved || !ExportText.IsWritable(value))
                continue;
            var k = ExportText.ReplaceLoneSurrogates(key);
            if (value.Kind == PropertyKind.Date && dateKeys.Contains(key))
                dates[k] = ExportText.FormatDate(value.AsDate());
            else
                props[k] = ToJson(value);
        }
        return (props, dates);
    }

    private static JsonNode ToJson(PropertyValue value) => value.Kind switch
    {
        PropertyKind.String => JsonValue.Create(ExportText.ReplaceLoneSurrogates(value.AsString())),
        PropertyKind.StringList => new JsonArray([.. value.AsList().Select(s => (JsonNode)JsonValue.Create(ExportText.ReplaceLoneSurrogates(s)))]),
        PropertyKind.Integer => JsonValue.Create(value.AsInteger()),
        // System.Text.Json writes 0.0 as 0, which Neo4j stores as an INTEGER: send the float's text with its decimal
        // point, so a whole-number float (a betweenness of 0 or 1) stays a FLOAT like its neighbours.
        PropertyKind.Float => JsonNode.Parse(ExportText.FormatFloat(value.AsFloat()))!,
        PropertyKind.Boolean => JsonValue.Create(value.AsBoolean()),
        PropertyKind.Date => JsonValue.Create(ExportText.FormatDate(value.AsDate())),
        _ => throw new InvalidOperationException($"Unknown property kind {value.Kind}."),
    };

    private static string Label(PropertyGraph graph, string id) =>
        graph.TryGetNode(id, out var node) ? node.Label : throw new InvalidOperationException($"Node '{id}' is missing.");
}
