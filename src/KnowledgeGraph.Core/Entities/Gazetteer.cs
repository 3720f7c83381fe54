using System.Collections.Frozen;
using System.Collections.Immutable;

namespace KnowledgeGraph.Core.Entities;

/// <summary>What a gazetteer alias points at: an entity, or a country through one of its demonyms ("Turkish").</summary>
/// <param name="Entry">The entity.</param>
/// <param name="IsDemonym">True when the alias is an adjective of a country, not a name.</param>
public sealed record AliasTarget(GazetteerEntry Entry, bool IsDemonym);

/// <summary>
/// Everything the recognizer knows by name: entities with aliases and demonyms, people's dated roles, titles, given names,
/// and the lower-case English words that collide with single-word names. Immutable once built; shared by all threads.
/// </summary>
public sealed class Gazetteer
{
    private readonly FrozenDictionary<string, GazetteerEntry> _entries;
    private readonly FrozenDictionary<string, ImmutableArray<PersonRole>> _roles;
    private readonly FrozenDictionary<string, string> _spelling;
    private readonly FrozenDictionary<string, int> _prominence;

    /// <summary>Builds a gazetteer from loaded parts.</summary>
    public Gazetteer(
        IEnumerable<GazetteerEntry> entries,
        IEnumerable<PersonRole> roles,
        IEnumerable<(string Phrase, TitleEntry Title)> titles,
        IEnumerable<string> givenNames,
        IEnumerable<string> commonWords,
        IEnumerable<(string Us, string Uk)> spellingVariants,
        WordLists? words = null)
    {
        Words = words ?? WordLists.Empty;
        _spelling = spellingVariants
            .Select(p => (Us: Text.TextFolding.Fold(p.Us), Uk: Text.TextFolding.Fold(p.Uk)))
            .Where(p => p.Us != p.Uk)
            .GroupBy(p => p.Uk, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.First().Us, StringComparer.Ordinal);
        // The same map over key numbers (TokenKeys), for the tries: indexed by the British key's number, 0 where a key has
        // no other spelling. Every key of the map is registered here, so a key registered later has none.
        var spellingIds = new int[1];
        foreach (var (uk, us) in _spelling)
        {
            var (ukId, usId) = (Text.TokenKeys.Intern(uk), Text.TokenKeys.Intern(us));
            if (ukId >= spellingIds.Length)
                Array.Resize(ref spellingIds, Math.Max(ukId + 1, spellingIds.Length * 2));
            spellingIds[ukId] = usId;
        }
        _spellingIds = spellingIds;
        _entries = entries.ToFrozenDictionary(e => e.Id, StringComparer.Ordinal);
        _prominence = _entries.Values.Where(e => e.Kind != EntityKind.Country && e.Country is { Length: > 0 })
            .GroupBy(e => e.Country!, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        _roles = roles.GroupBy(r => r.PersonId, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToImmutableArray(), StringComparer.Ordinal);
        // The name trie is most of the load time; it is built on one core while the titles and word sets are built on
        // another. Each part is built alone, so the result is the same whatever runs first.
        var entityTrie = new PhraseTrie<AliasTarget>(NormalizeKey, NormalizeKeyId);
        var titleTrie = new PhraseTrie<TitleEntry>(NormalizeKey, NormalizeKeyId);
        FrozenDictionary<string, TitleEntry>? titlesByKey = null;
        FrozenSet<string>? demonymKeys = null, givenNameSet = null, commonWordSet = null;
        Parallel.Invoke(
            () =>
            {
                foreach (var e in _entries.Values.OrderBy(e => e.Id, StringComparer.Ordinal))
                {
                    foreach (var name in e.Aliases.Prepend(e.Name).Distinct(StringComparer.Ordinal))
                        entityTrie.Add(name, new AliasTarget(e, false));
                    foreach (var d in e.Demonyms)
                        entityTrie.Add(d, new AliasTarget(e, true));
                }
            },
            () =>
            {
                var titleKinds = new Dictionary<string, TitleEntry>(StringComparer.Ordinal);
                foreach (var (phrase, title) in titles)
                {
                    titleTrie.Add(phrase, title);
                    titleKinds.TryAdd(Text.TextFolding.FoldPhrase(phrase), title);
                }
                titlesByKey = titleKinds.ToFrozenDictionary(StringComparer.Ordinal);
                demonymKeys = _entries.Values.SelectMany(e => e.Demonyms).Select(Text.TextFolding.FoldPhrase).ToFrozenSet(StringComparer.Ordinal);
                givenNameSet = givenNames.Select(Text.TextFolding.Fold).ToFrozenSet(StringComparer.Ordinal);
                commonWordSet = commonWords.Select(Text.TextFolding.Fold).ToFrozenSet(StringComparer.Ordinal);
            });
        Entities = entityTrie;
        Titles = titleTrie;
        TitlesByKey = titlesByKey!;
        DemonymKeys = demonymKeys!;
        GivenNames = givenNameSet!;
        CommonWords = commonWordSet!;
    }

    /// <summary>The closed word classes of <c>lexicon/word-lists.csv</c>.</summary>
    public WordLists Words { get; }

    /// <summary>An empty gazetteer (patterns only).</summary>
    public static Gazetteer Empty { get; } = new([], [], [], [], [], []);

    /// <summary>Entity names, aliases and demonyms.</summary>
    public PhraseTrie<AliasTarget> Entities { get; }

    /// <summary>Titles ("Secretary General", "Defense Minister", "Mr").</summary>
    public PhraseTrie<TitleEntry> Titles { get; }

    /// <summary>Titles by folded phrase, to canonicalise a title found by a rule.</summary>
    public FrozenDictionary<string, TitleEntry> TitlesByKey { get; }

    /// <summary>
    /// The title lexicon's entry for a title as written ("Defence Secretary" → Secretary of Defense), or null when the
    /// lexicon does not know it. Memoised: role titles are looked up for every role phrase of every article.
    /// </summary>
    public TitleEntry? TitleOf(string title) =>
        // (A lookup first, and a static factory with its argument: a lambda over this allocated a delegate per call.)
        _titleCache.TryGetValue(title, out var known) ? known :
        _titleCache.GetOrAdd(title, static (t, g) => g.TitlesByKey.TryGetValue(Text.TextFolding.FoldPhrase(t), out var e) ? e : null, this);

    /// <summary>The canonical form of a title, or the title itself when the lexicon does not know it.</summary>
    public string CanonicalTitle(string title) => TitleOf(title)?.Canonical ?? title;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TitleEntry?> _titleCache = new(StringComparer.Ordinal);

    /// <summary>Folded demonyms of every country ("french", "israeli").</summary>
    public FrozenSet<string> DemonymKeys { get; }

    /// <summary>Folded given names, a cue for people not in the gazetteer.</summary>
    public FrozenSet<string> GivenNames { get; }

    /// <summary>Folded lower-case English words that are also single-word names; such names need exact case and context.</summary>
    public FrozenSet<string> CommonWords { get; }

    /// <summary>Number of entities.</summary>
    public int Count => _entries.Count;

    /// <summary>All entities.</summary>
    public IEnumerable<GazetteerEntry> AllEntries => _entries.Values;

    /// <summary>Finds an entity by id.</summary>
    public bool TryGet(string id, out GazetteerEntry entry) => _entries.TryGetValue(id, out entry!);

    /// <summary>The dated roles of a person (empty when none).</summary>
    public ImmutableArray<PersonRole> RolesOf(string personId) =>
        _roles.TryGetValue(personId, out var r) ? r : [];

    /// <summary>
    /// How much the gazetteer knows about a country: the entries located in or belonging to it. Ranks countries that
    /// share a demonym, so "American" is the United States before the Northern Mariana Islands and "Dutch" the
    /// Netherlands before the Caribbean Netherlands.
    /// </summary>
    public int Prominence(string? countryCode) =>
        countryCode is not null && _prominence.TryGetValue(countryCode, out var n) ? n : 0;

    /// <summary>
    /// <see cref="NormalizeKey"/> over key numbers (<see cref="Text.TokenKeys"/>): the number of the American spelling of
    /// the key with this number; -1 (no registered key) stays -1.
    /// </summary>
    public int NormalizeKeyId(int id)
    {
        var ids = _spellingIds;
        return (uint)id < (uint)ids.Length && ids[id] != 0 ? ids[id] : id;
    }

    private readonly int[] _spellingIds;

    /// <summary>Maps a folded token key to its American spelling, so "defence" and "defense" are one key.</summary>
    public string NormalizeKey(string key)
    {
        // Called several times for every token (both tries, the rule words, the relation items), with the few thousand
        // key strings the tokenizer hands out again and again (it keeps one string per word and thread): a small table
        // per thread, by string identity, answers before the text is hashed. Only this gazetteer's answers are kept.
        var memo = _memo;
        if (memo is null || !ReferenceEquals(_memoOwner, this))
        {
            memo = _memo = new KeyValuePair<string, string>[MemoSize];
            _memoOwner = this;
        }
        ref var slot = ref memo[System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(key) & (MemoSize - 1)];
        if (ReferenceEquals(slot.Key, key))
            return slot.Value;
        var normalized = _spelling.TryGetValue(key, out var us) ? us : key;
        slot = new(key, normalized);
        return normalized;
    }

    private const int MemoSize = 4096;

    [ThreadStatic]
    private static KeyValuePair<string, string>[]? _memo;

    [ThreadStatic]
    private static Gazetteer? _memoOwner;

    /// <summary>
    /// How specific a place is, for choosing the most specific place a text gives: venue 4, city 3, other location 2,
    /// country 1, continent 0. A place the gazetteer does not know was found by a head-noun pattern ("NATO headquarters",
    /// "Wall of Remembrance"), which names a venue.
    /// </summary>
    public int PlaceRank(string id)
    {
        if (!_entries.TryGetValue(id, out var e))
            return 4;
        return e.Kind switch
        {
            EntityKind.Country => 1,
            EntityKind.Location when e.Subkind == "venue" => 4,
            EntityKind.Location when id.StartsWith("city:", StringComparison.Ordinal) => 3,
            EntityKind.Location when e.Subkind == "continent" => 0,
            _ => 2,
        };
    }

    /// <summary>
    /// Whether two places can be where one meeting happened: the same place; one inside the other as the text says
    /// (<paramref name="textSaysInside"/>, inner first); two known places of one country at different levels (a palace and
    /// its city, a city and its country); or a venue no list knows beside a known city or country, which it may lie in.
    /// Two different places of one level (two cities, two venues, two countries) cannot.
    /// </summary>
    public bool PlacesCompatible(string p, string q, Func<string, string, bool>? textSaysInside = null)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        if (p == q || (textSaysInside is not null && (textSaysInside(p, q) || textSaysInside(q, p))))
            return true;
        var (rp, rq) = (PlaceRank(p), PlaceRank(q));
        if (rp == rq)
            return false;
        var (kp, kq) = (_entries.ContainsKey(p), _entries.ContainsKey(q));
        if (kp && kq)
            return (CountryOf(p) ?? p) == (CountryOf(q) ?? q);
        return true;
    }

