using System.Text;
using KnowledgeGraph.Core.Entities;

namespace KnowledgeGraph.Core.Stages.Assembly;

/// <summary>
/// What <see cref="GraphAssembler"/> has folded so far: the entities with their names and mentions per article, the
/// relationships with their documents, evidence and rules (also those whose end has no node yet), the meetings with
/// their participants in the order they joined and their creation order per date (the order the cross-article merge
/// tries them in), and the articles. A build keeps it in its store (<see cref="Changes"/>, <see cref="Load"/>), so a
/// later build whose new articles all sort after <see cref="LastDocument"/> folds only them instead of every article
/// again, and gets the graph a fold of all of them gives.
/// </summary>
public sealed class AssemblyState
{
    /// <summary>Version of the rows <see cref="Changes"/> writes; a row of another version is not read (a full fold).</summary>
    public const byte FormatVersion = 1;

    internal SortedDictionary<string, GraphAssembler.EntityAcc> Entities { get; } = new(StringComparer.Ordinal);
    internal SortedDictionary<string, GraphAssembler.RelAcc> Relations { get; } = new(StringComparer.Ordinal);
    internal SortedDictionary<string, GraphAssembler.MeetingAcc> Meetings { get; } = new(StringComparer.Ordinal);
    internal Dictionary<DateOnly, List<GraphAssembler.MeetingAcc>> MeetingsByDate { get; } = [];
    internal SortedDictionary<string, (DateOnly? Published, string? Title)> Articles { get; } = new(StringComparer.Ordinal);
    internal HashSet<string> NewArticles { get; } = new(StringComparer.Ordinal);
    internal long NextMeetingSequence { get; set; }

    /// <summary>
    /// One instance per distinct text the accumulators keep (ids, places, rules, evidence sentences): an archive states
    /// the same sentence in many articles (a wire story printed again, a rule's name on every fact it made), and each
    /// analysis read back brings its own copy. Shared by a loaded state and the fold that continues it.
    /// </summary>
    internal Pool Texts { get; } = new();

    /// <summary>The last document folded (ordinal order), or null before the first.</summary>
    public string? LastDocument { get; internal set; }

    // Forgets everything folded (after GraphAssembler.BuildAndRelease).
    internal void Clear()
    {
        Entities.Clear();
        Relations.Clear();
        Meetings.Clear();
        MeetingsByDate.Clear();
        Articles.Clear();
        NewArticles.Clear();
        Texts.Clear();
    }

    /// <summary>Articles folded.</summary>
    public int ArticleCount => Articles.Count;

    /// <summary>
    /// The rows of every accumulator changed since the state was created or loaded (all of them for a fresh fold), as
    /// (kind, id, data): kind <c>a</c> article, <c>e</c> entity, <c>m</c> meeting, <c>r</c> relationship, in that
    /// order. Marks them unchanged as it goes.
    /// </summary>
    public IEnumerable<(char Kind, string Id, byte[] Data)> Changes()
    {
        // Articles are referred to by their rank in document order: it does not change when articles that sort after
        // every kept one are folded in (and any other change writes the whole state again).
        var rank = new Dictionary<string, int>(Articles.Count, StringComparer.Ordinal);
        foreach (var id in Articles.Keys)
            rank[id] = rank.Count;
        foreach (var id in NewArticles.Order(StringComparer.Ordinal))
        {
            var (published, title) = Articles[id];
            yield return ('a', id, Encode(w =>
            {
                w.Write7BitEncodedInt(rank[id]);
                Date(w, published);
                Text(w, title);
            }));
        }
        NewArticles.Clear();
        foreach (var e in Entities.Values.Where(e => e.Changed))
        {
            e.Changed = false;
            e.IsNew = false;
            e.NameBefore = null;
            yield return ('e', e.Id, Encode(w => WriteEntity(w, e, rank)));
        }
        foreach (var m in Meetings.Values.Where(m => m.Changed))
        {
            m.Changed = false;
            yield return ('m', m.Id, Encode(w => WriteMeeting(w, m, rank)));
        }
        foreach (var r in Relations.Values.Where(r => r.Changed))
        {
            r.Changed = false;
            yield return ('r', r.Id, Encode(w => WriteRelation(w, r, rank)));
        }
    }

