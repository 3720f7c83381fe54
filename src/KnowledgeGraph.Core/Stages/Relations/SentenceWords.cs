using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using KnowledgeGraph.Core.Text;

namespace KnowledgeGraph.Core.Stages.Relations;

/// <summary>
/// The words a rule set asks about (every word of a required literal, the first word of every phrase list), each with a
/// number: a sentence is reduced to the set of these numbers it contains, so a rule whose required word is absent is
/// skipped after one lookup, and the sentence's other words are never stored.
/// </summary>
internal sealed class RuleVocabulary
{
    private readonly FrozenDictionary<string, int> _ids;

    public RuleVocabulary(IEnumerable<string> words, IEnumerable<RelationRule>? rules = null)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var instances = new List<string>();
        foreach (var w in words)
        {
            ids.TryAdd(w, ids.Count);
            instances.Add(w);
        }
        _ids = ids.ToFrozenDictionary(StringComparer.Ordinal);
        // The same numbers by the words' key numbers (TokenKeys), one more than the word's number (0: not a rule word), so
        // that a sentence's words are found by the numbers the tokenizer gave its tokens.
        var byKeyId = new int[1];
        foreach (var (w, id) in ids)
        {
            var keyId = TokenKeys.Intern(w);
            if (keyId >= byKeyId.Length)
                Array.Resize(ref byKeyId, Math.Max(keyId + 1, byKeyId.Length * 2));
            byKeyId[keyId] = id + 1;
        }
        _byKeyId = byKeyId;
        // The rule set asks for its phrase words by the very strings it passed here: those instances are found by
        // identity, without hashing their text.
        var wordSlots = 16;
        while (wordSlots < instances.Count * 4)
            wordSlots *= 2;
        _wordInstances = new string?[wordSlots];
        _wordIds = new int[wordSlots];
        foreach (var w in instances)
        {
            var slot = RuntimeHelpers.GetHashCode(w) & (wordSlots - 1);
            while (_wordInstances[slot] is { } taken && !ReferenceEquals(taken, w))
                slot = (slot + 1) & (wordSlots - 1);
            (_wordInstances[slot], _wordIds[slot]) = (w, ids[w]);
        }
        // Each rule's word numbers, computed once here: the check runs for every rule on every sentence, and is read
        // by all workers at once (a dictionary only read is safe to share).
        var known = (rules ?? []).Distinct(ReferenceEqualityComparer.Instance).Cast<RelationRule>().ToList();
        var size = 16;
        while (size < known.Count * 4)
            size *= 2;
        _anchorRules = new RelationRule?[size];
        _anchorIds = new int[size][][];
        // Each rule is also indexed by one of its required literals, its trigger: a sentence without any of the trigger's
        // words cannot match the rule, so only the rules triggered by a word the sentence has are checked at all (see
        // SentenceWords). The trigger is the literal whose shortest word is longest ("met" rather than ","; fewer words
        // among equals): short words (",", "and", "the") are in nearly every sentence.
        var triggered = new List<int>[ids.Count];
        var untriggered = new List<int>();
        foreach (var rule in known)
        {
            var slot = RuntimeHelpers.GetHashCode(rule) & (size - 1);
            while (_anchorRules[slot] is not null)
                slot = (slot + 1) & (size - 1);
            (_anchorRules[slot], _anchorIds[slot]) = (rule, Numbered(rule));
            if (Trigger(rule) is { } trigger)
            {
                foreach (var w in trigger)
                    (triggered[ids[w]] ??= []).Add(slot);
            }
            else
            {
                untriggered.Add(slot);
            }
        }
        _triggered = [.. triggered.Select(list => list is null ? [] : list.Distinct().ToArray())];
        _untriggered = [.. untriggered];
    }

    private static string[]? Trigger(RelationRule rule)
    {
        string[]? best = null;
        foreach (var anchor in rule.Anchors)
        {
            if (anchor.Length == 0)
                continue;
            if (best is null || anchor.Min(w => w.Length) is var shortest && (shortest > best.Min(w => w.Length) || (shortest == best.Min(w => w.Length) && anchor.Length < best.Length)))
                best = anchor;
        }
        return best;
    }

    // Rule numbers (slots of the table above) by the word ids of their trigger; the rules without a required literal.
    private readonly int[][] _triggered;
    private readonly int[] _untriggered;

    /// <summary>How many rule numbers there may be (every <see cref="NumberOf"/> is below it).</summary>
    internal int RuleSlots => _anchorRules.Length;

    /// <summary>The rule's number in this vocabulary, or -1 for a rule it was not made with.</summary>
    internal int NumberOf(RelationRule rule)
    {
        var mask = _anchorRules.Length - 1;
        for (var slot = RuntimeHelpers.GetHashCode(rule) & mask; _anchorRules[slot] is { } known; slot = (slot + 1) & mask)
        {
            if (ReferenceEquals(known, rule))
                return slot;
        }
        return -1;
    }

    /// <summary>
    /// The numbers of the rules whose required literals a sentence with these words has: each rule triggered by one of
    /// the words is checked against all its literals, the others are not looked at.
    /// </summary>
    internal ulong[] Possible(ulong[] words) => Possible(words, new ulong[(_anchorRules.Length + 63) >> 6], new ulong[(_anchorRules.Length + 63) >> 6]);

    // Possible into the given arrays, both cleared, of the length Possible(words) gives.
    private ulong[] Possible(ulong[] words, ulong[] possible, ulong[] decided)
    {
        foreach (var number in _untriggered)
        {
            if (Has(words, _anchorIds[number]))
                possible[number >> 6] |= 1UL << number;
        }
        for (var block = 0; block < words.Length; block++)
        {
            for (var bits = words[block]; bits != 0; bits &= bits - 1)
            {
                var word = (block << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits);
                foreach (var number in _triggered[word])
                {
                    if ((decided[number >> 6] & (1UL << number)) != 0)
                        continue;
                    decided[number >> 6] |= 1UL << number;
                    if (Has(words, _anchorIds[number]))
                        possible[number >> 6] |= 1UL << number;
                }
            }
        }
        return possible;
    }

    /// <summary>True when the words have, for each anchor, one of its word ids.</summary>
    internal static bool Has(ulong[] words, int[][] anchors)
    {
        foreach (var anchor in anchors)
        {
            var found = false;
            foreach (var id in anchor)
            {
                if ((words[id >> 6] & (1UL << id)) != 0)
                {
                    found = true;
                    break;
                }
            }
            if (!found)
                return false;
        }
        return true;
    }

    /// <summary>
    /// The rule's required literals as word numbers, computed once per rule: a rule may match a sentence only when, for
    /// each literal, the sentence has one of its words.
    /// </summary>
    public int[][] AnchorIds(RelationRule rule)
    {
        // A small open-addressed table by object identity: cheaper than a dictionary behind a comparer interface, for a
        // lookup made for every rule on every sentence.
        var mask = _anchorRules.Length - 1;
        for (var slot = RuntimeHelpers.GetHashCode(rule) & mask; _anchorRules[slot] is { } known; slot = (slot + 1) & mask)
        {
            if (ReferenceEquals(known, rule))
                return _anchorIds[slot];
        }
        return Numbered(rule);
    }

    private int[][] Numbered(RelationRule rule) => [.. rule.Anchors.Select(anchor => anchor.Select(w => _ids[w]).ToArray())];

    private readonly RelationRule?[] _anchorRules;
    private readonly int[][][] _anchorIds;

    /// <summary>Number of distinct words.</summary>
    public int Count => _ids.Count;

    /// <summary>
    /// The vocabulary words among the sentence's token keys, as written and as <paramref name="normalize"/> maps them;
    /// <paramref name="normalizeId"/>, when given, is the same map over key numbers (<see cref="Entities.Gazetteer.NormalizeKeyId"/>),
    /// and then no key is hashed.
    /// </summary>
    public SentenceWords Of(IReadOnlyList<Token> tokens, Func<string, string> normalize, Func<int, int>? normalizeId = null) =>
        Of(tokens, normalize, normalizeId, null);

    /// <summary>
    /// <see cref="Of(IReadOnlyList{Token}, Func{string, string}, Func{int, int}?)"/> into the thread's arrays: the words
    /// it gives read the same arrays as the next sentence's of this call on the thread, so they are to be used only until
    /// then (one sentence at a time, as the extractor does).
    /// </summary>
    public SentenceWords OfReused(IReadOnlyList<Token> tokens, Func<string, string> normalize, Func<int, int>? normalizeId = null)
    {
        var arrays = _threadArrays;
        if (arrays is null || !ReferenceEquals(arrays.Vocabulary, this))
            _threadArrays = arrays = new ThreadArrays(this, (_ids.Count + 63) >> 6, (_anchorRules.Length + 63) >> 6);
        else
            arrays.Clear();
        return Of(tokens, normalize, normalizeId, arrays);
    }

    // A thread's arrays for OfReused, of one vocabulary's sizes.
    private sealed class ThreadArrays(RuleVocabulary vocabulary, int words, int rules)
    {
        public RuleVocabulary Vocabulary { get; } = vocabulary;

        public ulong[] Bits { get; } = new ulong[words];

        public ulong[] Possible { get; } = new ulong[rules];

        public ulong[] Decided { get; } = new ulong[rules];

        public void Clear()
        {
            Array.Clear(Bits);
            Array.Clear(Possible);
            Array.Clear(Decided);
        }
    }

    [ThreadStatic]
    private static ThreadArrays? _threadArrays;

    private SentenceWords Of(IReadOnlyList<Token> tokens, Func<string, string> normalize, Func<int, int>? normalizeId, ThreadArrays? arrays)
    {
        var bits = arrays?.Bits ?? new ulong[(_ids.Count + 63) >> 6];
        var byKeyId = _byKeyId;
        // (By index over the list's span: a foreach over the interface boxes an enumerator and copies each token twice.)
        foreach (ref readonly var t in RelationExtractor.TokenSpan(tokens))
        {
            var keyId = TokenKeys.IdOf(t);
            if ((uint)keyId < (uint)byKeyId.Length && byKeyId[keyId] is var found and > 0)
                bits[(found - 1) >> 6] |= 1UL << (found - 1);
            if (normalizeId is not null)
            {
                // A key no table holds has no other spelling either (the spelling map's keys are all registered).
                var n = normalizeId(keyId);
                if (n != keyId && (uint)n < (uint)byKeyId.Length && byKeyId[n] is var other and > 0)
                    bits[(other - 1) >> 6] |= 1UL << (other - 1);
                continue;
            }
            // The spelling map returns its argument when it has no other spelling.
            var key = normalize(t.Key);
            if (!ReferenceEquals(key, t.Key) && _ids.TryGetValue(key, out var id))
                bits[id >> 6] |= 1UL << id;
        }
        return new SentenceWords(this, bits, arrays is null ? Possible(bits) : Possible(bits, arrays.Possible, arrays.Decided), tokens, normalize);
    }

    private readonly int[] _byKeyId;

    internal bool TryGetId(string word, out int id)
    {
        var mask = _wordInstances.Length - 1;
        for (var slot = RuntimeHelpers.GetHashCode(word) & mask; _wordInstances[slot] is { } known; slot = (slot + 1) & mask)
        {
            if (ReferenceEquals(known, word))
            {
                id = _wordIds[slot];
                return true;
            }
        }
        return _ids.TryGetValue(word, out id);
    }

    private readonly string?[] _wordInstances;
    private readonly int[] _wordIds;
}

