using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.Core.Stages.Assembly;
using KnowledgeGraph.Core.Text;
using Microsoft.Data.Sqlite;

namespace KnowledgeGraph.Store;

/// <summary>How <see cref="GraphStore.UpdateGraph(PropertyGraph, CancellationToken)"/> wrote the graph tables.</summary>
/// <param name="InPlace">True when only the rows that changed were written; false when the tables were written whole
/// (a new store, or one of schema version 1, has no fingerprints to compare with; or too many rows changed).</param>
/// <param name="Rows">Graph rows written (inserted, replaced or deleted), counting an article's mentions as one.</param>
/// <param name="Unchanged">Graph rows left as they were.</param>
public sealed record GraphWriteSummary(bool InPlace, long Rows, long Unchanged);

// Writing the graph tables: whole (drop, insert, index) or in place (only the rows whose fingerprint changed).
public sealed partial class GraphStore
{
    /// <summary>Replaces the graph tables with <paramref name="graph"/>, in one transaction.</summary>
    public void WriteGraph(PropertyGraph graph, CancellationToken cancellationToken = default) => Write(graph, inPlace: false, cancellationToken);

    /// <summary>
    /// Makes the graph tables hold <paramref name="graph"/>, in one transaction, writing only the rows that differ from
    /// what the last build wrote (known by their fingerprints in <c>row_hashes</c>): an incremental build changes a
    /// small part of the graph, and rewriting a million unchanged rows and their indexes was most of its time. The
    /// tables end up holding exactly what <see cref="WriteGraph"/> writes. Without fingerprints (a new store, or one of
    /// schema version 1), or when more rows would change than an in-place update is worth (5 % of them, at least 2,000),
    /// the tables are written whole (the in-place attempt rolled back).
    /// </summary>
    public GraphWriteSummary UpdateGraph(PropertyGraph graph, CancellationToken cancellationToken = default) => Write(graph, inPlace: true, cancellationToken);

