using System.Collections;
using System.Collections.Immutable;

namespace KnowledgeGraph.Core.Graph;

/// <summary>
/// The relationships of a <see cref="PropertyGraph"/>, in id order. An assembled archive's MENTIONED_IN (nine in ten of
/// its relationships, one per entity and article) are held as a compact table of numbers and made into
/// <see cref="GraphRelationship"/> objects only as they are read, one at a time: the list reads the same as one of
/// objects, in the same order, without holding millions of them with an id string each.
/// </summary>
public sealed class RelationshipList : IReadOnlyList<GraphRelationship>
{
    private readonly ImmutableArray<GraphRelationship> _others;
    private readonly MentionTable? _mentions;
    // Where the MENTIONED_IN run sits among the others (ids sort by their type's prefix, so it is one run).
    private readonly int _at;

    internal RelationshipList(ImmutableArray<GraphRelationship> others, MentionTable? mentions = null, int at = 0)
    {
        _others = others;
        _mentions = mentions is { Count: > 0 } ? mentions : null;
        _at = _mentions is null ? 0 : at;
    }

    /// <summary>The number of relationships.</summary>
    public int Length => _others.Length + (_mentions?.Count ?? 0);

    /// <inheritdoc/>
    public int Count => Length;

    /// <summary>True when there is none.</summary>
    public bool IsEmpty => Length == 0;

    /// <inheritdoc/>
    public GraphRelationship this[int index]
    {
        get
        {
            if (_mentions is null || index < _at)
                return _others[index];
            var k = index - _at;
            return k < _mentions.Count ? _mentions[k] : _others[index - _mentions.Count];
        }
    }

    /// <summary>
    /// The relationships of one type, in id order. For MENTIONED_IN it walks only the table, and for any other type
    /// it never makes the MENTIONED_IN into objects: what a step that wants the person network asks for.
    /// </summary>
    public IEnumerable<GraphRelationship> OfType(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (_mentions is not null && type == GraphSchema.MentionedIn)
            return _mentions.Concat(_others.Where(r => r.Type == type));
        return _others.Where(r => r.Type == type);
    }

    /// <summary>
    /// Every relationship but the MENTIONED_IN, and of these only those into an article <paramref name="article"/>
    /// accepts (asked once per Article node id), in id order: what a build that changed a few articles writes, without
    /// making every other article's mentions into objects.
    /// </summary>
    public IEnumerable<GraphRelationship> WithMentionsOf(Func<string, bool> article)
    {
        ArgumentNullException.ThrowIfNull(article);
        if (_mentions is null)
            return _others.Where(r => r.Type != GraphSchema.MentionedIn || article(r.EndId));
        return _others.Take(_at).Concat(_mentions.Into(article)).Concat(_others.Skip(_at));
    }

    /// <summary>
    /// The type and ends of every relationship, in id order, without making the MENTIONED_IN into objects (their id
    /// strings are most of what that costs): for a step that needs only who is linked to whom.
    /// </summary>
    public IEnumerable<(string Type, string StartId, string EndId)> Ends()
    {
        for (var i = 0; i < _others.Length; i++)
        {
            if (_mentions is not null && i == _at)
            {
                foreach (var m in _mentions.Ends())
                    yield return m;
            }
            var r = _others[i];
            yield return (r.Type, r.StartId, r.EndId);
        }
        if (_mentions is not null && _at >= _others.Length)
        {
            foreach (var m in _mentions.Ends())
                yield return m;
        }
    }

    /// <summary>Every relationship but the MENTIONED_IN, in id order.</summary>
    public IEnumerable<GraphRelationship> ExceptMentions() => _others.Where(r => r.Type != GraphSchema.MentionedIn);

    /// <summary>Enumerates in id order.</summary>
    public Enumerator GetEnumerator() => new(this);

    IEnumerator<GraphRelationship> IEnumerable<GraphRelationship>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Walks the list in id order, the MENTIONED_IN made one at a time.</summary>
    public struct Enumerator : IEnumerator<GraphRelationship>
    {
        private readonly RelationshipList _list;
        private int _index;
        private MentionTable.Cursor _cursor;

        internal Enumerator(RelationshipList list)
        {
            _list = list;
            _index = -1;
            _cursor = default;
            Current = null!;
        }

        /// <inheritdoc/>
        public GraphRelationship Current { get; private set; }

        readonly object IEnumerator.Current => Current;

        /// <inheritdoc/>
        public bool MoveNext()
        {
            if (++_index >= _list.Length)
                return false;
            var m = _list._mentions;
            if (m is null || _index < _list._at)
                Current = _list._others[_index];
            else if (_index - _list._at < m.Count)
                Current = m.Next(ref _cursor);
            else
                Current = _list._others[_index - m.Count];
            return true;
        }

        /// <inheritdoc/>
        public void Reset()
        {
            _index = -1;
            _cursor = default;
        }

        /// <inheritdoc/>
        public readonly void Dispose()
        {
        }
    }
}

