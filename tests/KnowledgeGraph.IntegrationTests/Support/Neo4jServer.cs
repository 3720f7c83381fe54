using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using KnowledgeGraph.Writers.Neo4j;

namespace KnowledgeGraph.IntegrationTests.Support;

/// <summary>
/// The Neo4j the live tests talk to, decided once per run: a throwaway <c>neo4j:5-community</c> container with APOC
/// (Testcontainers, generic container) when a Docker engine is reachable; else the server at <c>NEO4J_URI</c>; else
/// none, and every live test is skipped with <see cref="SkipReason"/>.
/// </summary>
public sealed class Neo4jServer : IAsyncLifetime
{
    /// <summary>The image the issue names; the tests use nothing newer than Neo4j 5.</summary>
    public const string Image = "neo4j:5-community";

    /// <summary>Where files for apoc.import.* and cypher-shell go inside the container (server.directories.import).</summary>
    public const string ContainerImportDir = "/import";

    private const string ContainerPassword = "kg-live-tests";
    private HttpClient? _http;

    /// <summary>The container, when the tests started one.</summary>
    public IContainer? Container { get; private set; }

    /// <summary>Connection options for the pusher and transport.</summary>
    public Neo4jOptions? Options { get; private set; }

    /// <summary>Why the live tests cannot run, or null when a server is there.</summary>
    public string? SkipReason { get; private set; }

    /// <summary>True when the database belongs to these tests (a container, or NEO4J_WIPE=yes): they may delete everything in it.</summary>
    public bool MayWipe { get; private set; }

    /// <summary>A host folder mounted as the server's import folder (NEO4J_IMPORT_DIR), in NEO4J_URI mode.</summary>
    public string? HostImportDir { get; private set; }

    /// <summary>A server for a container started elsewhere (a second, fresh database).</summary>
    internal static Neo4jServer Attach(IContainer container) => new()
    {
        Container = container,
        MayWipe = true,
        Options = ContainerOptions(container),
    };

    private static Neo4jOptions ContainerOptions(IContainer container) => new()
    {
        Uri = new UriBuilder("http", container.Hostname, container.GetMappedPublicPort(7474)).Uri,
        Credentials = new Neo4jCredentials("neo4j", ContainerPassword),
        BatchSize = 500,
        RequestTimeout = TimeSpan.FromSeconds(60),
    };

    public async Task InitializeAsync()
    {
        var uri = Environment.GetEnvironmentVariable("NEO4J_URI");
        IContainer container;
        try
        {
            container = Neo4jContainer().Build();
        }
        catch (DockerUnavailableException ex)
        {
            if (!string.IsNullOrEmpty(uri))
            {
                UseUri(new Uri(uri));
                return;
            }
            SkipReason = $"no Docker engine is reachable ({FirstLine(ex.Message)}) and NEO4J_URI is not set; start Docker, or set NEO4J_URI to a Neo4j 5 HTTP address";
            return;
        }
        // A reachable engine that then fails to start Neo4j (no network for the image or APOC, a crash) is a failure, not a skip.
        await container.StartAsync().ConfigureAwait(false);
        Container = container;
        MayWipe = true;
        Options = ContainerOptions(container);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        _http?.Dispose();
        if (Container is not null)
            await Container.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>The container: Neo4j 5 Community, APOC with file import on, the HTTP port published and awaited.</summary>
    internal static ContainerBuilder Neo4jContainer() => new ContainerBuilder(Image)
        .WithEnvironment("NEO4J_AUTH", "neo4j/" + ContainerPassword)
        .WithEnvironment("NEO4J_PLUGINS", "[\"apoc\"]")
        .WithEnvironment("NEO4J_apoc_import_file_enabled", "true")
        .WithEnvironment("NEO4J_server_directories_import", ContainerImportDir)
        // The folder must exist before Neo4j starts; files arrive later with CopyAsync.
        .WithResourceMapping(Encoding.UTF8.GetBytes("kg live tests\n"), ContainerImportDir + "/README.txt")
        .WithPortBinding(7474, true)
        .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(r => r.ForPort(7474).ForPath("/")));