    /// <summary>
    /// The state <see cref="Changes"/> wrote, from its rows (the articles first, as kind order gives them) and the last
    /// document folded; null when a row is of another format version or refers to an article it lacks (the caller
    /// folds every analysis instead).
    /// </summary>
    public static AssemblyState? Load(IEnumerable<(char Kind, string Id, byte[] Data)> rows, string lastDocument)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var state = new AssemblyState { LastDocument = lastDocument };
        var docs = new List<string?>();
        // One instance per distinct text (ids, places, rules, the sentences a meeting and its pairs share), as a fold
        // of the analyses would mostly have: the state is held whole until the graph is built.
        var pool = state.Texts;
        try
        {
            foreach (var (kind, id, data) in rows)
            {
                using var r = new PooledReader(new MemoryStream(data, 0, data.Length, writable: false, publiclyVisible: true), pool);
                if (r.ReadByte() != FormatVersion)
                    return null;
                switch (kind)
                {
                    case 'a':
                        var at = r.Read7BitEncodedInt();
                        while (docs.Count <= at)
                            docs.Add(null);
                        docs[at] = id;
                        state.Articles[id] = (ReadDate(r), ReadText(r));
                        break;
                    case 'e':
                        state.Entities[id] = ReadEntity(r, id, docs);
                        break;
                    case 'r':
                        state.Relations[id] = ReadRelation(r, id, docs, data, pool);
                        break;
                    case 'm':
                        var m = ReadMeeting(r, id, docs);
                        state.Meetings[id] = m;
                        state.NextMeetingSequence = Math.Max(state.NextMeetingSequence, m.Sequence + 1);
                        break;
                    default:
                        return null;
                }
            }
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or InvalidDataException or EndOfStreamException or FormatException)
        {
            return null;
        }
        // The cross-article merge tries a day's meetings in the order they were created.
        foreach (var m in state.Meetings.Values.OrderBy(m => m.Sequence))
        {
            if (m.Date is not { } day)
                continue;
            if (!state.MeetingsByDate.TryGetValue(day, out var ofDay))
                state.MeetingsByDate[day] = ofDay = [];
            ofDay.Add(m);
        }
        return state;
    }

    private static byte[] Encode(Action<BinaryWriter> write)
    {
        using var body = new MemoryStream();
        using (var w = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(FormatVersion);
            write(w);
        }
        return body.ToArray();
    }

    private static void WriteEntity(BinaryWriter w, GraphAssembler.EntityAcc e, Dictionary<string, int> rank)
    {
        w.Write7BitEncodedInt((int)e.Kind);
        Strings(w, e.Surfaces);
        w.Write7BitEncodedInt(e.PerDocument.Count);
        var previous = -1;
        foreach (var (doc, count) in e.PerDocument)
        {
            var at = rank[doc];
            w.Write7BitEncodedInt(at - previous);
            previous = at;
            w.Write7BitEncodedInt(count);
        }
        w.Write7BitEncodedInt(e.Names.Count);
        foreach (var (name, count) in e.Names.OrderBy(n => n.Key, StringComparer.Ordinal))
        {
            w.Write(name);
            w.Write7BitEncodedInt(count);
        }
    }

    private static GraphAssembler.EntityAcc ReadEntity(BinaryReader r, string id, List<string?> docs)
    {
        var e = new GraphAssembler.EntityAcc(id, (EntityKind)r.Read7BitEncodedInt());
        e.Surfaces.UnionWith(Sorted(ReadStrings(r)));
        var n = r.Read7BitEncodedInt();
        var at = -1;
        for (var i = 0; i < n; i++)
        {
            at += r.Read7BitEncodedInt();
            e.Restore(docs[at] ?? throw new InvalidDataException("unknown article"), r.Read7BitEncodedInt());
        }
        n = r.Read7BitEncodedInt();
        for (var i = 0; i < n; i++)
            e.Names[r.ReadString()] = r.Read7BitEncodedInt();
        return e;
    }

    private static void WriteRelation(BinaryWriter w, GraphAssembler.RelAcc x, Dictionary<string, int> rank)
    {
        x.Materialize();
        w.Write(x.Type);
        w.Write(x.Start);
        w.Write(x.End);
        Date(w, x.Date);
        Text(w, x.PlaceId);
        Text(w, x.Role);
        Text(w, x.Meeting);
        Documents(w, x.Documents, rank);
        Strings(w, x.Evidence);
        Strings(w, x.Rules);
    }

    // The type, ends, date and place at once (what a continued fold's delta asks of every relationship); the rest is
    // checked here and read when the relationship is first touched or made into a graph row with its properties.
    private static GraphAssembler.RelAcc ReadRelation(BinaryReader r, string id, List<string?> docs, byte[] data, Pool pool)
    {
        var x = new GraphAssembler.RelAcc(id, r.ReadString(), r.ReadString(), r.ReadString())
        {
            Date = ReadDate(r),
            PlaceId = ReadText(r),
        };
        var rest = (int)r.BaseStream.Position;
        SkipRelationRest(r, docs);
        x.Pending = acc =>
        {
            using var rr = new PooledReader(new MemoryStream(data, 0, data.Length, writable: false, publiclyVisible: true), pool);
            rr.BaseStream.Position = rest;
            ReadRelationRest(rr, acc, docs);
        };
        return x;
    }

    private static void ReadRelationRest(BinaryReader r, GraphAssembler.RelAcc x, List<string?> docs)
    {
        x.Restore(ReadText(r));
        x.Meeting = ReadText(r);
        x.Documents.UnionWith(ReadDocuments(r, docs));
        foreach (var ev in ReadStrings(r))
            x.AddEvidence(ev);
        x.Rules.UnionWith(Sorted(ReadStrings(r)));
    }

    // Walks what ReadRelationRest reads, without making it, and fails as reading it would (a row cut short, an article
    // the state lacks): a state that cannot be read is found while loading, as before.
    private static void SkipRelationRest(BinaryReader r, List<string?> docs)
    {
        if (r.ReadBoolean())
            SkipString(r);
        if (r.ReadBoolean())
            SkipString(r);
        var n = r.Read7BitEncodedInt();
        var at = -1;
        for (var i = 0; i < n; i++)
        {
            at += r.Read7BitEncodedInt();
            if (docs[at] is null)
                throw new InvalidDataException("unknown article");
        }
        for (var list = 0; list < 2; list++)
        {
            n = r.Read7BitEncodedInt();
            for (var i = 0; i < n; i++)
                SkipString(r);
        }
    }

    private static void SkipString(BinaryReader r)
    {
        var length = r.Read7BitEncodedInt();
        if (length < 0 || r.BaseStream.Position + length > r.BaseStream.Length)
            throw new EndOfStreamException();
        r.BaseStream.Position += length;
    }

    private static void WriteMeeting(BinaryWriter w, GraphAssembler.MeetingAcc m, Dictionary<string, int> rank)
    {
        w.Write(m.Sequence);
        Date(w, m.Date);
        Text(w, m.Place);
        Strings(w, m.People);
        w.Write7BitEncodedInt(m.Roles.Count);
        foreach (var (person, role) in m.Roles.OrderBy(x => x.Key, StringComparer.Ordinal))
        {
            w.Write(person);
            w.Write(role);
        }
        Documents(w, m.Documents, rank);
        Strings(w, m.Evidence);
    }

    private static GraphAssembler.MeetingAcc ReadMeeting(BinaryReader r, string id, List<string?> docs)
    {
        var sequence = r.ReadInt64();
        var date = ReadDate(r);
        var place = ReadText(r);
        var m = new GraphAssembler.MeetingAcc(id, date, place, ReadStrings(r)) { Sequence = sequence };
        var n = r.Read7BitEncodedInt();
        for (var i = 0; i < n; i++)
            m.Roles[r.ReadString()] = r.ReadString();
        m.Documents.UnionWith(ReadDocuments(r, docs));
        foreach (var ev in ReadStrings(r))
            m.AddEvidence(ev);
        m.Changed = false;
        return m;
    }

    // Ranks in document order, ascending: each as the step from the one before.
    private static void Documents(BinaryWriter w, SortedSet<string> documents, Dictionary<string, int> rank)
    {
        w.Write7BitEncodedInt(documents.Count);
        var previous = -1;
        foreach (var doc in documents)
        {
            var at = rank[doc];
            w.Write7BitEncodedInt(at - previous);
            previous = at;
        }
    }

    // A sorted set built from a sorted one: constructing from it is linear, where adding item by item is not.
    private static SortedSet<string> ReadDocuments(BinaryReader r, List<string?> docs)
    {
        var n = r.Read7BitEncodedInt();
        var list = new List<string>(n);
        var at = -1;
        for (var i = 0; i < n; i++)
        {
            at += r.Read7BitEncodedInt();
            list.Add(docs[at] ?? throw new InvalidDataException("unknown article"));
        }
        return Sorted(list);
    }

    private static SortedSet<string> Sorted(List<string> items) => new(items, StringComparer.Ordinal);

    private static void Strings(BinaryWriter w, IReadOnlyCollection<string> items)
    {
        w.Write7BitEncodedInt(items.Count);
        foreach (var s in items)
            w.Write(s);
    }

    private static List<string> ReadStrings(BinaryReader r)
    {
        var n = r.Read7BitEncodedInt();
        var list = new List<string>(n);
        for (var i = 0; i < n; i++)
            list.Add(r.ReadString());
        return list;
    }

    private static void Text(BinaryWriter w, string? s)
    {
        w.Write(s is not null);
        if (s is not null)
            w.Write(s);
    }

    private static string? ReadText(BinaryReader r) => r.ReadBoolean() ? r.ReadString() : null;

    private static void Date(BinaryWriter w, DateOnly? d) => w.Write7BitEncodedInt(d is { } x ? x.DayNumber + 1 : 0);

    private static DateOnly? ReadDate(BinaryReader r) => r.Read7BitEncodedInt() is var n && n > 0 ? DateOnly.FromDayNumber(n - 1) : null;

    /// <summary>Distinct texts, looked up by their characters, so that a text read again costs no new string.</summary>
    internal sealed class Pool
    {
        private readonly HashSet<string> _set = new(StringComparer.Ordinal);
        private char[] _chars = new char[256];

        /// <summary>The pool's instance of <paramref name="text"/> (which becomes it when the pool has none).</summary>
        public string Get(string text)
        {
            if (_set.TryGetValue(text, out var known))
                return known;
            _set.Add(text);
            return text;
        }

        /// <summary>Forgets every text.</summary>
        public void Clear()
        {
            _set.Clear();
            _set.TrimExcess();
        }

        public string Get(ReadOnlySpan<byte> utf8)
        {
            if (_chars.Length < utf8.Length)
                _chars = new char[Math.Max(utf8.Length, _chars.Length * 2)];
            var n = Encoding.UTF8.GetChars(utf8, _chars);
            var chars = _chars.AsSpan(0, n);
            var lookup = _set.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(chars, out var known))
                return known;
            var s = new string(chars);
            _set.Add(s);
            return s;
        }
    }

    /// <summary>A reader of one row whose texts come from a <see cref="Pool"/>.</summary>
    private sealed class PooledReader(MemoryStream stream, Pool pool) : BinaryReader(stream, Encoding.UTF8)
    {
        public override string ReadString()
        {
            var length = Read7BitEncodedInt();
            if (!stream.TryGetBuffer(out var buffer))
                throw new InvalidDataException("unreadable row");
            var at = (int)stream.Position;
            if (length < 0 || at + length > buffer.Count)
                throw new EndOfStreamException();
            stream.Position = at + length;
            return pool.Get(buffer.AsSpan(at, length));
        }
    }
}
