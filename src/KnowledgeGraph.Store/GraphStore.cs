using System.Collections.Immutable;
using System.Globalization;
using KnowledgeGraph.Core.Errors;
using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.Core.Pipeline;
using KnowledgeGraph.Core.Stages.Assembly;
using Microsoft.Data.Sqlite;

namespace KnowledgeGraph.Store;

/// <summary>
/// The home of a built graph: <c>graph.db</c>, one SQLite file. It keeps what each article file gave (its content hash
/// and the analysis of each part, so a later build reuses unchanged files) and the assembled graph in tables a person
/// can query with <c>sqlite3</c> (see <see cref="Schema"/> and docs/store.md). Analyses are added in batches, one
/// transaction each, in WAL mode; the graph tables are replaced as a whole by <see cref="WriteGraph"/>.
/// Not thread-safe: one writer (the pipeline's) at a time.
/// </summary>
public sealed partial class GraphStore : IAnalysisStore, IDisposable
{
    /// <summary>The file name inside a graph folder.</summary>
    public const string FileName = "graph.db";

    /// <summary>The schema version this code writes and reads (<c>meta.schema_version</c>). Versions 1 (no
    /// <c>row_hashes</c>, no <c>assembly_state</c>) and 2 (no <c>assembly_state</c>) are still read, and upgraded when
    /// opened for writing.</summary>
    public const int SchemaVersion = 3;

    /// <summary>The schema: every table and index, with what each holds.</summary>
    public const string Schema = """
        -- key/value facts about the store: schema_version, data_version (the data/rules and program it was built with)
        CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        -- one row per article file analysed: id = path below the input folder; content_hash = SHA-256 of the file, its
        -- .date sidecar and --date-of; node_id/node_props = its Article node
        CREATE TABLE IF NOT EXISTS articles(id TEXT PRIMARY KEY, path TEXT NOT NULL, content_hash TEXT NOT NULL,
            published TEXT, title TEXT, bytes INTEGER NOT NULL, parts INTEGER NOT NULL, node_id TEXT, node_props TEXT);
        -- what the analysis of each part found (entities, relation facts), gzip JSON: reused by incremental builds
        CREATE TABLE IF NOT EXISTS analyses(article_id TEXT NOT NULL, part INTEGER NOT NULL, data BLOB NOT NULL,
            PRIMARY KEY(article_id, part)) WITHOUT ROWID;
        -- the graph, derived from the analyses by every build --
        -- Person, Organization, Country, Location, Event nodes; props = every property as typed JSON
        CREATE TABLE IF NOT EXISTS entities(id TEXT PRIMARY KEY, label TEXT NOT NULL, name TEXT NOT NULL,
            mentions INTEGER, degree INTEGER, betweenness REAL, community INTEGER, props TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS entities_label ON entities(label, mentions);
        -- every name an entity goes by (its name and the aliases the articles use), folded = lower case, no accents
        CREATE TABLE IF NOT EXISTS aliases(entity_id TEXT NOT NULL, alias TEXT NOT NULL, folded TEXT NOT NULL,
            PRIMARY KEY(entity_id, alias)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS aliases_folded ON aliases(folded);
        -- MENTIONED_IN: how often an entity is named in an article (article_id = the Article node's id)
        CREATE TABLE IF NOT EXISTS mentions(entity_id TEXT NOT NULL, article_id TEXT NOT NULL, count INTEGER NOT NULL,
            PRIMARY KEY(entity_id, article_id)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article_id);
        -- Meeting nodes (an occasion: date, place, everyone at the table); evidence in the evidence table
        CREATE TABLE IF NOT EXISTS meetings(id TEXT PRIMARY KEY, date TEXT, place_id TEXT, name TEXT NOT NULL, props TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS meetings_date ON meetings(date);
        CREATE INDEX IF NOT EXISTS meetings_place ON meetings(place_id);
        -- ATTENDED: who was at a meeting, as host, guest or attendee
        CREATE TABLE IF NOT EXISTS participants(meeting_id TEXT NOT NULL, person_id TEXT NOT NULL, role TEXT NOT NULL,
            props TEXT NOT NULL, PRIMARY KEY(meeting_id, person_id)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS participants_person ON participants(person_id);
        -- MET_WITH, VISITED, MEMBER_OF, HELD_IN (start -> end), with date, place and meeting pulled out for indexes
        CREATE TABLE IF NOT EXISTS relations(id TEXT PRIMARY KEY, type TEXT NOT NULL, start_id TEXT NOT NULL,
            end_id TEXT NOT NULL, date TEXT, place_id TEXT, meeting_id TEXT, props TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS relations_start ON relations(start_id, type);
        CREATE INDEX IF NOT EXISTS relations_end ON relations(end_id, type);
        CREATE INDEX IF NOT EXISTS relations_type_date ON relations(type, date);
        CREATE INDEX IF NOT EXISTS relations_meeting ON relations(meeting_id);
        -- what kg push last sent to each server (server = URL and database): a hash per node (kind n) and
        -- relationship (kind r), so the next push sends only what changed and deletes what is gone
        CREATE TABLE IF NOT EXISTS pushes(server TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL, label TEXT NOT NULL,
            hash TEXT NOT NULL, PRIMARY KEY(server, kind, id)) WITHOUT ROWID;
        -- the sentences that state a relation or a meeting (owner_id = relations.id or meetings.id), best first
        CREATE TABLE IF NOT EXISTS evidence(owner_id TEXT NOT NULL, ord INTEGER NOT NULL, sentence TEXT NOT NULL,
            PRIMARY KEY(owner_id, ord)) WITHOUT ROWID;
        -- bookkeeping of kg build, not part of the graph: a fingerprint (SHA-256, 16 bytes) of every graph row as the
        -- last build wrote it, so that an incremental build writes only the rows that changed. kind: e entity (with its
        -- aliases), m meeting and a relation (with their evidence), a Article node, p participant, M the mentions of
        -- one article; locator: the row's id (p: meeting id, U+001F, person id; M: the Article node id)
        CREATE TABLE IF NOT EXISTS row_hashes(kind TEXT NOT NULL, locator TEXT NOT NULL, hash BLOB NOT NULL,
            PRIMARY KEY(kind, locator)) WITHOUT ROWID;
        -- bookkeeping of kg build, not part of the graph: what the assembler had gathered when the last build ended
        -- (kind: e entity, r relationship, m meeting, a article; data: a compact binary form of its accumulator),
        -- valid through the article meta.assembled_through: a build whose new articles all sort after that one folds
        -- only them into it instead of assembling every stored analysis again
        CREATE TABLE IF NOT EXISTS assembly_state(kind TEXT NOT NULL, id TEXT NOT NULL, data BLOB NOT NULL,
            PRIMARY KEY(kind, id)) WITHOUT ROWID;
        """;