    private void UseUri(Uri uri)
    {
        Options = new Neo4jOptions
        {
            Uri = uri,
            Credentials = Neo4jCredentials.FromEnvironment(Environment.GetEnvironmentVariables()),
            BatchSize = 500,
            RequestTimeout = TimeSpan.FromSeconds(60),
        };
        MayWipe = string.Equals(Environment.GetEnvironmentVariable("NEO4J_WIPE"), "yes", StringComparison.Ordinal);
        var dir = Environment.GetEnvironmentVariable("NEO4J_IMPORT_DIR");
        HostImportDir = string.IsNullOrEmpty(dir) ? null : dir;
    }

    /// <summary>
    /// Puts the files of <paramref name="sourceDir"/> where the server's import folder is, under a fresh folder, and
    /// returns that folder's name (for <c>file:///name/graph.json</c>), or null when there is no way to (NEO4J_URI without NEO4J_IMPORT_DIR).
    /// </summary>
    public async Task<string?> StageAsync(string sourceDir)
    {
        var name = "kgtest-" + Guid.NewGuid().ToString("N");
        if (Container is not null)
        {
            foreach (var file in Directory.EnumerateFiles(sourceDir, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(sourceDir, file).Replace('\\', '/');
                await Container.CopyAsync(await File.ReadAllBytesAsync(file).ConfigureAwait(false), $"{ContainerImportDir}/{name}/{relative}").ConfigureAwait(false);
            }
            return name;
        }
        if (HostImportDir is null)
            return null;
        CopyDirectory(sourceDir, Path.Combine(HostImportDir, name));
        return name;
    }

    /// <summary>Removes a staged folder from a host import folder (a container's goes with the container).</summary>
    public void Unstage(string? name)
    {
        if (name is not null && Container is null && HostImportDir is not null && Directory.Exists(Path.Combine(HostImportDir, name)))
            Directory.Delete(Path.Combine(HostImportDir, name), recursive: true);
    }

    /// <summary>Runs one statement and returns its rows (tx/commit endpoint; each row an array of columns).</summary>
    public async Task<List<JsonArray>> QueryAsync(string statement, JsonObject? parameters = null)
    {
        var options = Options ?? throw new InvalidOperationException(SkipReason);
        _http ??= CreateClient(options);
        var body = new JsonObject
        {
            ["statements"] = new JsonArray(new JsonObject { ["statement"] = statement, ["parameters"] = parameters ?? [] }),
        };
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(new Uri(options.Uri, $"db/{options.Database}/tx/commit"), content).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode} for {statement}: {text}");
        var reply = JsonNode.Parse(text)!;
        var errors = reply["errors"]!.AsArray();
        Assert.True(errors.Count == 0, $"{statement}: {errors.ToJsonString()}");
        return [.. reply["results"]![0]!["data"]!.AsArray().Select(d => d!["row"]!.AsArray())];
    }

    /// <summary>The single value of a one-row, one-column query.</summary>
    public async Task<JsonNode?> ScalarAsync(string statement, JsonObject? parameters = null) =>
        (await QueryAsync(statement, parameters).ConfigureAwait(false)).Single()[0];

    /// <summary>Deletes every node, relationship and constraint: only for a database the tests own (<see cref="MayWipe"/>).</summary>
    public async Task WipeAsync()
    {
        Assert.True(MayWipe, "refusing to wipe a database the tests do not own");
        // The graphs are small; CALL ... IN TRANSACTIONS would need an implicit transaction, which tx/commit is not.
        await QueryAsync("MATCH (n) DETACH DELETE n").ConfigureAwait(false);
        foreach (var row in await QueryAsync("SHOW CONSTRAINTS YIELD name RETURN name").ConfigureAwait(false))
            await QueryAsync($"DROP CONSTRAINT `{row[0]!.GetValue<string>()}` IF EXISTS").ConfigureAwait(false);
    }

    private static HttpClient CreateClient(Neo4jOptions options)
    {
        var client = new HttpClient { Timeout = options.RequestTimeout };
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (options.Credentials is { } c)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{c.User}:{c.Password}")));
        return client;
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}

/// <summary>All live tests share one server and run one after another (they load and wipe the same database).</summary>
[CollectionDefinition(Name)]
public sealed class LiveNeo4jCollection : ICollectionFixture<Neo4jServer>
{
    public const string Name = "live Neo4j";
}