/// <summary>Which words of a <see cref="RuleVocabulary"/> a sentence has (as its tokens' keys or their normalised spelling).</summary>
internal sealed class SentenceWords
{
    private readonly RuleVocabulary _vocabulary;
    private readonly ulong[] _bits;
    private readonly ulong[] _possible;
    private readonly IReadOnlyList<Token> _tokens;
    private readonly Func<string, string> _normalize;

    internal SentenceWords(RuleVocabulary vocabulary, ulong[] bits, ulong[] possible, IReadOnlyList<Token> tokens, Func<string, string> normalize)
    {
        _vocabulary = vocabulary;
        _bits = bits;
        _possible = possible;
        _tokens = tokens;
        _normalize = normalize;
    }

    /// <summary>True when the sentence has, for each required literal of <paramref name="rule"/>, one of its words (see <see cref="RelationRule.Anchors"/>).</summary>
    public bool HasAnchors(RelationRule rule) =>
        _vocabulary.NumberOf(rule) is var number && number >= 0 ? May(number) : RuleVocabulary.Has(_bits, _vocabulary.AnchorIds(rule));

    /// <summary>
    /// The rules of a kind (<see cref="RuleSet.Of"/>, in order) whose required literals the sentence has, or none when
    /// <paramref name="any"/> is false: what <c>rules.Of(kind).Where(HasAnchors)</c> gives, by the rules' numbers (a bit
    /// each), without an iterator and a delegate per call (several calls per sentence).
    /// </summary>
    public AllowedRules Allowed(RuleSet rules, RuleKind kind, bool any = true) =>
        any ? new(this, rules.Of(kind), rules.NumbersOf(kind)) : new(this, [], []);