    /// <summary>
    /// The capital city of a country (by ISO code), from the cities marked capital; the most populous when a country has
    /// several (seat of government and official capital). Null when no city of the country is marked.
    /// </summary>
    /// <remarks>Made on first use, not at load (few articles say "the Kenyan capital"); threads that race to make it
    /// make the same map.</remarks>
    public GazetteerEntry? CapitalOf(string countryCode) => (_capitals ??= _entries.Values
        .Where(e => e.Kind == EntityKind.Location && e.IsCapital && e.Country is { Length: > 0 })
        .GroupBy(e => e.Country!, StringComparer.Ordinal)
        .ToFrozenDictionary(g => g.Key, g => g.OrderByDescending(e => e.Population).ThenBy(e => e.Id, StringComparer.Ordinal).First(), StringComparer.Ordinal))
        .GetValueOrDefault(countryCode);

    private FrozenDictionary<string, GazetteerEntry>? _capitals;

    /// <summary>The ISO country code an entity is in or belongs to, following venue to city to country.</summary>
    public string? CountryOf(string id)
    {
        if (!_entries.TryGetValue(id, out var e))
            return null;
        if (e.Country is { Length: > 0 } c)
            return c;
        if (e.City is { } city && _entries.TryGetValue(city, out var ce))
            return ce.Country;
        return null;
    }
}
