using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace KnowledgeGraph.Writers.Tests.Neo4j;

/// <summary>One request the fake server received.</summary>
internal sealed record RecordedRequest(string Method, string Path, string? Authorization, JsonNode? Body)
{
    /// <summary>The statement of a tx/commit or query/v2 request.</summary>
    public string? Statement => (Body?["statements"] is JsonArray a ? a[0]?["statement"] : Body?["statement"])?.GetValue<string>();

    /// <summary>The parameters of the request.</summary>
    public JsonObject? Parameters => (Body?["statements"] is JsonArray a ? a[0]?["parameters"] : Body?["parameters"]) as JsonObject;

    /// <summary>The rows parameter, or an empty array.</summary>
    public JsonArray Rows => Parameters?["rows"] as JsonArray ?? [];
}

/// <summary>What the fake answers to one request, instead of simulating Neo4j.</summary>
internal sealed record ScriptedReply(int Status, string Body, TimeSpan Delay = default);

/// <summary>
/// A loopback HTTP server that speaks the documented Neo4j HTTP protocol: discovery (<c>GET /</c>), <c>tx/commit</c>
/// (200 with results/errors) and <c>query/v2</c> (202 with data/counters). It simulates MERGE in memory (node ids per
/// label, relationship keys) so counters are real, and can be scripted to fail, hang or refuse credentials.
/// </summary>
internal sealed class FakeNeo4jServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly ConcurrentQueue<ScriptedReply> _script = new();
    private readonly object _lock = new();
    private readonly HashSet<string> _nodes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _rels = new(StringComparer.Ordinal);
    private readonly HashSet<string> _constraints = new(StringComparer.Ordinal);

    public FakeNeo4jServer(bool advertiseQueryApi = false, string? requiredAuthorization = null)
    {
        AdvertiseQueryApi = advertiseQueryApi;
        RequiredAuthorization = requiredAuthorization;
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public Uri Uri => new($"http://127.0.0.1:{Port}");

    public bool AdvertiseQueryApi { get; }

    public string? RequiredAuthorization { get; }

    /// <summary>When set, a statement containing this text fails with a Cypher syntax error.</summary>
    public string? FailStatementsContaining { get; set; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public int NodeCount { get { lock (_lock) return _nodes.Count; } }

    public int RelationshipCount { get { lock (_lock) return _rels.Count; } }

    public int ConstraintCount { get { lock (_lock) return _constraints.Count; } }

    /// <summary>Queues replies used, in order, for the next POST requests (GET / is always answered by the simulation).</summary>
    public void Enqueue(params ScriptedReply[] replies)
    {
        foreach (var r in replies)
            _script.Enqueue(r);
    }

    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    public void Dispose()
    {
        // Close alone: it stops the listener and lets go of the port once. Stop and then Close let go of it twice, and the
        // second time looks the port up again, binding it anew: "Address already in use" when another test has it by then.
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext ctx;
            try
            {
                ctx = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(() => HandleAsync(ctx));
        }
    }

    private async Task HandleAsync(HttpListenerContext ctx)
    {
        try
        {
            using var reader = new StreamReader(ctx.Request.InputStream, Encoding.UTF8);
            var text = await reader.ReadToEndAsync();
            var body = string.IsNullOrEmpty(text) ? null : JsonNode.Parse(text);
            var recorded = new RecordedRequest(ctx.Request.HttpMethod, ctx.Request.Url!.AbsolutePath, ctx.Request.Headers["Authorization"], body);
            Requests.Enqueue(recorded);
            var (status, reply, delay) = Answer(recorded);
            if (delay > TimeSpan.Zero)
                await Task.Delay(delay);
            var bytes = Encoding.UTF8.GetBytes(reply);
            ctx.Response.StatusCode = status;
            ctx.Response.ContentType = "application/json";
            ctx.Response.ContentLength64 = bytes.Length;
            await ctx.Response.OutputStream.WriteAsync(bytes);
            ctx.Response.Close();
        }
        catch (Exception) when (!_listener.IsListening)
        {
            // The test finished (e.g. a client timed out and the server was disposed).
        }
        catch (HttpListenerException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private (int Status, string Body, TimeSpan Delay) Answer(RecordedRequest r)
    {
        if (r.Method == "GET" && r.Path == "/")
        {
            var discovery = new JsonObject
            {
                ["bolt_direct"] = $"bolt://127.0.0.1:7687",
                ["transaction"] = $"http://127.0.0.1:{Port}/db/{{databaseName}}/tx",
                ["neo4j_version"] = "5.26.0",
                ["neo4j_edition"] = "community",
            };
            if (AdvertiseQueryApi)
                discovery["query"] = $"http://127.0.0.1:{Port}/db/{{databaseName}}/query/v2";
            return (200, discovery.ToJsonString(), default);
        }
        if (_script.TryDequeue(out var scripted))
            return (scripted.Status, scripted.Body, scripted.Delay);
        if (RequiredAuthorization is not null && r.Authorization != RequiredAuthorization)
            return (401, Errors("Neo.ClientError.Security.Unauthorized", "Invalid username or password."), default);

        var isQuery = r.Path.EndsWith("/query/v2", StringComparison.Ordinal);
        var statement = r.Statement ?? string.Empty;
        if (FailStatementsContaining is { } bad && statement.Contains(bad, StringComparison.Ordinal))
            return (isQuery ? 400 : 200, Errors("Neo.ClientError.Statement.SyntaxError", "Invalid input 'X': expected ..."), default);

        var (nodesCreated, relsCreated, props, rows) = Simulate(statement, r.Rows);
        if (isQuery)
        {
            var reply = new JsonObject
            {
                ["data"] = new JsonObject { ["fields"] = new JsonArray("rows"), ["values"] = new JsonArray(new JsonArray(rows)) },
                ["counters"] = new JsonObject
                {
                    ["containsUpdates"] = nodesCreated + relsCreated + props > 0,
                    ["nodesCreated"] = nodesCreated,
                    ["relationshipsCreated"] = relsCreated,
                    ["propertiesSet"] = props,
                },
                ["bookmarks"] = new JsonArray("FB:fake"),
            };
            return (202, reply.ToJsonString(), default);
        }
        var tx = new JsonObject
        {
            ["results"] = new JsonArray(new JsonObject
            {
                ["columns"] = new JsonArray("rows"),
                ["data"] = new JsonArray(new JsonObject { ["row"] = new JsonArray(rows), ["meta"] = new JsonArray((JsonNode?)null) }),
                ["stats"] = new JsonObject
                {
                    ["contains_updates"] = nodesCreated + relsCreated + props > 0,
                    ["nodes_created"] = nodesCreated,
                    ["relationships_created"] = relsCreated,
                    ["properties_set"] = props,
                },
            }),
            ["errors"] = new JsonArray(),
            ["lastBookmarks"] = new JsonArray("FB:fake"),
        };
        return (200, tx.ToJsonString(), default);
    }

    private (int Nodes, int Rels, int Props, int Rows) Simulate(string statement, JsonArray rows)
    {
        lock (_lock)
        {
            if (statement.StartsWith("CREATE CONSTRAINT ", StringComparison.Ordinal))
            {
                _constraints.Add(statement.Split(' ')[2]);
                return (0, 0, 0, 0);
            }
            if (statement.Contains(" DELETE ", StringComparison.Ordinal))
            {
                // Incremental pushes delete what is gone: a relationship by key, a node by label and id.
                var deleted = 0;
                foreach (var row in rows)
                {
                    if (statement.Contains("DETACH DELETE n", StringComparison.Ordinal))
                        deleted += _nodes.Remove(statement.Split("MATCH (n:")[1].Split(' ')[0] + "|" + row!["id"]!.GetValue<string>()) ? 1 : 0;
                    else
                        deleted += _rels.Remove(row!["key"]!.GetValue<string>()) ? 1 : 0;
                }
                return (0, 0, 0, deleted);
            }
            int nodes = 0, rels = 0, props = 0, matched = 0;
            var isRel = statement.Contains("MERGE (a)-[r:", StringComparison.Ordinal);
            var label = statement.Contains("MERGE (n:", StringComparison.Ordinal) ? statement.Split("MERGE (n:")[1].Split(' ')[0] : null;
            foreach (var row in rows)
            {
                var changed = 0;
                if (isRel)
                {
                    if (!_nodes.Any(n => n.EndsWith("|" + row!["start"]!.GetValue<string>(), StringComparison.Ordinal)) ||
                        !_nodes.Any(n => n.EndsWith("|" + row!["end"]!.GetValue<string>(), StringComparison.Ordinal)))
                        continue;
                    matched++;
                    if (_rels.Add(row!["key"]!.GetValue<string>()))
                    {
                        rels++;
                        changed = 1;
                    }
                }
                else if (label is not null)
                {
                    matched++;
                    if (_nodes.Add(label + "|" + row!["id"]!.GetValue<string>()))
                    {
                        nodes++;
                        changed = 1;
                    }
                }
                // Like Neo4j, SET of an unchanged value still counts; count only on creation to keep re-runs visible.
                props += changed * (((JsonObject)row!["props"]!).Count + ((JsonObject)row["dates"]!).Count);
            }
            return (nodes, rels, props, matched);
        }
    }

    private static string Errors(string code, string message) =>
        new JsonObject { ["results"] = new JsonArray(), ["errors"] = new JsonArray(new JsonObject { ["code"] = code, ["message"] = message }) }.ToJsonString();
}
