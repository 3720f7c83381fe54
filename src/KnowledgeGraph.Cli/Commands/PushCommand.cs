using System.CommandLine;
using KnowledgeGraph.Cli.Console;
using KnowledgeGraph.Core.Errors;
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
        var command = new Command("push", "Push a graph into Neo4j. Credentials come from NEO4J_USER/NEO4J_PASSWORD or NEO4J_AUTH=user/password, never from the command line. Pushing twice changes nothing.\n\nExamples:\n  NEO4J_AUTH=neo4j/changeme123 kg push graph-exports --neo4j http://localhost:7474")
        {
            graph, url, database, batch, api, quiet,
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
            var g = await QueryCommands.ReadGraphAsync(parse.GetValue(graph)!, ct).ConfigureAwait(false);
            using var pusher = new Neo4jPusher(options);
            var result = await pusher.PushAsync(g, new Progress<string>(m => reporter.Progress(m, milestone: true)), ct).ConfigureAwait(false);
            reporter.Info($"pushed {result.Nodes:N0} nodes and {result.Relationships:N0} relationships in {result.Batches} batches over the {result.Api} API: " +
                $"{result.NodesCreated:N0} nodes and {result.RelationshipsCreated:N0} relationships created (0 on a re-push)");
            return ExitCodes.Success;
        });
        return command;
    }
}