    /// <summary>
    /// As <see cref="UpdateGraph(PropertyGraph, CancellationToken)"/>, for a graph of which only the rows
    /// <paramref name="delta"/> names may differ from what the last build wrote (an assembly continued from the kept
    /// state): only those are fingerprinted and compared (their stored fingerprints looked up one by one), the others
    /// are left as they are, and of the rows the last build wrote only those named can have vanished.
    /// </summary>
    public GraphWriteSummary UpdateGraph(PropertyGraph graph, GraphDelta delta, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delta);
        ArgumentNullException.ThrowIfNull(graph);
        try
        {
            return WriteOnce(graph, true, cancellationToken, delta);
        }
        catch (TooManyChangesException)
        {
            // The transaction was rolled back: nothing of the in-place attempt is left.
        }
        return WriteOnce(graph, false, cancellationToken);
    }

    /// <summary>
    /// As <see cref="UpdateGraph(PropertyGraph, GraphDelta, CancellationToken)"/>, but null (and nothing written) when
    /// more rows changed than an in-place update is worth, instead of writing the tables whole from
    /// <paramref name="graph"/>: for a graph that carries the properties of the delta's rows only.
    /// </summary>
    public GraphWriteSummary? UpdateGraphInPlace(PropertyGraph graph, GraphDelta delta, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delta);
        ArgumentNullException.ThrowIfNull(graph);
        try
        {
            return WriteOnce(graph, true, cancellationToken, delta);
        }
        catch (TooManyChangesException)
        {
            // The transaction was rolled back: nothing of the in-place attempt is left.
            return null;
        }
    }

    /// <summary>
    /// The share of the previous build's rows past which an in-place update gives way to a whole write: changing rows
    /// one by one (each with its index entries, evidence and aliases) costs far more per row than writing the tables
    /// anew, so a day that changes much of the graph (a new rule's first build is a full one anyway) is written whole.
    /// At 100 MB, 10,624 changed rows of 293,432 took about 4 s, a whole write about 10 s, all rows in place 440 s.
    /// A small graph is written in place whatever the share (<see cref="InPlaceFloor"/> rows): it costs little either way.
    /// </summary>
    private const double InPlaceLimit = 0.05;

    private const long InPlaceFloor = 2000;

    /// <summary>For tests: the most rows an in-place update may change before it gives way to a whole write.</summary>
    internal long? InPlaceRowLimit { get; set; }

    private GraphWriteSummary Write(PropertyGraph graph, bool inPlace, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(graph);
        if (inPlace)
        {
            try
            {
                return WriteOnce(graph, true, ct);
            }
            catch (TooManyChangesException)
            {
                // The transaction was rolled back: nothing of the in-place attempt is left.
            }
        }
        return WriteOnce(graph, false, ct);
    }

    private sealed class TooManyChangesException : Exception;

    private GraphWriteSummary WriteOnce(PropertyGraph graph, bool inPlace, CancellationToken ct, GraphDelta? delta = null)
    {
        using var tx = _connection.BeginTransaction();
        Dictionary<UInt128, UInt128>? stored = null;
        Dictionary<UInt128, (char Kind, string Locator)>? named = null;
        long storedRows = 0;
        if (inPlace)
        {
            // An article analysed again lost its node (Add clears it) and a removed one its row: forget their
            // fingerprints, so that their nodes are written.
            Execute("DELETE FROM row_hashes WHERE kind = 'a' AND locator NOT IN (SELECT node_id FROM articles WHERE node_id IS NOT NULL)", tx);
            if (delta is null)
            {
                stored = ReadRowHashes(tx);
                storedRows = stored.Count;
            }
            else if ((storedRows = (long)(ScalarIn("SELECT count(*) FROM row_hashes", tx) ?? 0L)) > 0)
            {
                (stored, named) = ReadRowHashes(graph, delta, tx);
            }
            if (storedRows == 0)
                stored = null;
        }
        var statements = string.Join('\n', Schema.Split('\n').Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal)))
            .Split(';').Select(x => x.Trim()).Where(x => x.Length > 0).ToList();
        if (stored is null)
        {
            // Dropped and made anew, indexes after the rows: far faster than deleting a million indexed rows and
            // maintaining every index row by row (the graph tables are derived, so nothing is lost).
            foreach (var table in GraphTables)
                Execute($"DROP TABLE IF EXISTS {table}", tx);
            foreach (var ddl in statements.Where(x => !IsIndex(x)))
                Execute(ddl, tx);
            Execute("UPDATE articles SET node_id = NULL, node_props = NULL", tx);
        }
        using var h = new RowHasher();
        using var rows = new RowWriter(this, tx, stored, stored is null ? long.MaxValue : InPlaceRowLimit ?? Math.Max(InPlaceFloor, (long)(storedRows * InPlaceLimit)));
        // With a delta, a row it does not name is the last build's: neither fingerprinted nor written.
        var skip = stored is not null && delta is not null;
        var heldIn = graph.Relationships.OfType(GraphSchema.HeldIn)
            .GroupBy(r => r.StartId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().EndId, StringComparer.Ordinal);
        foreach (var n in graph.Nodes)
        {
            ct.ThrowIfCancellationRequested();
            if (skip && !delta!.MayHaveChanged(n))
            {
                rows.Skip();
                continue;
            }
            if (n.Label == GraphSchema.Meeting)
            {
                var place = heldIn.GetValueOrDefault(n.Id);
                if (rows.Dirty('m', n.Id, h.Add(n.Labels).Add(place ?? "").Add(n.Properties).Finish()))
                    rows.Meeting(n, place, PropertyJson.Write(n.Properties.Where(p => !IsEvidence(p))), EvidenceList(n.Properties));
            }
            else if (n.Label == GraphSchema.Article)
            {
                var file = n.Properties.TryGetValue("file", out var f) && f.Kind == PropertyKind.String ? f.AsString() : n.Id;
                if (rows.Dirty('a', n.Id, h.Add(n.Labels).Add(file).Add(n.Properties).Finish()))
                    rows.Article(n, file, PropertyJson.Write(n.Properties));
            }
            else
            {
                if (rows.Dirty('e', n.Id, h.Add(n.Labels).Add(n.Properties).Finish()))
                    rows.Entity(n, PropertyJson.Write(n.Properties));
            }
        }
        // The mentions of an article change only when the article does: one fingerprint per article (the sum of its
        // rows', so the order the rows come in does not matter), and its rows written again when it changed.
        var mentions = new Dictionary<string, UInt128>(StringComparer.Ordinal);
        // With a delta, only the mentions of the articles it names are read (the others are the last build's).
        foreach (var r in skip ? graph.Relationships.WithMentionsOf(delta!.Articles.Contains) : graph.Relationships)
        {
            ct.ThrowIfCancellationRequested();
            if (skip && !delta!.MayHaveChanged(r))
            {
                if (r.Type != GraphSchema.MentionedIn)
                    rows.Skip();
                continue;
            }
            switch (r.Type)
            {
                case GraphSchema.MentionedIn when IsMentionRow(r):
                    var count = Integer(r.Properties, "count") ?? 0;
                    mentions[r.EndId] = mentions.GetValueOrDefault(r.EndId) + h.Add(r.StartId).Add(r.EndId).Add(count).Finish();
                    if (stored is null)
                        rows.Mention(r.StartId, r.EndId, count);
                    break;
                case GraphSchema.Attended when r.Id == AttendedId(r.StartId, r.EndId):
                    if (rows.Dirty('p', r.EndId + "\u001f" + r.StartId, h.Add(r.Properties).Finish()))
                        rows.Participant(r, PropertyJson.Write(r.Properties));
                    break;
                default:
                    if (rows.Dirty('r', r.Id, h.Add(r.Type).Add(r.StartId).Add(r.EndId).Add(r.Properties).Finish()))
                        rows.Relation(r, PropertyJson.Write(r.Properties.Where(p => !IsEvidence(p))), EvidenceList(r.Properties));
                    break;
            }
        }
        var changedMentions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (article, hash) in mentions)
        {
            if (rows.Dirty('M', article, hash))
                changedMentions.Add(article);
        }
        if (skip)
            rows.Skip(graph.Nodes.Count(n => n.Label == GraphSchema.Article) - mentions.Count);
        if (stored is not null && changedMentions.Count > 0)
        {
            foreach (var r in graph.Relationships.WithMentionsOf(changedMentions.Contains))
            {
                if (r.Type == GraphSchema.MentionedIn && IsMentionRow(r) && changedMentions.Contains(r.EndId))
                    rows.Mention(r.StartId, r.EndId, Integer(r.Properties, "count") ?? 0);
            }
        }
        if (named is not null)
            rows.DeleteVanished(named);
        else
            rows.DeleteVanished();
        if (stored is null)
        {
            foreach (var ddl in statements.Where(IsIndex))
                Execute(ddl, tx);
        }
        tx.Commit();
        return new GraphWriteSummary(stored is not null, rows.Written, rows.Unchanged);
    }


    private static bool IsMentionRow(GraphRelationship r) => r.Properties.Count == 1 && r.Id == MentionId(r.StartId, r.EndId);

    private static ImmutableArray<string> EvidenceList(PropertyDictionary props) =>
        props.TryGetValue("evidence", out var e) && IsEvidence(new("evidence", e)) ? e.AsList() : [];

    /// <summary>
    /// The stored fingerprints of the rows <paramref name="delta"/> names (those of <paramref name="graph"/> it may have
    /// changed), looked up one by one, with their kind and locator (a row among them the graph lacks has vanished).
    /// </summary>
    private (Dictionary<UInt128, UInt128> Stored, Dictionary<UInt128, (char Kind, string Locator)> Named) ReadRowHashes(PropertyGraph graph, GraphDelta delta, SqliteTransaction tx)
    {
        var stored = new Dictionary<UInt128, UInt128>();
        var named = new Dictionary<UInt128, (char Kind, string Locator)>();
        using var h = new RowHasher();
        using var cmd = Command("SELECT hash FROM row_hashes WHERE kind = $k AND locator = $l", tx);
        var pk = cmd.Parameters.Add("$k", SqliteType.Text);
        var pl = cmd.Parameters.Add("$l", SqliteType.Text);
        void Look(char kind, string locator)
        {
            var key = h.Key(kind, locator);
            if (!named.TryAdd(key, (kind, locator)))
                return;
            pk.Value = kind.ToString();
            pl.Value = locator;
            if (cmd.ExecuteScalar() is byte[] hash)
                stored[key] = BinaryPrimitives.ReadUInt128LittleEndian(hash);
        }
        foreach (var n in graph.Nodes)
        {
            if (delta.MayHaveChanged(n))
                Look(n.Label == GraphSchema.Meeting ? 'm' : n.Label == GraphSchema.Article ? 'a' : 'e', n.Id);
        }
        foreach (var r in graph.Relationships.WithMentionsOf(delta.Articles.Contains))
        {
            if (!delta.MayHaveChanged(r))
                continue;
            if (r.Type == GraphSchema.MentionedIn && IsMentionRow(r))
                Look('M', r.EndId);
            else if (r.Type == GraphSchema.Attended && r.Id == AttendedId(r.StartId, r.EndId))
                Look('p', r.EndId + "\u001f" + r.StartId);
            else
                Look('r', r.Id);
        }
        // Of the rows the last build wrote, those a delta names that this graph lacks: the entities (every one is
        // named), the meetings and relationships it names, and the participants of those meetings.
        foreach (var m in delta.Meetings)
            Look('m', m);
        foreach (var r in delta.Relationships)
            Look('r', r);
        using (var all = Command("SELECT locator FROM row_hashes WHERE kind = 'e'", tx))
        using (var rr = all.ExecuteReader())
        {
            while (rr.Read())
                Look('e', rr.GetString(0));
        }
        using (var parts = Command("SELECT person_id FROM participants WHERE meeting_id = $m", tx))
        {
            var pm = parts.Parameters.Add("$m", SqliteType.Text);
            foreach (var m in delta.Meetings)
            {
                pm.Value = m;
                using var rr = parts.ExecuteReader();
                while (rr.Read())
                    Look('p', m + "\u001f" + rr.GetString(0));
            }
        }
        return (stored, named);
    }

    private object? ScalarIn(string sql, SqliteTransaction tx)
    {
        using var cmd = Command(sql, tx);
        return cmd.ExecuteScalar();
    }

    private Dictionary<UInt128, UInt128> ReadRowHashes(SqliteTransaction tx)
    {
        var result = new Dictionary<UInt128, UInt128>();
        using var h = new RowHasher();
        using var cmd = Command("SELECT kind, locator, hash FROM row_hashes", tx);
        using var r = cmd.ExecuteReader();
        while (r.Read())
            result[h.Key(r.GetString(0)[0], r.GetString(1))] = BinaryPrimitives.ReadUInt128LittleEndian((byte[])r.GetValue(2));
        return result;
    }

    /// <summary>
    /// Fingerprints of rows: the first 16 bytes of the SHA-256 of their parts (a row's id, type, ends and every
    /// property with its kind; text as UTF-8 after its length, lists after their count), hashed part by part from the
    /// values themselves, so that an unchanged row costs neither its JSON nor any joined text.
    /// </summary>
    private sealed class RowHasher : IDisposable
    {
        private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private byte[] _bytes = new byte[4096];

        public RowHasher Add(string text)
        {
            var max = Encoding.UTF8.GetMaxByteCount(text.Length) + 4;
            if (max > _bytes.Length)
                _bytes = new byte[Math.Max(max, _bytes.Length * 2)];
            var n = Encoding.UTF8.GetBytes(text, _bytes.AsSpan(4));
            BinaryPrimitives.WriteInt32LittleEndian(_bytes, n);
            _sha.AppendData(_bytes, 0, n + 4);
            return this;
        }

        public RowHasher Add(long value)
        {
            Span<byte> b = stackalloc byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(b, value);
            _sha.AppendData(b);
            return this;
        }

        public RowHasher Add(ImmutableArray<string> list)
        {
            Add(list.Length);
            foreach (var item in list)
                Add(item);
            return this;
        }

        public RowHasher Add(PropertyDictionary properties)
        {
            Add(properties.Count);
            foreach (var (key, value) in properties)
            {
                Add(key).Add((long)value.Kind);
                _ = value.Kind switch
                {
                    PropertyKind.String => Add(value.AsString()),
                    PropertyKind.StringList => Add(value.AsList()),
                    PropertyKind.Integer => Add(value.AsInteger()),
                    PropertyKind.Float => Add(BitConverter.DoubleToInt64Bits(value.AsFloat())),
                    PropertyKind.Boolean => Add(value.AsBoolean() ? 1 : 0),
                    PropertyKind.Date => Add(value.AsDate().DayNumber),
                    _ => throw new InvalidOperationException($"Unknown property kind {value.Kind}."),
                };
            }
            return this;
        }

        public UInt128 Finish()
        {
            Span<byte> hash = stackalloc byte[32];
            _sha.GetHashAndReset(hash);
            return BinaryPrimitives.ReadUInt128LittleEndian(hash);
        }

        // A row is known by a fingerprint of its kind and locator (128 bits: two rows are not expected to share one,
        // as git expects of its object ids), which keeps the stored fingerprints of a large graph small in memory.
        public UInt128 Key(char kind, string locator)
        {
            Span<byte> k = [(byte)kind, 0x1f];
            _sha.AppendData(k);
            return Add(locator).Finish();
        }

        public void Dispose() => _sha.Dispose();
    }

    /// <summary>The statements that write graph rows, and the bookkeeping of which rows changed.</summary>
    private sealed class RowWriter : IDisposable
    {
        private readonly GraphStore _store;
        private readonly SqliteTransaction _tx;
        private readonly Dictionary<UInt128, UInt128>? _stored;
        private readonly long _limit;
        private readonly SqliteCommand _entity, _alias, _meeting, _article, _evidence, _mention, _participant, _relation, _hash;
        private readonly Dictionary<string, SqliteCommand> _deletes = new(StringComparer.Ordinal);
        private readonly RowHasher _keys = new();

        public RowWriter(GraphStore store, SqliteTransaction tx, Dictionary<UInt128, UInt128>? stored, long limit)
        {
            _store = store;
            _tx = tx;
            _stored = stored;
            _limit = limit;
            _entity = store.Command("INSERT INTO entities VALUES($id, $label, $name, $mentions, $degree, $betweenness, $community, $props)", tx);
            _alias = store.Command("INSERT OR IGNORE INTO aliases VALUES($id, $alias, $folded)", tx);
            _meeting = store.Command("INSERT INTO meetings VALUES($id, $date, $place, $name, $props)", tx);
            _article = store.Command("""
                INSERT INTO articles(id, path, content_hash, bytes, parts, node_id, node_props) VALUES($file, '', '', 0, 0, $id, $props)
                ON CONFLICT(id) DO UPDATE SET node_id = excluded.node_id, node_props = excluded.node_props
                """, tx);
            _evidence = store.Command("INSERT INTO evidence VALUES($owner, $ord, $sentence)", tx);
            _mention = store.Command("INSERT INTO mentions VALUES($entity, $article, $count)", tx);
            _participant = store.Command("INSERT INTO participants VALUES($meeting, $person, $role, $props)", tx);
            _relation = store.Command("INSERT INTO relations VALUES($id, $type, $start, $end, $date, $place, $meeting, $props)", tx);
            _hash = store.Command("INSERT OR REPLACE INTO row_hashes VALUES($kind, $locator, $hash)", tx);
        }

        public long Written { get; private set; }

        public long Unchanged { get; private set; }

        /// <summary>
        /// True when the row must be written: always when the tables are written whole; in place, when its fingerprint
        /// is new or changed (a changed row is deleted here first, with its aliases, evidence or mentions).
        /// </summary>
        public bool Dirty(char kind, string locator, UInt128 hash)
        {
            if (_stored is not null && _stored.Remove(_keys.Key(kind, locator), out var before))
            {
                if (before == hash)
                {
                    Unchanged++;
                    return false;
                }
                Delete(kind, locator);
            }
            Run(_hash, ("$kind", kind.ToString()), ("$locator", locator), ("$hash", Bytes(hash)));
            if (++Written > _limit)
                throw new TooManyChangesException();
            return true;
        }

        /// <summary>A row left as it was without a look (a delta does not name it).</summary>
        public void Skip(long rows = 1) => Unchanged += rows;

        /// <summary>Deletes the rows among <paramref name="named"/> the last build wrote and this graph no longer has.</summary>
        public void DeleteVanished(Dictionary<UInt128, (char Kind, string Locator)> named)
        {
            if (_stored is not { Count: > 0 })
                return;
            var gone = _stored.Keys.Select(k => named[k]).ToList();
            DeleteRows(gone);
        }

        /// <summary>Deletes the rows the last build wrote and this graph no longer has.</summary>
        public void DeleteVanished()
        {
            if (_stored is not { Count: > 0 })
                return;
            var gone = new List<(char Kind, string Locator)>();
            using (var cmd = _store.Command("SELECT kind, locator FROM row_hashes", _tx))
            using (var r = cmd.ExecuteReader())
            {
                while (r.Read())
                {
                    var kind = r.GetString(0)[0];
                    var locator = r.GetString(1);
                    if (_stored.ContainsKey(_keys.Key(kind, locator)))
                        gone.Add((kind, locator));
                }
            }
            DeleteRows(gone);
        }

        // Deletes the rows and their fingerprints, or gives up when that makes too many changes for the in-place write.
        private void DeleteRows(List<(char Kind, string Locator)> gone)
        {
            using var forget = _store.Command("DELETE FROM row_hashes WHERE kind = $kind AND locator = $locator", _tx);
            if (Written + gone.Count > _limit)
                throw new TooManyChangesException();
            foreach (var (kind, locator) in gone)
            {
                Delete(kind, locator);
                Run(forget, ("$kind", kind.ToString()), ("$locator", locator));
                Written++;
            }
        }

        private void Delete(char kind, string locator)
        {
            switch (kind)
            {
                case 'e':
                    Delete("DELETE FROM entities WHERE id = $a", locator);
                    Delete("DELETE FROM aliases WHERE entity_id = $a", locator);
                    break;
                case 'm':
                    Delete("DELETE FROM meetings WHERE id = $a", locator);
                    Delete("DELETE FROM evidence WHERE owner_id = $a", locator);
                    break;
                case 'r':
                    Delete("DELETE FROM relations WHERE id = $a", locator);
                    Delete("DELETE FROM evidence WHERE owner_id = $a", locator);
                    break;
                case 'a':
                    Delete("UPDATE articles SET node_id = NULL, node_props = NULL WHERE node_id = $a", locator);
                    break;
                case 'p':
                    var cut = locator.IndexOf('\u001f', StringComparison.Ordinal);
                    Delete("DELETE FROM participants WHERE meeting_id = $a AND person_id = $b", locator[..cut], locator[(cut + 1)..]);
                    break;
                case 'M':
                    Delete("DELETE FROM mentions WHERE article_id = $a", locator);
                    break;
                default:
                    throw new InvalidOperationException($"Unknown row kind '{kind}' in row_hashes.");
            }
        }

        private void Delete(string sql, string a, string? b = null)
        {
            if (!_deletes.TryGetValue(sql, out var cmd))
                _deletes[sql] = cmd = _store.Command(sql, _tx);
            if (b is null)
                Run(cmd, ("$a", a));
            else
                Run(cmd, ("$a", a), ("$b", b));
        }

        public void Entity(GraphNode n, string json)
        {
            Run(_entity, ("$id", n.Id), ("$label", n.Label), ("$name", n.Name), ("$mentions", Integer(n.Properties, "mentions")),
                ("$degree", Integer(n.Properties, "degree")), ("$betweenness", n.Properties.TryGetValue("betweenness", out var b) && b.Kind == PropertyKind.Float ? b.AsFloat() : null),
                ("$community", Integer(n.Properties, "community")), ("$props", json));
            var names = n.Properties.TryGetValue("aliases", out var al) && al.Kind == PropertyKind.StringList ? al.AsList().Prepend(n.Name) : [n.Name];
            foreach (var name in names)
                Run(_alias, ("$id", n.Id), ("$alias", name), ("$folded", TextFolding.Fold(name)));
        }

        public void Meeting(GraphNode n, string? place, string json, ImmutableArray<string> evidence)
        {
            Run(_meeting, ("$id", n.Id), ("$date", DateText(n.Properties, "date")), ("$place", place), ("$name", n.Name), ("$props", json));
            Evidence(n.Id, evidence);
        }

        public void Article(GraphNode n, string file, string json) => Run(_article, ("$file", file), ("$id", n.Id), ("$props", json));

        public void Mention(string entity, string article, long count) => Run(_mention, ("$entity", entity), ("$article", article), ("$count", count));

        public void Participant(GraphRelationship r, string json) =>
            Run(_participant, ("$meeting", r.EndId), ("$person", r.StartId),
                ("$role", r.Properties.TryGetValue("role", out var role) && role.Kind == PropertyKind.String ? role.AsString() : ""), ("$props", json));

        public void Relation(GraphRelationship r, string json, ImmutableArray<string> evidence)
        {
            Run(_relation, ("$id", r.Id), ("$type", r.Type), ("$start", r.StartId), ("$end", r.EndId), ("$date", DateText(r.Properties, "date")),
                ("$place", r.Properties.TryGetValue("placeId", out var pl) && pl.Kind == PropertyKind.String ? pl.AsString() : null),
                ("$meeting", r.Properties.TryGetValue("meeting", out var m) && m.Kind == PropertyKind.String ? m.AsString() : null),
                ("$props", json));
            Evidence(r.Id, evidence);
        }

        private void Evidence(string owner, ImmutableArray<string> sentences)
        {
            for (var i = 0; i < sentences.Length; i++)
                Run(_evidence, ("$owner", owner), ("$ord", i), ("$sentence", sentences[i]));
        }

        private static byte[] Bytes(UInt128 hash)
        {
            var bytes = new byte[16];
            BinaryPrimitives.WriteUInt128LittleEndian(bytes, hash);
            return bytes;
        }

        public void Dispose()
        {
            foreach (var cmd in new[] { _entity, _alias, _meeting, _article, _evidence, _mention, _participant, _relation, _hash }.Concat(_deletes.Values))
                cmd.Dispose();
            _keys.Dispose();
        }
    }
}
