using System.Collections.Concurrent;

namespace KnowledgeGraph.Core.Text;

/// <summary>
/// The folded keys the data asks about (gazetteer phrases, title phrases, rule words), each with a small positive number:
/// the tokenizer gives every token its key's number once (<see cref="Token.KeyId"/>), so that the phrase tries and the
/// rule matcher compare and index integers instead of hashing the same strings again at every token.
/// </summary>
/// <remarks>
/// Only keys something registers (<see cref="Intern"/>, at data load) get a number: a word no table holds stays
/// unnumbered, so the table does not grow with the corpus. An unnumbered token's <see cref="Token.KeyId"/> is negative
/// and records how many keys were registered when it was made (<see cref="Absent"/>); a table registered after that
/// (a test that tokenises first and loads data second) is still found, by looking the key up again (<see cref="IdOf(in Token)"/>).
/// </remarks>
public static class TokenKeys
{
    private static readonly ConcurrentDictionary<string, int> Ids = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();

    // Number of keys registered: ids are 1..Count. Read without the lock; written only under it, after the id is in Ids.
    private static volatile int _count;

    /// <summary>How many keys have a number (the highest number given).</summary>
    public static int Count => _count;

    /// <summary>The number of <paramref name="key"/>, registering it when it has none.</summary>
    public static int Intern(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (Ids.TryGetValue(key, out var id))
            return id;
        lock (Gate)
        {
            if (Ids.TryGetValue(key, out id))
                return id;
            id = _count + 1;
            Ids[key] = id;
            _count = id;
            return id;
        }
    }

    /// <summary>The number of a registered key, else <see cref="Absent"/> (negative): what the tokenizer gives a token.</summary>
    public static int Lookup(string key)
    {
        // The count is read before the lookup: a key registered in between is then seen as stale and looked up again.
        var count = _count;
        return Ids.TryGetValue(key, out var id) ? id : Absent(count);
    }

    /// <summary>The value of an unnumbered key while <paramref name="count"/> keys are registered.</summary>
    public static int Absent(int count) => -1 - count;

    /// <summary>
    /// The current number of a token's key, or -1 when no table holds it: the token's own number, unless it was made
    /// before the last registration (or by hand, with no number), in which case the key is looked up again.
    /// </summary>
    public static int IdOf(in Token token)
    {
        var id = token.KeyId;
        if (id > 0)
            return id;
        if (id < 0 && id == Absent(_count))
            return -1;
        return Ids.TryGetValue(token.Key, out var found) ? found : -1;
    }

    /// <summary>The current number of a key, or -1 when no table holds it.</summary>
    public static int IdOf(string key) => Ids.TryGetValue(key, out var id) ? id : -1;
}
