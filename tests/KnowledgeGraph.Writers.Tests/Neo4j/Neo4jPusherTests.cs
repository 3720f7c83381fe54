using System.Collections;
using System.Text;
using KnowledgeGraph.Core.Errors;
using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.Writers.Neo4j;
using KnowledgeGraph.Writers.Tests.Support;

namespace KnowledgeGraph.Writers.Tests.Neo4j;

public sealed class Neo4jPusherTests
{
    private const string Password = "s3cret-Pa55word";
    private static readonly string BasicAuth = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("neo4j:" + Password));

    private static Neo4jOptions Options(Uri uri, Neo4jApi api = Neo4jApi.Auto, int batchSize = 1000) => new()
    {
        Uri = uri,
        Api = api,
        BatchSize = batchSize,
        Credentials = new Neo4jCredentials("neo4j", Password),
        RequestTimeout = TimeSpan.FromSeconds(5),
        MaxAttempts = 3,
        RetryDelay = TimeSpan.FromMilliseconds(1),
    };

    private static async Task<Neo4jPushResult> PushAsync(Neo4jOptions options, PropertyGraph graph, List<TimeSpan>? delays = null, List<string>? progress = null)
    {
        using var pusher = new Neo4jPusher(options, null, (d, ct) =>
        {
            delays?.Add(d);
            return Task.CompletedTask;
        });
        return await pusher.PushAsync(graph, progress is null ? null : new SyncProgress(progress), CancellationToken.None);
    }

    [Fact]
    public async Task PushAsync_TxServer_DiscoversTxAndSendsConstraintsThenMerges()
    {
        // Arrange
        using var server = new FakeNeo4jServer(advertiseQueryApi: false, requiredAuthorization: BasicAuth);

        // Act
        var result = await PushAsync(Options(server.Uri), SampleGraphs.Hostile());

        // Assert
        var requests = server.Requests.ToList();
        Assert.Equal(("GET", "/"), (requests[0].Method, requests[0].Path));
        Assert.Null(requests[0].Authorization);
        Assert.All(requests.Skip(1), r => Assert.Equal("/db/neo4j/tx/commit", r.Path));
        Assert.All(requests.Skip(1), r => Assert.Equal(BasicAuth, r.Authorization));
        var statements = requests.Skip(1).Select(r => r.Statement!).ToList();
        // 6 labels used (no Event) -> 6 constraints first, in schema order.
        Assert.Equal("CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE", statements[0]);
        Assert.All(statements.Take(6), s => Assert.StartsWith("CREATE CONSTRAINT ", s, StringComparison.Ordinal));
        Assert.All(statements.Skip(6), s => Assert.StartsWith("UNWIND $rows AS row ", s, StringComparison.Ordinal));
        Assert.Equal(Neo4jApi.Tx, result.Api);
        Assert.Equal(9, result.NodesCreated);
        Assert.Equal(9, result.RelationshipsCreated);
        Assert.Equal(9, server.NodeCount);
        Assert.Equal(9, server.RelationshipCount);
        Assert.Equal(6, server.ConstraintCount);
    }

    [Fact]
    public async Task PushAsync_WithChanges_DeletesWhatIsGoneThenSendsOnlyWhatChanged()
    {
        // Arrange: the whole graph pushed once; then Olena changed, r7 and the hostile person gone.
        using var server = new FakeNeo4jServer();
        var graph = SampleGraphs.Hostile();
        await PushAsync(Options(server.Uri), graph);
        var first = server.Requests.Count;
        var changes = new Neo4jChanges(new HashSet<string> { "person:olena" }, new HashSet<string>(),
            [(GraphSchema.Person, "person:evil")], [(GraphSchema.Visited, "r7")]);

        // Act
        using var pusher = new Neo4jPusher(Options(server.Uri), null, (_, _) => Task.CompletedTask);
        var result = await pusher.PushAsync(graph, changes, null, CancellationToken.None);

        // Assert: after the 6 constraints, one delete per kind, then one MERGE of one node; nothing else.
        var statements = server.Requests.Skip(first).Where(r => r.Method == "POST").Select(r => r.Statement!).ToList();
        Assert.Equal(6 + 3, statements.Count);
        Assert.Equal("UNWIND $rows AS row MATCH ()-[r:VISITED {key: row.key}]->() DELETE r RETURN count(*) AS rows", statements[6]);
        Assert.Equal("UNWIND $rows AS row MATCH (n:Person {id: row.id}) DETACH DELETE n RETURN count(*) AS rows", statements[7]);
        Assert.StartsWith("UNWIND $rows AS row MERGE (n:Person {id: row.id})", statements[8], StringComparison.Ordinal);
        var merged = Assert.Single(server.Requests.Skip(first).Last().Rows);
        Assert.Equal("person:olena", merged!["id"]!.GetValue<string>());
        Assert.Equal(0, result.NodesCreated);
        Assert.Equal(8, server.NodeCount);
        Assert.Equal(8, server.RelationshipCount);
    }

    [Fact]
    public async Task PushAsync_Statements_HoldNoDataOnlyParameters()
    {
        // Arrange
        using var server = new FakeNeo4jServer();

        // Act
        await PushAsync(Options(server.Uri), SampleGraphs.Hostile());

        // Assert
        var posts = server.Requests.Where(r => r.Method == "POST").ToList();
        foreach (var s in posts.Select(r => r.Statement!))
        {
            Assert.True(s.StartsWith("CREATE CONSTRAINT ", StringComparison.Ordinal) || s.StartsWith("UNWIND $rows AS row MATCH", StringComparison.Ordinal) || s.StartsWith("UNWIND $rows AS row MERGE", StringComparison.Ordinal), s);
            Assert.DoesNotContain("Stoltenberg", s, StringComparison.Ordinal);
            Assert.DoesNotContain("Evil", s, StringComparison.Ordinal);
            Assert.DoesNotContain("Brussels", s, StringComparison.Ordinal);
            Assert.DoesNotContain("2023", s, StringComparison.Ordinal);
            Assert.DoesNotContain("DELETE", s, StringComparison.Ordinal);
        }
        var personRows = posts.Single(r => r.Statement!.Contains("MERGE (n:Person {id: row.id})", StringComparison.Ordinal)).Rows;
        var evil = personRows.Single(r => r!["id"]!.GetValue<string>() == "person:evil")!;
        Assert.Equal(SampleGraphs.InjectionName, evil["props"]!["name"]!.GetValue<string>());
        var metWith = posts.Single(r => r.Statement!.Contains("[r:MET_WITH {key: row.key}]", StringComparison.Ordinal));
        Assert.Contains("MATCH (a:Person {id: row.start}) MATCH (b:Person {id: row.end})", metWith.Statement!, StringComparison.Ordinal);
        Assert.Contains("SET r.`date` = coalesce(date(row.dates.`date`), r.`date`)", metWith.Statement!, StringComparison.Ordinal);
        var r1 = metWith.Rows.Single(r => r!["key"]!.GetValue<string>() == "r1")!;
        Assert.Equal("2023-02-08", r1["dates"]!["date"]!.GetValue<string>());
        Assert.Equal(2, r1["props"]!["count"]!.GetValue<long>());
        Assert.Equal(SampleGraphs.HostileEvidence, r1["props"]!["evidence"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task PushAsync_WholeNumberFloats_SentWithADecimalPoint()
    {
        // Arrange: betweenness 0 and 1 are floats; Neo4j reads a JSON 0 as an INTEGER and 0.0 as a FLOAT.
        using var server = new FakeNeo4jServer();
        var graph = new PropertyGraph(
        [
            new GraphNode("person:a", [GraphSchema.Person], new PropertyBag().Add("name", "A").Add("betweenness", 0.0).Add("degree", 0L).Build()),
            new GraphNode("person:b", [GraphSchema.Person], new PropertyBag().Add("name", "B").Add("betweenness", 1.0).Add("degree", 2L).Build()),
        ], []);

        // Act
        await PushAsync(Options(server.Uri), graph);

        // Assert
        var rows = server.Requests.Single(r => r.Statement?.Contains("MERGE (n:Person {id: row.id})", StringComparison.Ordinal) == true).Rows;
        Assert.Equal(["0.0", "1.0"], rows.Select(r => r!["props"]!["betweenness"]!.ToJsonString()));
        Assert.Equal(["0", "2"], rows.Select(r => r!["props"]!["degree"]!.ToJsonString()));
    }

    [Fact]
    public async Task PushAsync_Twice_CreatesNothingTheSecondTime()
    {
        // Arrange
        using var server = new FakeNeo4jServer();
        var graph = SampleGraphs.Hostile();

        // Act
        var first = await PushAsync(Options(server.Uri), graph);
        var second = await PushAsync(Options(server.Uri), graph);

        // Assert
        Assert.Equal((9L, 9L), (first.NodesCreated, first.RelationshipsCreated));
        Assert.Equal((0L, 0L), (second.NodesCreated, second.RelationshipsCreated));
        Assert.Equal((9, 9), (server.NodeCount, server.RelationshipCount));
        Assert.Equal(first.Statements, second.Statements);
    }

    [Fact]
    public async Task PushAsync_BatchSizeTwo_SplitsRowsIntoBatchesOfAtMostTwo()
    {
        // Arrange
        using var server = new FakeNeo4jServer();
        var progress = new List<string>();

        // Act
        var result = await PushAsync(Options(server.Uri, Neo4jApi.Tx, batchSize: 2), SampleGraphs.Hostile(), progress: progress);

        // Assert
        var dataRequests = server.Requests.Where(r => r.Statement?.StartsWith("UNWIND", StringComparison.Ordinal) == true).ToList();
        Assert.All(dataRequests, r => Assert.InRange(r.Rows.Count, 1, 2));
        var personBatches = dataRequests.Where(r => r.Statement!.Contains("MERGE (n:Person", StringComparison.Ordinal)).Select(r => r.Rows.Count).ToList();
        Assert.Equal([2, 2], personBatches); // 4 people
        Assert.Equal(dataRequests.Count, result.Batches);
        Assert.Equal(9, server.NodeCount);
        Assert.Contains("Pushed nodes Person batch 2/2 (rows 3-4).", progress);
        Assert.DoesNotContain(progress, p => p.Contains(Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PushAsync_QueryApiAdvertised_UsesQueryV2OneStatementPerRequest()
    {
        // Arrange
        using var server = new FakeNeo4jServer(advertiseQueryApi: true);

        // Act
        var result = await PushAsync(Options(server.Uri), SampleGraphs.Hostile());

        // Assert
        Assert.Equal(Neo4jApi.Query, result.Api);
        var posts = server.Requests.Where(r => r.Method == "POST").ToList();
        Assert.All(posts, r => Assert.Equal("/db/neo4j/query/v2", r.Path));
        Assert.All(posts, r => Assert.NotNull(r.Body!["statement"]));
        Assert.Equal(9, result.NodesCreated);
        Assert.Equal(9, result.RelationshipsCreated);
    }

    [Fact]
    public async Task PushAsync_ForcedQueryApi_SkipsDiscovery()
    {
        // Arrange
        using var server = new FakeNeo4jServer();

        // Act
        await PushAsync(Options(server.Uri, Neo4jApi.Query), SampleGraphs.Hostile());

        // Assert
        Assert.DoesNotContain(server.Requests, r => r.Method == "GET");
    }

    [Fact]
    public async Task PushAsync_WrongPassword_ThrowsCredentialHintWithoutPassword()
    {
        // Arrange
        using var server = new FakeNeo4jServer(requiredAuthorization: "Basic other");

        // Act
        var ex = await Assert.ThrowsAsync<KnowledgeGraphException>(() => PushAsync(Options(server.Uri), SampleGraphs.Hostile()));

        // Assert
        Assert.Contains("401", ex.Message, StringComparison.Ordinal);
        Assert.Contains("NEO4J_USER and NEO4J_PASSWORD", ex.Message, StringComparison.Ordinal);
        Assert.Contains("NEO4J_AUTH", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, server.Requests.Count); // discovery + one refused statement: no retries on 401
    }

    [Fact]
    public async Task PushAsync_TransientErrorsThenSuccess_RetriesWithDoublingDelays()
    {
        // Arrange
        using var server = new FakeNeo4jServer();
        server.Enqueue(
            new ScriptedReply(503, ""),
            new ScriptedReply(200, """{"results":[],"errors":[{"code":"Neo.TransientError.Transaction.DeadlockDetected","message":"deadlock"}]}"""));
        var delays = new List<TimeSpan>();
        var options = Options(server.Uri, Neo4jApi.Tx) with { RetryDelay = TimeSpan.FromMilliseconds(100) };

        // Act
        var result = await PushAsync(options, SampleGraphs.Hostile(), delays);

        // Assert
        Assert.Equal([TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200)], delays);
        Assert.Equal(2, result.Retries);
        Assert.Equal(9, server.NodeCount);
        Assert.Equal(6, server.ConstraintCount);
    }

    [Fact]
    public async Task PushAsync_ServerErrorEveryTime_GivesUpAfterMaxAttempts()
    {
        // Arrange
        using var server = new FakeNeo4jServer();
        server.Enqueue(new ScriptedReply(500, "oops"), new ScriptedReply(502, ""), new ScriptedReply(503, ""));

        // Act
        var ex = await Assert.ThrowsAsync<KnowledgeGraphException>(() => PushAsync(Options(server.Uri, Neo4jApi.Tx), SampleGraphs.Hostile()));

        // Assert
        Assert.Equal(ErrorKind.Runtime, ex.Kind);
        Assert.Contains("after 3 attempt(s): HTTP 503", ex.Message, StringComparison.Ordinal);
        Assert.Contains("constraint person_id", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task PushAsync_CypherErrorInMiddle_StopsNamingBatchCodeAndRows()
    {
        // Arrange
        using var server = new FakeNeo4jServer();
        server.FailStatementsContaining = "MERGE (n:Organization";

        // Act
        var ex = await Assert.ThrowsAsync<KnowledgeGraphException>(() => PushAsync(Options(server.Uri, Neo4jApi.Tx), SampleGraphs.Hostile()));

        // Assert
        Assert.Contains("nodes Organization batch 1/1 (rows 1-1)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Neo.ClientError.Statement.SyntaxError: Invalid input", ex.Message, StringComparison.Ordinal);
        Assert.Contains("run `kg push` again", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Requests, r => r.Statement?.Contains("MERGE (n:Country", StringComparison.Ordinal) == true);
        Assert.Equal(1, server.Requests.Count(r => r.Statement?.Contains("MERGE (n:Organization", StringComparison.Ordinal) == true));
    }

    [Fact]
    public async Task PushAsync_AfterFailure_RerunCompletesWithoutDuplicates()
    {
        // Arrange
        using var server = new FakeNeo4jServer();
        server.FailStatementsContaining = "[r:MEMBER_OF";
        await Assert.ThrowsAsync<KnowledgeGraphException>(() => PushAsync(Options(server.Uri), SampleGraphs.Hostile()));
        var nodesAfterFailure = server.NodeCount;
        server.FailStatementsContaining = null;

        // Act
        var result = await PushAsync(Options(server.Uri), SampleGraphs.Hostile());

        // Assert
        Assert.Equal(9, nodesAfterFailure);
        Assert.Equal(0, result.NodesCreated);
        Assert.Equal((9, 9), (server.NodeCount, server.RelationshipCount));
    }

    [Fact]
    public async Task PushAsync_ServerHangs_TimesOutWithClearMessage()
    {
        // Arrange
        using var server = new FakeNeo4jServer();
        server.Enqueue(new ScriptedReply(200, "{}", TimeSpan.FromSeconds(10)), new ScriptedReply(200, "{}", TimeSpan.FromSeconds(10)));
        var options = Options(server.Uri, Neo4jApi.Tx) with { RequestTimeout = TimeSpan.FromMilliseconds(300), MaxAttempts = 2 };

        // Act
        var ex = await Assert.ThrowsAsync<KnowledgeGraphException>(() => PushAsync(options, SampleGraphs.Hostile()));

        // Assert: both attempts reached the server and were given up on at the request timeout (no wall-clock bound: a
        // loaded machine may take any time to get there).
        Assert.True(server.Requests.Count >= 2, $"the server saw {server.Requests.Count} request(s), expected both attempts");
        Assert.Contains("no answer within 0.3 s (request timeout)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("after 2 attempt(s)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PushAsync_ConnectionRefused_RetriesThenExplains()
    {
        // Arrange
        var closedPort = FakeNeo4jServer.FreePort();
        var delays = new List<TimeSpan>();

        // Act
        var ex = await Assert.ThrowsAsync<KnowledgeGraphException>(() => PushAsync(Options(new Uri($"http://127.0.0.1:{closedPort}")), SampleGraphs.Hostile(), delays));

        // Assert
        Assert.Equal(2, delays.Count);
        Assert.Contains($"Neo4j at http://127.0.0.1:{closedPort} failed discovery (GET /) after 3 attempt(s): connection failed", ex.Message, StringComparison.Ordinal);
        Assert.Contains("docker compose up -d", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PushAsync_Cancelled_ThrowsOperationCanceled()
    {
        // Arrange
        using var server = new FakeNeo4jServer();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        using var pusher = new Neo4jPusher(Options(server.Uri));

        // Act + Assert
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pusher.PushAsync(SampleGraphs.Hostile(), null, cts.Token));
    }

    [Theory]
    [InlineData("bolt://localhost:7687")]
    [InlineData("neo4j://localhost")]
    public void Constructor_NonHttpUri_ThrowsUsage(string uri)
    {
        // Act
        var ex = Assert.Throws<KnowledgeGraphException>(() => new Neo4jPusher(new Neo4jOptions { Uri = new Uri(uri) }));

        // Assert
        Assert.Equal(ErrorKind.Validation, ex.Kind);
        Assert.Contains("port 7474", ex.Message.Replace("http://localhost:7474", "port 7474", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ZeroBatchSize_ThrowsUsage()
    {
        // Act + Assert
        Assert.Throws<KnowledgeGraphException>(() => new Neo4jPusher(new Neo4jOptions { Uri = new Uri("http://localhost:7474"), BatchSize = 0 }));
    }

    [Fact]
    public void NodeStatement_LabelOutsideSchema_Throws()
    {
        // Act + Assert
        Assert.Throws<ArgumentException>(() => Neo4jPusher.NodeStatement("Person) DETACH DELETE (n", []));
    }

    [Fact]
    public void FromEnvironment_UserAndPassword_WinOverAuth()
    {
        // Arrange
        var env = new Hashtable { ["NEO4J_USER"] = "alice", ["NEO4J_PASSWORD"] = "pw1", ["NEO4J_AUTH"] = "neo4j/pw2" };

        // Act
        var c = Neo4jCredentials.FromEnvironment(env);

        // Assert
        Assert.Equal(new Neo4jCredentials("alice", "pw1"), c);
    }

    [Fact]
    public void FromEnvironment_DockerAuthForm_SplitsAtFirstSlash()
    {
        // Act
        var c = Neo4jCredentials.FromEnvironment(new Hashtable { ["NEO4J_AUTH"] = "neo4j/pa/ss" });

        // Assert
        Assert.Equal(new Neo4jCredentials("neo4j", "pa/ss"), c);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("none")]
    public void FromEnvironment_NoneOrUnset_ReturnsNull(string? auth)
    {
        // Arrange
        var env = new Hashtable();
        if (auth is not null)
            env["NEO4J_AUTH"] = auth;

        // Act + Assert
        Assert.Null(Neo4jCredentials.FromEnvironment(env));
    }

    [Fact]
    public void FromEnvironment_PasswordOnly_DefaultsUserToNeo4j()
    {
        // Act + Assert
        Assert.Equal(new Neo4jCredentials("neo4j", "x"), Neo4jCredentials.FromEnvironment(new Hashtable { ["NEO4J_PASSWORD"] = "x" }));
    }

    [Fact]
    public void FromEnvironment_MalformedAuth_ThrowsUsage()
    {
        // Act + Assert
        var ex = Assert.Throws<KnowledgeGraphException>(() => Neo4jCredentials.FromEnvironment(new Hashtable { ["NEO4J_AUTH"] = "justapassword" }));
        Assert.DoesNotContain("justapassword", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_Credentials_HidesPassword()
    {
        // Arrange
        var c = new Neo4jCredentials("neo4j", Password);

        // Act
        var text = c.ToString() + new Neo4jOptions { Uri = new Uri("http://x:7474"), Credentials = c };

        // Assert
        Assert.DoesNotContain(Password, text, StringComparison.Ordinal);
        Assert.Contains("neo4j", text, StringComparison.Ordinal);
    }

    /// <summary>Progress that records synchronously (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SyncProgress(List<string> lines) : IProgress<string>
    {
        public void Report(string value) => lines.Add(value);
    }
}