    private static readonly string[] GraphTables = ["entities", "aliases", "mentions", "meetings", "participants", "relations", "evidence", "row_hashes"];

    private readonly SqliteConnection _connection;
    private readonly HashSet<string> _analysedThisRun = new(StringComparer.Ordinal);

    private GraphStore(SqliteConnection connection, string path)
    {
        _connection = connection;
        Path = path;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Where each article file comes from and its content hash, for the articles an <see cref="Add"/> records.</summary>
    public Func<string, (string Path, string Hash)?>? ArticleSource { get; set; }

    /// <summary>The data version the store was built with (<c>meta.data_version</c>), or null for a new store.</summary>
    public string? DataVersion
    {
        get => GetMeta("data_version");
        set => SetMeta("data_version", value ?? "");
    }

    /// <summary>
    /// Opens the store at <paramref name="path"/>, creating it (and its tables) when missing. A file written with another
    /// schema version is refused with a message that says what to do.
    /// </summary>
    /// <exception cref="KnowledgeGraphException">The file is not a graph store of this version, or cannot be opened.</exception>
    public static GraphStore Open(string path, bool readOnly = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = System.IO.Path.GetFullPath(path);
        if (readOnly && !File.Exists(full))
            throw KnowledgeGraphException.DataFile(full, "graph store not found; run `kg build` first");
        // No pooling: the file must be closed when the store is disposed, because kg build moves its folder next.
        var cs = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString();
        var connection = new SqliteConnection(cs);
        try
        {
            connection.Open();
            var store = new GraphStore(connection, full);
            if (!readOnly)
            {
                store.Execute("PRAGMA journal_mode=WAL");
                store.Execute("PRAGMA synchronous=NORMAL");
            }
            store.CheckOrCreateSchema(readOnly);
            return store;
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw KnowledgeGraphException.DataFile(full, $"not a graph store kg can read ({ex.Message}); delete it and run `kg build` again");
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void CheckOrCreateSchema(bool readOnly)
    {
        var hasMeta = Scalar("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='meta'") is long n && n > 0;
        if (hasMeta)
        {
            var version = GetMeta("schema_version");
            if (version is "1" or "2")
            {
                // Version 1 lacks row_hashes (the next build then writes the graph tables whole, and fills it), versions
                // 1 and 2 assembly_state (the next build assembles every analysis, and keeps its state).
                if (readOnly)
                    return;
                using var upgrade = _connection.BeginTransaction();
                Execute(Schema, upgrade);
                SetMeta("schema_version", SchemaVersion.ToString(CultureInfo.InvariantCulture), upgrade);
                upgrade.Commit();
                return;
            }
            if (version != SchemaVersion.ToString(CultureInfo.InvariantCulture))
                throw KnowledgeGraphException.DataFile(Path, $"graph store of schema version {version ?? "?"}, this kg reads version {SchemaVersion}; delete it and run `kg build` again");
            return;
        }
        if (readOnly)
            throw KnowledgeGraphException.DataFile(Path, "not a graph store (no meta table); run `kg build` again");
        using var tx = _connection.BeginTransaction();
        Execute(Schema, tx);
        SetMeta("schema_version", SchemaVersion.ToString(CultureInfo.InvariantCulture), tx);
        tx.Commit();
    }

    /// <summary>Content hash per article id, as recorded by earlier builds.</summary>
    public Dictionary<string, string> ArticleHashes()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        using var cmd = Command("SELECT id, content_hash FROM articles");
        using var r = cmd.ExecuteReader();
        while (r.Read())
            result[r.GetString(0)] = r.GetString(1);
        return result;
    }

    /// <summary>Forgets every article and analysis (before a full re-analysis).</summary>
    public void ClearArticles()
    {
        using var tx = _connection.BeginTransaction();
        Execute("DELETE FROM analyses; DELETE FROM articles; DELETE FROM assembly_state;", tx);
        ForgetAssembledThrough(tx);
        tx.Commit();
    }

    /// <summary>Removes the articles (and their analyses) whose id is not in <paramref name="keep"/>; returns how many.</summary>
    public int RemoveArticlesExcept(IReadOnlySet<string> keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        var gone = ArticleHashes().Keys.Where(id => !keep.Contains(id)).ToList();
        using var tx = _connection.BeginTransaction();
        using var a = Command("DELETE FROM analyses WHERE article_id = $id", tx);
        using var b = Command("DELETE FROM articles WHERE id = $id", tx);
        var pa = a.Parameters.Add("$id", SqliteType.Text);
        var pb = b.Parameters.Add("$id", SqliteType.Text);
        foreach (var id in gone)
        {
            pa.Value = pb.Value = id;
            a.ExecuteNonQuery();
            b.ExecuteNonQuery();
        }
        // The kept assembly state holds the facts of the removed articles: the next assembly starts afresh.
        if (gone.Count > 0)
            ForgetAssembledThrough(tx);
        tx.Commit();
        return gone.Count;
    }

    /// <summary>
    /// Keeps a batch of analyses in one transaction. The first part of an article seen in this run replaces whatever
    /// the store held for that article (a changed file).
    /// </summary>
    public void Add(IReadOnlyList<DocumentAnalysis> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var through = AssembledThrough;
        using var tx = _connection.BeginTransaction();
        using var clear = Command("DELETE FROM analyses WHERE article_id = $id", tx);
        using var article = Command("""
            INSERT INTO articles(id, path, content_hash, published, title, bytes, parts) VALUES($id, $path, $hash, $published, $title, $bytes, 1)
            ON CONFLICT(id) DO UPDATE SET path = excluded.path, content_hash = excluded.content_hash, published = excluded.published,
                title = excluded.title, bytes = excluded.bytes, parts = 1, node_id = NULL, node_props = NULL
            """, tx);
        using var morePart = Command("UPDATE articles SET bytes = bytes + $bytes, parts = parts + 1, title = coalesce(title, $title) WHERE id = $id", tx);
        using var insert = Command("INSERT OR REPLACE INTO analyses(article_id, part, data) VALUES($id, $part, $data)", tx);
        foreach (var a in batch)
        {
            if (_analysedThisRun.Add(a.DocumentId))
            {
                // A changed article, or a new one sorting before the last one the kept assembly state holds: that
                // state cannot be continued, the next assembly starts afresh.
                if (through is not null && string.CompareOrdinal(a.DocumentId, through) <= 0)
                {
                    ForgetAssembledThrough(tx);
                    through = null;
                }
                clear.Parameters.Clear();
                clear.Parameters.AddWithValue("$id", a.DocumentId);
                clear.ExecuteNonQuery();
                var source = ArticleSource?.Invoke(a.DocumentId);
                article.Parameters.Clear();
                article.Parameters.AddWithValue("$id", a.DocumentId);
                article.Parameters.AddWithValue("$path", source?.Path ?? "");
                article.Parameters.AddWithValue("$hash", source?.Hash ?? "");
                article.Parameters.AddWithValue("$published", (object?)a.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? DBNull.Value);
                article.Parameters.AddWithValue("$title", (object?)a.Title ?? DBNull.Value);
                article.Parameters.AddWithValue("$bytes", a.Bytes);
                article.ExecuteNonQuery();
            }
            else
            {
                morePart.Parameters.Clear();
                morePart.Parameters.AddWithValue("$id", a.DocumentId);
                morePart.Parameters.AddWithValue("$bytes", a.Bytes);
                morePart.Parameters.AddWithValue("$title", (object?)a.Title ?? DBNull.Value);
                morePart.ExecuteNonQuery();
            }
            insert.Parameters.Clear();
            insert.Parameters.AddWithValue("$id", a.DocumentId);
            insert.Parameters.AddWithValue("$part", a.Part);
            insert.Parameters.AddWithValue("$data", AnalysisCodec.Encode(a));
            insert.ExecuteNonQuery();
        }
        tx.Commit();
    }

    /// <summary>Ids of the articles analysed in this run (through <see cref="Add"/>).</summary>
    public IReadOnlySet<string> AnalysedThisRun => _analysedThisRun;

    /// <inheritdoc/>
    public IEnumerable<DocumentAnalysis> ReadOrdered()
    {
        // SQLite orders text by UTF-8 bytes, .NET's ordinal by UTF-16 units: sort the keys here so the order is the
        // assembler's, then read one analysis at a time.
        var keys = new List<(string Id, long Part)>();
        using (var cmd = Command("SELECT article_id, part FROM analyses ORDER BY article_id, part"))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
                keys.Add((r.GetString(0), r.GetInt64(1)));
        }
        var sqliteOrder = keys.ToList();
        SortOrdinal(keys);
        if (keys.SequenceEqual(sqliteOrder))
        {
            // The usual case (ids without characters beyond U+FFFF): one pass in SQLite's own order.
            using var all = Command("SELECT data FROM analyses ORDER BY article_id, part");
            using var rr = all.ExecuteReader();
            while (rr.Read())
                yield return AnalysisCodec.Decode((byte[])rr.GetValue(0));
            yield break;
        }
        foreach (var analysis in ReadAnalyses(keys))
            yield return analysis;
    }

    // The assembler's order of analyses: article id by UTF-16 units (.NET's ordinal), then part.
    private static void SortOrdinal(List<(string Id, long Part)> keys) =>
        keys.Sort((x, y) => string.CompareOrdinal(x.Id, y.Id) is var c && c != 0 ? c : x.Part.CompareTo(y.Part));

    // The analyses of the given keys, one at a time, in the keys' order.
    private IEnumerable<DocumentAnalysis> ReadAnalyses(List<(string Id, long Part)> keys)
    {
        using var get = Command("SELECT data FROM analyses WHERE article_id = $id AND part = $part");
        var pid = get.Parameters.Add("$id", SqliteType.Text);
        var ppart = get.Parameters.Add("$part", SqliteType.Integer);
        foreach (var (id, part) in keys)
        {
            pid.Value = id;
            ppart.Value = part;
            yield return AnalysisCodec.Decode((byte[])get.ExecuteScalar()!);
        }
    }

    /// <summary>
    /// The position (<c>x</c>, <c>y</c>) of every node of the graph the store holds, by id: what an incremental build
    /// starts its layout from. Empty for a store without a graph (or one built without a layout).
    /// </summary>
    public Dictionary<string, (double X, double Y)> Positions()
    {
        var result = new Dictionary<string, (double X, double Y)>(StringComparer.Ordinal);
        foreach (var sql in new[]
        {
            "SELECT id, json_extract(props, '$.x.float'), json_extract(props, '$.y.float') FROM entities",
            "SELECT id, json_extract(props, '$.x.float'), json_extract(props, '$.y.float') FROM meetings",
            "SELECT node_id, json_extract(node_props, '$.x.float'), json_extract(node_props, '$.y.float') FROM articles WHERE node_id IS NOT NULL",
        })
        {
            using var cmd = Command(sql);
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                if (!r.IsDBNull(1) && !r.IsDBNull(2))
                    result[r.GetString(0)] = (r.GetDouble(1), r.GetDouble(2));
            }
        }
        return result;
    }