/// <summary>
/// MENTIONED_IN relationships as numbers: for each entity (in the order of its id followed by ':'), the articles
/// that mention it (in id order) and how often. Relationship <c>k</c> is
/// <c>mentioned_in:{entity}:{document}</c> from the entity to <c>article:{document}</c> with a <c>count</c>.
/// </summary>
internal sealed class MentionTable : IEnumerable<GraphRelationship>
{
    private readonly string[] _entities;
    private readonly int[] _starts;
    private readonly string[] _documents;
    private readonly string[] _articles;
    private readonly int[] _document;
    private readonly int[] _count;
    // One (immutable) property map per count value serves every row with it; made up front, so that reading the
    // table from several threads is safe.
    private readonly Dictionary<int, PropertyDictionary> _props = [];

    /// <param name="entities">Entity ids in the order of id + ':'.</param>
    /// <param name="starts">Where each entity's rows begin; one more than there are entities (the last is the row count).</param>
    /// <param name="documents">Document ids, indexed by <paramref name="document"/>.</param>
    /// <param name="articles">The Article node id of each document.</param>
    /// <param name="document">Per row, the document's index.</param>
    /// <param name="count">Per row, the count of mentions.</param>
    public MentionTable(string[] entities, int[] starts, string[] documents, string[] articles, int[] document, int[] count)
    {
        _entities = entities;
        _starts = starts;
        _documents = documents;
        _articles = articles;
        _document = document;
        _count = count;
        foreach (var c in count)
        {
            if (!_props.ContainsKey(c))
                _props[c] = new PropertyBag().Add("count", (long)c).Build();
        }
    }

    public int Count => _document.Length;

    public IReadOnlyList<string> Entities => _entities;

    /// <summary>The Article node ids rows point at (of every document given, mentioned or not).</summary>
    public IReadOnlyList<string> Articles => _articles;

    public string FirstId => this[0].Id;

    public string LastId => this[Count - 1].Id;

    /// <summary>
    /// True when the rows are in the order of their ids: an entity's documents are in id order, and no entity's id is
    /// another's followed by ':' (which would interleave their rows).
    /// </summary>
    public bool InIdOrder()
    {
        for (var e = 0; e < _entities.Length; e++)
        {
            if (e > 0 && (_entities[e].StartsWith(_entities[e - 1] + ":", StringComparison.Ordinal)
                || string.CompareOrdinal(_entities[e - 1] + ":", _entities[e] + ":") >= 0))
                return false;
            for (var k = _starts[e] + 1; k < _starts[e + 1]; k++)
            {
                if (string.CompareOrdinal(_documents[_document[k - 1]], _documents[_document[k]]) >= 0)
                    return false;
            }
        }
        return true;
    }

    public GraphRelationship this[int k]
    {
        get
        {
            if ((uint)k >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(k));
            // The last entity whose rows start at or before k.
            var e = Array.BinarySearch(_starts, 0, _entities.Length, k);
            if (e < 0)
                e = ~e - 1;
            // Entities without rows start where the next one does: the last of equal starts is the one with rows.
            while (e + 1 < _entities.Length && _starts[e + 1] <= k)
                e++;
            return Row(e, k);
        }
    }

    private string Id(int e, int k) => $"mentioned_in:{_entities[e]}:{_documents[_document[k]]}";

    private GraphRelationship Row(int e, int k)
    {
        return new GraphRelationship(Id(e, k), GraphSchema.MentionedIn, _entities[e], _articles[_document[k]], _props[_count[k]]);
    }

    /// <summary>The rows into an article <paramref name="article"/> accepts (asked once per article), in order.</summary>
    public IEnumerable<GraphRelationship> Into(Func<string, bool> article)
    {
        var keep = new bool[_articles.Length];
        for (var d = 0; d < keep.Length; d++)
            keep[d] = article(_articles[d]);
        var e = 0;
        for (var k = 0; k < Count; k++)
        {
            if (!keep[_document[k]])
                continue;
            while (k >= _starts[e + 1])
                e++;
            yield return Row(e, k);
        }
    }

    /// <summary>The type and ends of every row, in order.</summary>
    public IEnumerable<(string Type, string StartId, string EndId)> Ends()
    {
        for (var e = 0; e < _entities.Length; e++)
        {
            for (var k = _starts[e]; k < _starts[e + 1]; k++)
                yield return (GraphSchema.MentionedIn, _entities[e], _articles[_document[k]]);
        }
    }

    /// <summary>A position in the table, for a walk in order.</summary>
    public struct Cursor
    {
        internal int Entity;
        internal int Row;
    }

    public static Cursor Start() => new() { Entity = 0, Row = 0 };

    public GraphRelationship Next(ref Cursor c)
    {
        while (c.Row >= _starts[c.Entity + 1])
            c.Entity++;
        return Row(c.Entity, c.Row++);
    }

    public IEnumerator<GraphRelationship> GetEnumerator()
    {
        var c = Start();
        for (var k = 0; k < Count; k++)
            yield return Next(ref c);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
