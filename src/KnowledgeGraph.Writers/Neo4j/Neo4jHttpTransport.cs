using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KnowledgeGraph.Core.Errors;

namespace KnowledgeGraph.Writers.Neo4j;

/// <summary>What one statement reported back.</summary>
/// <param name="NodesCreated">Nodes created.</param>
/// <param name="RelationshipsCreated">Relationships created.</param>
/// <param name="PropertiesSet">Properties set.</param>
/// <param name="FirstValue">The first column of the first row, when there is one.</param>
internal sealed record StatementResult(long NodesCreated, long RelationshipsCreated, long PropertiesSet, JsonNode? FirstValue);

/// <summary>
/// Runs single Cypher statements over Neo4j's HTTP APIs (transactional <c>tx/commit</c> or Query API v2), with a per-request
/// timeout and bounded, exponentially backed-off retries for transient failures. The password is sent only in the
/// Authorization header and never appears in a message.
/// </summary>
internal sealed class Neo4jHttpTransport : IDisposable
{
    private readonly Neo4jOptions _options;
    private readonly HttpClient _client;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;
    private readonly string _base;

    public Neo4jHttpTransport(Neo4jOptions options, HttpMessageHandler? handler = null, Func<TimeSpan, CancellationToken, Task>? delay = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _client = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _client.Timeout = Timeout.InfiniteTimeSpan; // enforced per request below, so a timeout is distinguishable from Ctrl+C
        _delay = delay ?? Task.Delay;
        _base = options.Uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        DisplayAddress = $"{options.Uri.Scheme}://{options.Uri.Authority}";
    }

    /// <summary>The server address without user info or path, for messages.</summary>
    public string DisplayAddress { get; }

    /// <summary>Requests retried after a transient failure so far.</summary>
    public int Retries { get; private set; }

    public void Dispose() => _client.Dispose();

    /// <summary>Asks <c>GET /</c> (no auth) which APIs the server has: Query API when it advertises <c>query</c>, else tx.</summary>
    public async Task<Neo4jApi> DiscoverAsync(CancellationToken cancellationToken)
    {
        var body = await SendWithRetriesAsync(() => new HttpRequestMessage(HttpMethod.Get, _base + "/"), "discovery (GET /)", cancellationToken).ConfigureAwait(false);
        return body is JsonObject o && o.ContainsKey("query") ? Neo4jApi.Query : Neo4jApi.Tx;
    }