    /// <summary>The relationships with these ids, every property included.</summary>
    public List<GraphRelationship> ReadRelationships(IEnumerable<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var rels = new List<GraphRelationship>();
        foreach (var id in ids)
            ReadRelations("SELECT id, type, start_id, end_id, props FROM relations WHERE id = $a", [("$a", id)], rels, cancellationToken);
        return rels;
    }

    /// <summary>Reads the whole graph back: the same nodes and relationships, property by property, as were written.</summary>
    public PropertyGraph ReadGraph(CancellationToken cancellationToken = default)
    {
        var nodes = new List<GraphNode>();
        ReadNodes("SELECT id, label, props FROM entities", nodes, cancellationToken);
        ReadMeetings("SELECT id, props FROM meetings", [], nodes, cancellationToken, bulk: true);
        ReadNodesWithLabel("SELECT node_id, node_props FROM articles WHERE node_id IS NOT NULL", GraphSchema.Article, nodes, cancellationToken);
        var rels = new List<GraphRelationship>();
        ReadRelations("SELECT id, type, start_id, end_id, props FROM relations", [], rels, cancellationToken, bulk: true);
        ReadParticipants("SELECT meeting_id, person_id, props FROM participants", [], rels, cancellationToken);
        using (var cmd = Command("SELECT entity_id, article_id, count FROM mentions"))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                var props = ImmutableSortedDictionary.CreateBuilder<string, PropertyValue>(StringComparer.Ordinal);
                props["count"] = PropertyValue.Of(r.GetInt64(2));
                rels.Add(new GraphRelationship(MentionId(r.GetString(0), r.GetString(1)), GraphSchema.MentionedIn, r.GetString(0), r.GetString(1), props.ToImmutable()));
            }
        }
        return new PropertyGraph(nodes, rels);
    }

    /// <summary>
    /// The part of the graph a question needs: every node labelled <paramref name="labels"/>, the relationships of
    /// <paramref name="types"/> (only those touching <paramref name="touching"/> when given), with ATTENDED of the
    /// meetings those relationships name when <paramref name="attendance"/>, and every node they end at. Without
    /// <paramref name="evidence"/>, relationships come without their <c>evidence</c> sentences (questions that only
    /// follow the network need none, and they are the bulk of the store).
    /// </summary>
    /// <param name="labels">Labels whose nodes are all read.</param>
    /// <param name="types">Relationship types read.</param>
    /// <param name="touching">Only relationships starting or ending at these nodes; null: all of each type.</param>
    /// <param name="attendance">Also ATTENDED of the meetings the relationships name.</param>
    /// <param name="evidence">Read the relationships' evidence sentences too.</param>
    /// <param name="namesOnly">Read the nodes at the ends with their name and aliases only (not the document lists
    /// that make a much-mentioned person's row large): enough to print who met whom.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public PropertyGraph ReadSubgraph(IReadOnlyCollection<string> labels, IReadOnlyCollection<string> types, IReadOnlyCollection<string>? touching = null,
        bool attendance = false, bool evidence = true, bool namesOnly = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(types);
        var nodes = new List<GraphNode>();
        foreach (var label in labels)
        {
            if (label == GraphSchema.Meeting)
                ReadMeetings("SELECT id, props FROM meetings", [], nodes, cancellationToken, bulk: true);
            else if (label == GraphSchema.Article)
                ReadNodesWithLabel("SELECT node_id, node_props FROM articles WHERE node_id IS NOT NULL", GraphSchema.Article, nodes, cancellationToken);
            else
                ReadNodes("SELECT id, label, props FROM entities WHERE label = $a", nodes, cancellationToken, ("$a", label));
        }
        var rels = new List<GraphRelationship>();
        var relIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in types)
        {
            if (touching is null)
            {
                ReadRelations("SELECT id, type, start_id, end_id, props FROM relations WHERE type = $a", [("$a", type)], rels, cancellationToken, bulk: true, evidence: evidence);
                continue;
            }
            foreach (var id in touching)
            {
                var found = new List<GraphRelationship>();
                ReadRelations("SELECT id, type, start_id, end_id, props FROM relations WHERE start_id = $a AND type = $b", [("$a", id), ("$b", type)], found, cancellationToken, evidence: evidence);
                ReadRelations("SELECT id, type, start_id, end_id, props FROM relations WHERE end_id = $a AND type = $b", [("$a", id), ("$b", type)], found, cancellationToken, evidence: evidence);
                rels.AddRange(found.Where(r => relIds.Add(r.Id)));
            }
        }
        if (attendance)
        {
            var meetingIds = rels.Select(r => r.Properties.TryGetValue("meeting", out var m) && m.Kind == PropertyKind.String ? m.AsString() : null)
                .OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            if (touching is null)
            {
                ReadParticipants("SELECT meeting_id, person_id, props FROM participants", [], rels, cancellationToken);
            }
            else
            {
                foreach (var m in meetingIds)
                    ReadParticipants("SELECT meeting_id, person_id, props FROM participants WHERE meeting_id = $a", [("$a", m)], rels, cancellationToken);
            }
        }
        // Every end of a relationship, whatever its label.
        var have = nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        var missing = rels.SelectMany(r => new[] { r.StartId, r.EndId }).Where(id => !have.Contains(id)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var id in missing)
        {
            var before = nodes.Count;
            if (namesOnly)
                ReadNamedNode(id, nodes);
            else
                ReadNodes("SELECT id, label, props FROM entities WHERE id = $a", nodes, cancellationToken, ("$a", id));
            if (nodes.Count == before)
                ReadMeetings("SELECT id, props FROM meetings WHERE id = $a", [("$a", id)], nodes, cancellationToken);
            if (nodes.Count == before)
                ReadNodesWithLabel("SELECT node_id, node_props FROM articles WHERE node_id = $a", GraphSchema.Article, nodes, cancellationToken, ("$a", id));
        }
        return new PropertyGraph(nodes, rels);
    }

    /// <summary>
    /// Ids of the entities with <paramref name="label"/> one of whose names, folded, contains every one of
    /// <paramref name="fragments"/> (folded text), each with every name it goes by. No fragments: every entity.
    /// </summary>
    public List<(string Id, List<string> Names)> NamesOf(string label, IReadOnlyList<string>? fragments = null)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        using var cmd = Command("SELECT a.entity_id, a.alias FROM aliases a JOIN entities e ON e.id = a.entity_id WHERE e.label = $a" +
            (fragments is { Count: > 0 }
                ? " AND a.entity_id IN (SELECT entity_id FROM aliases WHERE " + string.Join(" AND ", fragments.Select((_, i) => $"instr(folded, $f{i}) > 0")) + ")"
                : "") +
            " ORDER BY a.entity_id");
        cmd.Parameters.AddWithValue("$a", label);
        for (var i = 0; fragments is not null && i < fragments.Count; i++)
            cmd.Parameters.AddWithValue($"$f{i}", fragments[i]);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            if (!result.TryGetValue(r.GetString(0), out var names))
                result[r.GetString(0)] = names = [];
            names.Add(r.GetString(1));
        }
        return [.. result.Select(kv => (kv.Key, kv.Value))];
    }

    /// <summary>Nodes per label and relationships per type, counted in the tables.</summary>
    public (Dictionary<string, long> Nodes, Dictionary<string, long> Relationships) Counts()
    {
        var nodes = new Dictionary<string, long>(StringComparer.Ordinal);
        var rels = new Dictionary<string, long>(StringComparer.Ordinal);
        using (var cmd = Command("SELECT label, count(*) FROM entities GROUP BY label"))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
                nodes[r.GetString(0)] = r.GetInt64(1);
        }
        nodes[GraphSchema.Meeting] = (long)Scalar("SELECT count(*) FROM meetings")!;
        nodes[GraphSchema.Article] = (long)Scalar("SELECT count(*) FROM articles WHERE node_id IS NOT NULL")!;
        using (var cmd = Command("SELECT type, count(*) FROM relations GROUP BY type"))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
                rels[r.GetString(0)] = r.GetInt64(1);
        }
        rels[GraphSchema.Attended] = (long)Scalar("SELECT count(*) FROM participants")!;
        rels[GraphSchema.MentionedIn] = (long)Scalar("SELECT count(*) FROM mentions")!;
        return (nodes, rels);
    }

    /// <summary>
    /// A fingerprint of every node (kind <c>n</c>) and relationship (kind <c>r</c>) of <paramref name="graph"/>: its
    /// label or type, ends and properties. Two pushes of the same element have the same hash.
    /// </summary>
    public static Dictionary<(string Kind, string Id), (string Label, string Hash)> Fingerprints(PropertyGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var result = new Dictionary<(string, string), (string, string)>();
        foreach (var n in graph.Nodes)
            result[("n", n.Id)] = (n.Label, Hash(string.Join('\u001f', n.Labels) + "\u001e" + PropertyJson.Write(n.Properties)));
        foreach (var r in graph.Relationships)
            result[("r", r.Id)] = (r.Type, Hash(r.Type + "\u001e" + r.StartId + "\u001e" + r.EndId + "\u001e" + PropertyJson.Write(r.Properties)));
        return result;

        static string Hash(string text) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..32];
    }

    /// <summary>The fingerprints recorded by the last successful push to <paramref name="server"/> (empty: never pushed).</summary>
    public Dictionary<(string Kind, string Id), (string Label, string Hash)> PushedTo(string server)
    {
        var result = new Dictionary<(string, string), (string, string)>();
        using var cmd = Command("SELECT kind, id, label, hash FROM pushes WHERE server = $s");
        cmd.Parameters.AddWithValue("$s", server);
        using var r = cmd.ExecuteReader();
        while (r.Read())
            result[(r.GetString(0), r.GetString(1))] = (r.GetString(2), r.GetString(3));
        return result;
    }

    /// <summary>Records what <paramref name="server"/> now holds, replacing the record of the push before, in one transaction.</summary>
    public void RecordPush(string server, IReadOnlyDictionary<(string Kind, string Id), (string Label, string Hash)> fingerprints)
    {
        ArgumentNullException.ThrowIfNull(fingerprints);
        using var tx = _connection.BeginTransaction();
        using (var clear = Command("DELETE FROM pushes WHERE server = $s", tx))
        {
            clear.Parameters.AddWithValue("$s", server);
            clear.ExecuteNonQuery();
        }
        using var insert = Command("INSERT INTO pushes VALUES($s, $k, $i, $l, $h)", tx);
        foreach (var ((kind, id), (label, hash)) in fingerprints)
            Run(insert, ("$s", server), ("$k", kind), ("$i", id), ("$l", label), ("$h", hash));
        tx.Commit();
    }

    /// <summary>A value of the meta table.</summary>
    public string? GetMeta(string key)
    {
        using var cmd = Command("SELECT value FROM meta WHERE key = $k");
        cmd.Parameters.AddWithValue("$k", key);
        return cmd.ExecuteScalar() as string;
    }

    /// <summary>Sets a value of the meta table.</summary>
    public void SetMeta(string key, string value) => SetMeta(key, value, null);

    private void SetMeta(string key, string value, SqliteTransaction? tx)
    {
        using var cmd = Command("INSERT INTO meta VALUES($k, $v) ON CONFLICT(key) DO UPDATE SET value = excluded.value", tx);
        cmd.Parameters.AddWithValue("$k", key);
        cmd.Parameters.AddWithValue("$v", value);
        cmd.ExecuteNonQuery();
    }

    /// <summary>Writes the WAL back into the database file and closes it.</summary>
    public void Dispose()
    {
        try
        {
            // Back to a rollback journal: the finished file stands alone (no -wal or -shm beside it), so it can be
            // copied, moved with its folder, and opened read-only by queries and sqlite3 without leaving files behind.
            if (_connection.State == System.Data.ConnectionState.Open && !IsReadOnly())
                Execute("PRAGMA journal_mode=DELETE");
        }
        finally
        {
            _connection.Dispose();
        }
    }

    private bool IsReadOnly() => new SqliteConnectionStringBuilder(_connection.ConnectionString).Mode == SqliteOpenMode.ReadOnly;

    private static bool IsIndex(string ddl) => ddl.StartsWith("CREATE INDEX", StringComparison.Ordinal);

    private static string MentionId(string entity, string article) =>
        "mentioned_in:" + entity + ":" + (article.StartsWith("article:", StringComparison.Ordinal) ? article["article:".Length..] : article);

    private static string AttendedId(string person, string meeting) => $"attended:{person}:{meeting}";

    // Evidence lives in its own table; a property that is not a non-empty list stays in props as it is.
    private static bool IsEvidence(KeyValuePair<string, PropertyValue> p) =>
        p.Key == "evidence" && p.Value.Kind == PropertyKind.StringList && p.Value.AsList().Length > 0;

    private static string? DateText(PropertyDictionary props, string key) =>
        props.TryGetValue(key, out var v) && v.Kind == PropertyKind.Date ? v.AsDate().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null;

    private static long? Integer(PropertyDictionary props, string key) =>
        props.TryGetValue(key, out var v) && v.Kind == PropertyKind.Integer ? v.AsInteger() : null;

    private Dictionary<string, ImmutableArray<string>> EvidenceOf(IReadOnlyCollection<string> owners, bool bulk)
    {
        var result = new Dictionary<string, ImmutableArray<string>>(StringComparer.Ordinal);
        if (bulk && owners.Count > 2000)
        {
            // Many owners (a whole relationship type): one pass over the evidence table beats a lookup each.
            var wanted = owners.ToHashSet(StringComparer.Ordinal);
            var lists = new Dictionary<string, ImmutableArray<string>.Builder>(StringComparer.Ordinal);
            using var all = Command("SELECT owner_id, sentence FROM evidence ORDER BY owner_id, ord");
            using var rr = all.ExecuteReader();
            while (rr.Read())
            {
                var owner = rr.GetString(0);
                if (!wanted.Contains(owner))
                    continue;
                if (!lists.TryGetValue(owner, out var list))
                    lists[owner] = list = ImmutableArray.CreateBuilder<string>();
                list.Add(rr.GetString(1));
            }
            foreach (var (owner, list) in lists)
                result[owner] = list.ToImmutable();
            return result;
        }
        using var cmd = Command("SELECT sentence FROM evidence WHERE owner_id = $o ORDER BY ord");
        var p = cmd.Parameters.Add("$o", SqliteType.Text);
        foreach (var o in owners)
        {
            p.Value = o;
            using var r = cmd.ExecuteReader();
            var list = ImmutableArray.CreateBuilder<string>();
            while (r.Read())
                list.Add(r.GetString(0));
            if (list.Count > 0)
                result[o] = list.ToImmutable();
        }
        return result;
    }

    private void ReadNodes(string sql, List<GraphNode> into, CancellationToken ct, params (string, object?)[] args)
    {
        using var cmd = Command(sql);
        Bind(cmd, args);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            ct.ThrowIfCancellationRequested();
            into.Add(new GraphNode(r.GetString(0), [r.GetString(1)], PropertyJson.Read(r.GetString(2)).ToImmutable()));
        }
    }

    private void ReadNamedNode(string id, List<GraphNode> into)
    {
        string label, name;
        using (var cmd = Command("SELECT label, name FROM entities WHERE id = $a"))
        {
            cmd.Parameters.AddWithValue("$a", id);
            using var r = cmd.ExecuteReader();
            if (!r.Read())
                return;
            (label, name) = (r.GetString(0), r.GetString(1));
        }
        var aliases = new List<string>();
        using (var cmd = Command("SELECT alias FROM aliases WHERE entity_id = $a"))
        {
            cmd.Parameters.AddWithValue("$a", id);
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                if (r.GetString(0) != name)
                    aliases.Add(r.GetString(0));
            }
        }
        var props = new PropertyBag().Add("name", name).Add("aliases", aliases.Order(StringComparer.Ordinal)).Build();
        into.Add(new GraphNode(id, [label], props));
    }

    private void ReadNodesWithLabel(string sql, string label, List<GraphNode> into, CancellationToken ct, params (string, object?)[] args)
    {
        using var cmd = Command(sql);
        Bind(cmd, args);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            ct.ThrowIfCancellationRequested();
            into.Add(new GraphNode(r.GetString(0), [label], PropertyJson.Read(r.GetString(1)).ToImmutable()));
        }
    }

    // bulk: the query reads a whole table or type, so evidence is read in one pass rather than looked up per owner.
    private void ReadMeetings(string sql, (string, object?)[] args, List<GraphNode> into, CancellationToken ct, bool bulk = false)
    {
        var found = new List<(string Id, ImmutableSortedDictionary<string, PropertyValue>.Builder Props)>();
        using (var cmd = Command(sql))
        {
            Bind(cmd, args);
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                ct.ThrowIfCancellationRequested();
                found.Add((r.GetString(0), PropertyJson.Read(r.GetString(1))));
            }
        }
        var evidence = EvidenceOf([.. found.Select(f => f.Id)], bulk);
        foreach (var (id, props) in found)
        {
            if (evidence.TryGetValue(id, out var ev))
                props["evidence"] = PropertyValue.Of(ev);
            into.Add(new GraphNode(id, [GraphSchema.Meeting], props.ToImmutable()));
        }
    }

    private void ReadRelations(string sql, (string, object?)[] args, List<GraphRelationship> into, CancellationToken ct, bool bulk = false, bool evidence = true)
    {
        var found = new List<(string Id, string Type, string Start, string End, ImmutableSortedDictionary<string, PropertyValue>.Builder Props)>();
        using (var cmd = Command(sql))
        {
            Bind(cmd, args);
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                ct.ThrowIfCancellationRequested();
                found.Add((r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), PropertyJson.Read(r.GetString(4))));
            }
        }
        var sentences = evidence ? EvidenceOf([.. found.Select(f => f.Id)], bulk) : [];
        foreach (var (id, type, start, end, props) in found)
        {
            if (sentences.TryGetValue(id, out var ev))
                props["evidence"] = PropertyValue.Of(ev);
            into.Add(new GraphRelationship(id, type, start, end, props.ToImmutable()));
        }
    }

    private void ReadParticipants(string sql, (string, object?)[] args, List<GraphRelationship> into, CancellationToken ct)
    {
        using var cmd = Command(sql);
        Bind(cmd, args);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            ct.ThrowIfCancellationRequested();
            var meeting = r.GetString(0);
            var person = r.GetString(1);
            into.Add(new GraphRelationship(AttendedId(person, meeting), GraphSchema.Attended, person, meeting, PropertyJson.Read(r.GetString(2)).ToImmutable()));
        }
    }

    private static void Bind(SqliteCommand cmd, (string, object?)[] args)
    {
        foreach (var (name, value) in args)
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
    }

    private static void Run(SqliteCommand cmd, params (string Name, object? Value)[] args)
    {
        cmd.Parameters.Clear();
        foreach (var (name, value) in args)
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        cmd.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql, SqliteTransaction? tx = null)
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        return cmd;
    }

    private void Execute(string sql, SqliteTransaction? tx = null)
    {
        using var cmd = Command(sql, tx);
        cmd.ExecuteNonQuery();
    }

    private object? Scalar(string sql)
    {
        using var cmd = Command(sql);
        return cmd.ExecuteScalar();
    }
}