    /// <summary>The rules of a list a sentence allows (<see cref="Allowed"/>), for <c>foreach</c>.</summary>
    internal readonly struct AllowedRules(SentenceWords words, System.Collections.Immutable.ImmutableArray<RelationRule> rules, int[] numbers)
    {
        public Enumerator GetEnumerator() => new(words, rules, numbers);

        public struct Enumerator(SentenceWords words, System.Collections.Immutable.ImmutableArray<RelationRule> rules, int[] numbers)
        {
            private int _index = -1;

            public readonly RelationRule Current => rules[_index];

            public bool MoveNext()
            {
                while (++_index < rules.Length)
                {
                    // A rule the vocabulary has no number for (never, for a rule set's own rules) is checked word by word.
                    if (numbers[_index] >= 0 ? words.May(numbers[_index]) : words.HasAnchors(rules[_index]))
                        return true;
                }
                return false;
            }
        }
    }

    /// <summary><see cref="HasAnchors"/> of the rule with this number in the vocabulary (<see cref="RuleVocabulary.NumberOf"/>).</summary>
    public bool May(int number) => (_possible[number >> 6] & (1UL << number)) != 0;

    /// <summary>True when a token of the sentence has the key <paramref name="word"/>, as written or normalised.</summary>
    public bool Contains(string word)
    {
        if (_vocabulary.TryGetId(word, out var id))
            return (_bits[id >> 6] & (1UL << id)) != 0;
        // A word the rules never ask about (a caller's own): look at the tokens.
        foreach (var t in _tokens)
        {
            if (t.Key == word || _normalize(t.Key) == word)
                return true;
        }
        return false;
    }
}
