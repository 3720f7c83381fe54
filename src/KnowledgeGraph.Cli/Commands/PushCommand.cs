using System.CommandLine;
using KnowledgeGraph.Cli.Console;
using KnowledgeGraph.Core.Errors;
using KnowledgeGraph.Store;
using KnowledgeGraph.Writers.Neo4j;

namespace KnowledgeGraph.Cli.Commands;

/// <summary><c>kg push</c>: write a built graph into Neo4j over its HTTP API, idempotently.</summary>
internal static class PushCommand
{
    public static Command Create(Func<Reporter> reporterFactory)
    {
        var graph = new Argument<string>("graph") { Description = "A graph folder (with graph.json) or a graph.json file" };
        var url = new Option<string?>("--neo4j") { Description = "Neo4j HTTP URL, e.g. http://localhost:7474 (default: $NEO4J_URI)" };
        var database = new Option<string>("--database") { Description = "Database name", DefaultValueFactory = _ => "neo4j" };
        var batch = new Option<int>("--batch-size") { Description = "Rows per request (one transaction each)", DefaultValueFactory = _ => 1000 };
        var api = new Option<string>("--api") { Description = "auto (ask the server), tx (transactional endpoint, Neo4j 5) or query (Query API, Aura / 5.19+)", DefaultValueFactory = _ => "auto" };
        api.AcceptOnlyFromAmong("auto", "tx", "query");
        var quiet = CommonOptions.Quiet();
        var full = new Option<bool>("--full") { Description = "Send the whole graph, not just what changed since the last push to this server (e.g. after the database was emptied)" };
        var command = new Command("push", "Push a graph into Neo4j. Credentials come from NEO4J_USER/NEO4J_PASSWORD or NEO4J_AUTH=user/password, never from the command line. Pushing twice changes nothing.\n\nExamples:\n  NEO4J_AUTH=neo4j/changeme123 kg push graph-exports --neo4j http://localhost:7474")
        {
            graph, url, database, batch, api, quiet, full,
        };
        command.SetAction(async (parse, ct) =>
        {
            var reporter = reporterFactory();
            var uriText = parse.GetValue(url) ?? Environment.GetEnvironmentVariable("NEO4J_URI");
            if (string.IsNullOrEmpty(uriText))
                throw KnowledgeGraphException.Usage("kg push needs --neo4j http://host:7474 (or NEO4J_URI)");
            if (!Uri.TryCreate(uriText, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                throw KnowledgeGraphException.Usage($"--neo4j '{uriText}' is not an http(s) URL (the HTTP API listens on port 7474, e.g. http://localhost:7474)");
            var options = new Neo4jOptions
            {
                Uri = uri,
                Database = parse.GetValue(database)!,
                BatchSize = parse.GetValue(batch),
                Api = parse.GetValue(api) switch { "tx" => Neo4jApi.Tx, "query" => Neo4jApi.Query, _ => Neo4jApi.Auto },
                Credentials = Neo4jCredentials.FromEnvironment(Environment.GetEnvironmentVariables()),
            };
            options.Validate();
            var graphPath = parse.GetValue(graph)!;
            var g = await QueryCommands.ReadGraphAsync(graphPath, ct).ConfigureAwait(false);
            // With a store, only what changed since the last push to this server (and database) is sent, and what is
            // gone is deleted there; the record is updated only after the push succeeded.
            var db = CommonOptions.GraphStore(graphPath);
            var server = $"{uri.GetLeftPart(UriPartial.Authority)}{uri.AbsolutePath.TrimEnd('/')}|{options.Database}";
            Neo4jChanges? changes = null;
            Dictionary<(string Kind, string Id), (string Label, string Hash)>? now = null;
            if (db is not null)
            {
                now = GraphStore.Fingerprints(g);
                using var store = GraphStore.Open(db, readOnly: true);
                var before = parse.GetValue(full) ? [] : store.PushedTo(server);
                if (before.Count > 0)
                {
                    changes = Changes(before, now);
                    reporter.Info($"incremental push (the store remembers the last push to {uri.GetLeftPart(UriPartial.Authority)}, database {options.Database}; --full sends everything): " +
                        $"{changes.Nodes.Count:N0} node(s) and {changes.Relationships.Count:N0} relationship(s) new or changed, " +
                        $"{changes.RemovedNodes.Count:N0} node(s) and {changes.RemovedRelationships.Count:N0} relationship(s) removed");
                }
            }
            using var pusher = new Neo4jPusher(options);
            var result = await pusher.PushAsync(g, changes, new Progress<string>(m => reporter.Progress(m, milestone: true)), ct).ConfigureAwait(false);
            if (db is not null && now is not null)
            {
                using var store = GraphStore.Open(db);
                store.RecordPush(server, now);
            }
            reporter.Info($"pushed {result.Nodes:N0} nodes and {result.Relationships:N0} relationships in {result.Batches} batches over the {result.Api} API: " +
                $"{result.NodesCreated:N0} nodes and {result.RelationshipsCreated:N0} relationships created (0 on a re-push)");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>What differs between the fingerprints of the last push and the graph's now.</summary>
    internal static Neo4jChanges Changes(Dictionary<(string Kind, string Id), (string Label, string Hash)> before, Dictionary<(string Kind, string Id), (string Label, string Hash)> now)
    {
        var changed = now.Where(kv => !before.TryGetValue(kv.Key, out var b) || b != kv.Value).Select(kv => kv.Key).ToList();
        var removed = before.Where(kv => !now.TryGetValue(kv.Key, out var n) || n.Label != kv.Value.Label).ToList();
        return new Neo4jChanges(
            changed.Where(k => k.Kind == "n").Select(k => k.Id).ToHashSet(StringComparer.Ordinal),
            changed.Where(k => k.Kind == "r").Select(k => k.Id).ToHashSet(StringComparer.Ordinal),
            [.. removed.Where(kv => kv.Key.Kind == "n").Select(kv => (kv.Value.Label, kv.Key.Id)).OrderBy(x => x.Id, StringComparer.Ordinal)],
            [.. removed.Where(kv => kv.Key.Kind == "r").Select(kv => (kv.Value.Label, kv.Key.Id)).OrderBy(x => x.Id, StringComparer.Ordinal)]);
    }
}
