using KnowledgeGraph.Core.Text;

namespace KnowledgeGraph.Core.Entities;

/// <summary>How an alias token must look in text for a case-insensitive match to count.</summary>
public enum TokenShape : byte
{
    /// <summary>Lower case: matches any case.</summary>
    Any,
    /// <summary>Capitalised: the text token must start with a capital (or be all capitals).</summary>
    Capitalized,
    /// <summary>An acronym: the text token must be all capitals.</summary>
    Acronym,
}

/// <summary>One phrase stored in a <see cref="PhraseTrie{T}"/>, with the shapes its tokens must have.</summary>
/// <typeparam name="T">The payload.</typeparam>
/// <param name="Value">What the phrase means.</param>
/// <param name="Surface">The phrase as written in the data.</param>
/// <param name="Shapes">Case shape per token.</param>
public sealed record PhraseMatch<T>(T Value, string Surface, TokenShape[] Shapes);

/// <summary>
/// A trie over folded token keys: finds the longest phrase starting at a token. Hyphens are skipped on both sides, so
/// "Secretary-General" and "Secretary General" are one key. The keys are held by their numbers (<see cref="TokenKeys"/>):
/// a lookup reads the number the tokenizer gave the token instead of hashing its key at every level.
/// </summary>
/// <typeparam name="T">The payload of a phrase.</typeparam>
public sealed class PhraseTrie<T>
{
    private static readonly List<PhraseMatch<T>> NoMatches = [];

    private readonly Node _root = new();

    // The root's children by key number (null where no phrase starts with the key): the same nodes as its dictionary.
    private Node?[] _rootById = [];

    // The shared empty list, reached through the instance: a static field of a generic class over reference types costs
    // a runtime type lookup at each read, and LongestMatch reads it at every token.
    private readonly List<PhraseMatch<T>> _noMatches = NoMatches;
    private readonly Func<string, string> _normalizeKey;
    private readonly Func<int, int>? _normalizeId;

    /// <summary>
    /// Creates a trie; <paramref name="normalizeKey"/> maps a folded token key (e.g. British to American spelling), and
    /// <paramref name="normalizeId"/>, when given, does the same to key numbers (<see cref="TokenKeys"/>): it must map a
    /// key's number to the number of the key <paramref name="normalizeKey"/> gives (and -1 to -1), for every key it
    /// changes. Without it the normalised key of each token is looked up by its text.
    /// </summary>
    public PhraseTrie(Func<string, string>? normalizeKey = null, Func<int, int>? normalizeId = null)
    {
        _normalizeKey = normalizeKey ?? (k => k);
        _normalizeId = normalizeKey is null ? (id => id) : normalizeId;
    }

    /// <summary>Number of phrases added.</summary>
    public int Count { get; private set; }

    /// <summary>Adds a phrase.</summary>
    public void Add(string phrase, T value)
    {
        // Run for each of the gazetteer's ~40,000 names and aliases at every start: no LINQ.
        var tokens = Tokenizer.Tokenize(phrase);
        tokens.RemoveAll(TextFolding.IsConnector);
        if (tokens.Count == 0)
            return;
        var node = _root;
        var shapes = new TokenShape[tokens.Count];
        for (var k = 0; k < tokens.Count; k++)
        {
            var key = TokenKeys.Intern(_normalizeKey(tokens[k].Key));
            node.Children ??= [];
            if (!node.Children.TryGetValue(key, out var child))
            {
                node.Children[key] = child = new Node();
                if (k == 0)
                {
                    if (key >= _rootById.Length)
                        Array.Resize(ref _rootById, Math.Max(key + 1, _rootById.Length * 2));
                    _rootById[key] = child;
                }
            }
            node = child;
            shapes[k] = ShapeOf(tokens[k]);
        }
        node.Matches ??= [];
        node.Matches.Add(new PhraseMatch<T>(value, phrase, shapes));
        Count++;
    }