    /// <summary>Runs one statement in its own transaction; <paramref name="context"/> names it in errors.</summary>
    public async Task<StatementResult> RunAsync(Neo4jApi api, string statement, JsonObject parameters, string context, CancellationToken cancellationToken)
    {
        var db = Uri.EscapeDataString(_options.Database);
        string url;
        string payload;
        if (api == Neo4jApi.Query)
        {
            url = $"{_base}/db/{db}/query/v2";
            payload = new JsonObject
            {
                ["statement"] = statement,
                ["parameters"] = parameters,
                ["includeCounters"] = true,
            }.ToJsonString();
        }
        else
        {
            url = $"{_base}/db/{db}/tx/commit";
            payload = new JsonObject
            {
                ["statements"] = new JsonArray(new JsonObject
                {
                    ["statement"] = statement,
                    ["parameters"] = parameters,
                    ["includeStats"] = true,
                }),
            }.ToJsonString();
        }
        var body = await SendWithRetriesAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
            if (_options.Credentials is { } c)
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{c.User}:{c.Password}")));
            return request;
        }, context, cancellationToken).ConfigureAwait(false);
        return api == Neo4jApi.Query ? ParseQuery(body) : ParseTx(body);
    }

    private async Task<JsonNode?> SendWithRetriesAsync(Func<HttpRequestMessage> makeRequest, string context, CancellationToken cancellationToken)
    {
        string lastProblem = "no attempt was made";
        for (var attempt = 1; attempt <= _options.MaxAttempts; attempt++)
        {
            if (attempt > 1)
            {
                Retries++;
                var wait = _options.RetryDelay * Math.Pow(2, attempt - 2);
                await _delay(wait, cancellationToken).ConfigureAwait(false);
            }
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.RequestTimeout);
            HttpResponseMessage response;
            string text;
            try
            {
                using var request = makeRequest();
                request.Headers.Accept.ParseAdd("application/json;charset=UTF-8");
                response = await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
                text = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                lastProblem = $"no answer within {_options.RequestTimeout.TotalSeconds:0.###} s (request timeout)";
                continue;
            }
            catch (HttpRequestException ex)
            {
                lastProblem = $"connection failed ({ex.HttpRequestError}: {ex.Message})";
                continue;
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                var body = TryParse(text);
                var (code, message) = FirstError(body);
                if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                    throw Unauthorized(status, code, message);
                if (status >= 500)
                {
                    lastProblem = $"HTTP {status}{(code is null ? "" : $" {code}: {message}")}";
                    continue;
                }
                if (status is < 200 or > 299)
                    throw KnowledgeGraphException.Runtime($"Neo4j at {DisplayAddress} refused {context}: HTTP {status}{(code is null ? "" : $" {code}: {message}")}.");
                if (code is not null)
                {
                    if (code.StartsWith("Neo.TransientError.", StringComparison.Ordinal))
                    {
                        lastProblem = $"{code}: {message}";
                        continue;
                    }
                    throw KnowledgeGraphException.Runtime(
                        $"Neo4j rejected {context}: {code}: {message} This batch was rolled back; earlier batches are committed. " +
                        "Fix the cause and run `kg push` again: it merges, so nothing is duplicated.");
                }
                return body;
            }
        }
        throw KnowledgeGraphException.Runtime(
            $"Neo4j at {DisplayAddress} failed {context} after {_options.MaxAttempts} attempt(s): {lastProblem}. " +
            "Is the server running (docker compose up -d) and is the URI its HTTP address (port 7474)? Re-running `kg push` is safe.");
    }

    private KnowledgeGraphException Unauthorized(int status, string? code, string? message)
    {
        var who = _options.Credentials is null ? "no credentials were given" : $"user '{_options.Credentials.User}' was refused";
        return KnowledgeGraphException.Runtime(
            $"Neo4j at {DisplayAddress} answered HTTP {status}{(code is null ? "" : $" ({code}: {message})")}: {who}. " +
            "Set NEO4J_USER and NEO4J_PASSWORD, or NEO4J_AUTH=user/password (the docker-compose form).");
    }

    private static JsonNode? TryParse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static (string? Code, string? Message) FirstError(JsonNode? body)
    {
        if (body is JsonObject o && o["errors"] is JsonArray errors && errors.Count > 0)
            return (errors[0]?["code"]?.GetValue<string>() ?? "Neo.Unknown", errors[0]?["message"]?.GetValue<string>() ?? string.Empty);
        return (null, null);
    }

    private static long Counter(JsonNode? stats, string name) =>
        stats?[name] is JsonValue v && v.TryGetValue<long>(out var n) ? n : 0;

    private static StatementResult ParseTx(JsonNode? body)
    {
        var result = body?["results"] is JsonArray { Count: > 0 } results ? results[0] : null;
        var stats = result?["stats"];
        var first = result?["data"] is JsonArray { Count: > 0 } data ? data[0]?["row"] is JsonArray { Count: > 0 } row ? row[0] : null : null;
        return new StatementResult(Counter(stats, "nodes_created"), Counter(stats, "relationships_created"), Counter(stats, "properties_set"), first?.DeepClone());
    }

    private static StatementResult ParseQuery(JsonNode? body)
    {
        var counters = body?["counters"];
        var first = body?["data"]?["values"] is JsonArray { Count: > 0 } values
            ? values[0] is JsonArray { Count: > 0 } row ? row[0] : values[0] is JsonArray ? null : values[0]
            : null;
        return new StatementResult(Counter(counters, "nodesCreated"), Counter(counters, "relationshipsCreated"), Counter(counters, "propertiesSet"), first?.DeepClone());
    }
}
