using System.Collections;
using KnowledgeGraph.Core.Errors;

namespace KnowledgeGraph.Writers.Neo4j;

/// <summary>Which HTTP API <see cref="Neo4jPusher"/> talks to.</summary>
public enum Neo4jApi
{
    /// <summary>Ask the server (<c>GET /</c>): Query API v2 when it advertises one, else the transactional endpoint.</summary>
    Auto,
    /// <summary>The transactional Cypher endpoint <c>/db/{db}/tx/commit</c> (Neo4j 4.x/5.x self-managed).</summary>
    Tx,
    /// <summary>The Query API <c>/db/{db}/query/v2</c> (Neo4j 5.19+, Aura).</summary>
    Query,
}

/// <summary>A Neo4j user and password. <see cref="ToString"/> never shows the password.</summary>
/// <param name="User">The user name.</param>
/// <param name="Password">The password.</param>
public sealed record Neo4jCredentials(string User, string Password)
{
    /// <summary>
    /// Reads credentials from environment variables: <c>NEO4J_USER</c> + <c>NEO4J_PASSWORD</c> (user defaults to
    /// <c>neo4j</c>), else <c>NEO4J_AUTH=user/password</c> (the Docker image's form). Returns null when none is set or
    /// <c>NEO4J_AUTH=none</c>.
    /// </summary>
    /// <param name="environment">Usually <see cref="Environment.GetEnvironmentVariables()"/>.</param>
    /// <exception cref="KnowledgeGraphException"><c>NEO4J_AUTH</c> is not <c>user/password</c>.</exception>
    public static Neo4jCredentials? FromEnvironment(IDictionary environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var user = Get(environment, "NEO4J_USER") ?? Get(environment, "NEO4J_USERNAME");
        var password = Get(environment, "NEO4J_PASSWORD");
        if (password is not null)
            return new Neo4jCredentials(user ?? "neo4j", password);
        var auth = Get(environment, "NEO4J_AUTH");
        if (auth is null || string.Equals(auth, "none", StringComparison.OrdinalIgnoreCase))
            return null;
        var slash = auth.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == auth.Length - 1)
            throw KnowledgeGraphException.Usage("NEO4J_AUTH must look like user/password (for example neo4j/changeme123), or be 'none'.");
        return new Neo4jCredentials(auth[..slash], auth[(slash + 1)..]);
    }

    /// <summary>The user only; the password is never printed.</summary>
    public override string ToString() => $"Neo4jCredentials {{ User = {User}, Password = *** }}";

    private static string? Get(IDictionary env, string name) =>
        env.Contains(name) && env[name] is string s && s.Length > 0 ? s : null;
}

/// <summary>Where and how <see cref="Neo4jPusher"/> pushes a graph.</summary>
public sealed record Neo4jOptions
{
    /// <summary>The HTTP base address, e.g. <c>http://localhost:7474</c> (a <c>neo4j://</c> or <c>bolt://</c> URI is not HTTP).</summary>
    public required Uri Uri { get; init; }

    /// <summary>The database name.</summary>
    public string Database { get; init; } = "neo4j";

    /// <summary>Rows per request; each request is one transaction.</summary>
    public int BatchSize { get; init; } = 1000;

    /// <summary>Which API to use; <see cref="Neo4jApi.Auto"/> asks the server.</summary>
    public Neo4jApi Api { get; init; } = Neo4jApi.Auto;

    /// <summary>User and password, or null for a server without auth.</summary>
    public Neo4jCredentials? Credentials { get; init; }

    /// <summary>The time limit of one HTTP request.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts per request for transient failures (connection refused, timeout, 5xx, Neo.TransientError.*).</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>The delay before the first retry; it doubles for every further retry.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Checks the options.</summary>
    /// <exception cref="KnowledgeGraphException">A value is out of range (a usage error).</exception>
    public void Validate()
    {
        if (Uri is null || !Uri.IsAbsoluteUri || (Uri.Scheme != Uri.UriSchemeHttp && Uri.Scheme != Uri.UriSchemeHttps))
            throw KnowledgeGraphException.Usage($"Neo4j URI '{Uri}' must be an http:// or https:// address of the HTTP API, e.g. http://localhost:7474 (not bolt:// or neo4j://).");
        if (string.IsNullOrWhiteSpace(Database) || Database.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')))
            throw KnowledgeGraphException.Usage($"Neo4j database name '{Database}' is not valid (letters, digits, '.', '-', '_').");
        if (BatchSize is < 1 or > 100_000)
            throw KnowledgeGraphException.Usage($"Batch size {BatchSize} must be between 1 and 100000.");
        if (RequestTimeout <= TimeSpan.Zero)
            throw KnowledgeGraphException.Usage("The Neo4j request timeout must be positive.");
        if (MaxAttempts is < 1 or > 20)
            throw KnowledgeGraphException.Usage($"Retry count {MaxAttempts} must be between 1 and 20.");
        if (RetryDelay < TimeSpan.Zero)
            throw KnowledgeGraphException.Usage("The retry delay cannot be negative.");
    }
}

/// <summary>What a push did.</summary>
/// <param name="Api">The API used.</param>
/// <param name="Statements">Statements sent (constraints + batches).</param>
/// <param name="Batches">Requests that carried data rows.</param>
/// <param name="Nodes">Node rows sent.</param>
/// <param name="Relationships">Relationship rows sent.</param>
/// <param name="NodesCreated">Nodes the server reported created (0 on a re-run).</param>
/// <param name="RelationshipsCreated">Relationships the server reported created (0 on a re-run).</param>
/// <param name="PropertiesSet">Properties the server reported set.</param>
/// <param name="Retries">Requests that were retried after a transient failure.</param>
public sealed record Neo4jPushResult(Neo4jApi Api, int Statements, int Batches, int Nodes, int Relationships, long NodesCreated, long RelationshipsCreated, long PropertiesSet, int Retries);

/// <summary>What changed since the last push to a server: what to send, and what to delete there.</summary>
/// <param name="Nodes">Ids of the nodes to send (new or changed).</param>
/// <param name="Relationships">Ids of the relationships to send (new or changed).</param>
/// <param name="RemovedNodes">Nodes pushed before that the graph no longer has.</param>
/// <param name="RemovedRelationships">Relationships pushed before that the graph no longer has.</param>
public sealed record Neo4jChanges(IReadOnlySet<string> Nodes, IReadOnlySet<string> Relationships,
    IReadOnlyList<(string Label, string Id)> RemovedNodes, IReadOnlyList<(string Type, string Id)> RemovedRelationships);