    /// <summary>
    /// Finds the longest phrase starting at <paramref name="start"/> whose token shapes fit the text
    /// (<paramref name="caseSensitive"/> demands each capitalised or acronym token to look so in the text).
    /// Returns the index just past the match, or -1.
    /// </summary>
    public int LongestMatch(IReadOnlyList<Token> tokens, int start, bool caseSensitive, out List<PhraseMatch<T>> matches)
    {
        // Called at every token of every sentence, most often to find nothing: no allocation on that path. The lists
        // handed out are the trie's own (or the shared empty one), to be read, never changed.
        matches = _noMatches;
        if (start >= tokens.Count)
            return -1;
        var first = tokens[start];
        if (TextFolding.IsConnector(first))
            return -1;
        // The first word, looked up at every token: an array read by the key's number; most tokens start no phrase.
        var firstId = KeyId(first);
        if ((uint)firstId >= (uint)_rootById.Length || _rootById[firstId] is not { } node)
            return -1;
        var bestEnd = -1;
        List<PhraseMatch<T>>? best = null;
        Span<int> used = stackalloc int[8];
        var count = 0;
        for (var i = start; i < tokens.Count; i++)
        {
            if (i > start)
            {
                if (TextFolding.IsConnector(tokens[i]))
                    continue;
                if (node.Children is null || !node.Children.TryGetValue(KeyId(tokens[i]), out var next))
                    break;
                node = next;
            }
            if (count == used.Length)
            {
                var longer = new int[used.Length * 2];
                used.CopyTo(longer);
                used = longer;
            }
            used[count++] = i;
            if (node.Matches is null)
                continue;
            var fitting = caseSensitive ? Fitting(node.Matches, tokens, used[..count]) : node.Matches;
            if (fitting.Count > 0)
            {
                bestEnd = i + 1;
                best = fitting;
            }
        }
        if (best is null)
            return -1;
        matches = best;
        return bestEnd;
    }

    // The number of the token's normalised key, or -1 when no phrase has it.
    private int KeyId(Token token) =>
        _normalizeId is { } normalizeId ? normalizeId(TokenKeys.IdOf(token)) : TokenKeys.IdOf(_normalizeKey(token.Key));

    // The phrases whose shapes fit, in order: the node's own list when all do (the usual case), a new one only when some do not.
    private static List<PhraseMatch<T>> Fitting(List<PhraseMatch<T>> candidates, IReadOnlyList<Token> tokens, ReadOnlySpan<int> used)
    {
        var fits = 0;
        foreach (var m in candidates)
        {
            if (Fits(m.Shapes, tokens, used))
                fits++;
        }
        if (fits == candidates.Count)
            return candidates;
        if (fits == 0)
            return NoMatches;
        var some = new List<PhraseMatch<T>>(fits);
        foreach (var m in candidates)
        {
            if (Fits(m.Shapes, tokens, used))
                some.Add(m);
        }
        return some;
    }

    private static bool Fits(TokenShape[] shapes, IReadOnlyList<Token> tokens, ReadOnlySpan<int> used)
    {
        for (var k = 0; k < shapes.Length; k++)
        {
            var t = tokens[used[k]];
            switch (shapes[k])
            {
                case TokenShape.Capitalized when !t.IsCapitalized:
                case TokenShape.Acronym when !t.IsAllCaps:
                    return false;
            }
        }
        return true;
    }

    internal static TokenShape ShapeOf(Token t)
    {
        if (t.Kind != TokenKind.Word)
            return TokenShape.Any;
        var (upper, lower) = (0, 0);
        foreach (var c in t.Text)
        {
            if (char.IsUpper(c))
                upper++;
            else if (char.IsLower(c))
                lower++;
        }
        if (upper >= 2 && lower == 0)
            return TokenShape.Acronym;
        return upper > 0 ? TokenShape.Capitalized : TokenShape.Any;
    }

    private sealed class Node
    {
        public Dictionary<int, Node>? Children;
        public List<PhraseMatch<T>>? Matches;
    }
}
