using System.Collections;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace KnowledgeGraph.Core.Graph;

/// <summary>
/// The properties of a node or relationship: an immutable map of names to values, sorted by name (ordinal), held as one
/// array of pairs. An assembled archive has a property map per node and relationship (a quarter of a million at 100 MB
/// of text): a tree of one object per property (<see cref="ImmutableSortedDictionary{TKey, TValue}"/>, which this
/// replaces and converts to and from) cost about twice the memory of the array.
/// </summary>
public sealed class PropertyDictionary : IReadOnlyDictionary<string, PropertyValue>
{
    private readonly KeyValuePair<string, PropertyValue>[] _items;

    private PropertyDictionary(KeyValuePair<string, PropertyValue>[] items) => _items = items;

    /// <summary>The map without properties.</summary>
    public static PropertyDictionary Empty { get; } = new([]);

    /// <summary>A map of <paramref name="items"/>.</summary>
    /// <exception cref="ArgumentException">A name is given twice with different values.</exception>
    public static PropertyDictionary Create(IEnumerable<KeyValuePair<string, PropertyValue>> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items is PropertyDictionary map)
            return map;
        var array = items.ToArray();
        if (array.Length == 0)
            return Empty;
        // Stable, so that of two equal pairs the first is kept.
        var sorted = array.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        var distinct = new List<KeyValuePair<string, PropertyValue>>(sorted.Count);
        foreach (var kv in sorted)
        {
            ArgumentNullException.ThrowIfNull(kv.Key, nameof(items));
            if (distinct.Count > 0 && distinct[^1].Key == kv.Key)
            {
                if (!distinct[^1].Value.Equals(kv.Value))
                    throw new ArgumentException($"Property '{kv.Key}' is given twice with different values.", nameof(items));
                continue;
            }
            distinct.Add(kv);
        }
        return new PropertyDictionary([.. distinct]);
    }

    // Pairs already sorted by name (ordinal), each name once: taken as they are.
    internal static PropertyDictionary FromSorted(KeyValuePair<string, PropertyValue>[] items) => items.Length == 0 ? Empty : new(items);

    /// <summary>The map of <paramref name="properties"/> (sorted by name, ordinal, whatever its comparer).</summary>
    public static implicit operator PropertyDictionary(ImmutableSortedDictionary<string, PropertyValue> properties) =>
        properties is null ? Empty : Create(properties);

    /// <summary>The same properties as an <see cref="ImmutableSortedDictionary{TKey, TValue}"/> ordered by name (ordinal).</summary>
    public static implicit operator ImmutableSortedDictionary<string, PropertyValue>(PropertyDictionary properties) =>
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, properties ?? Empty);

    /// <summary>The map of <paramref name="properties"/>.</summary>
    public static PropertyDictionary FromImmutableSortedDictionary(ImmutableSortedDictionary<string, PropertyValue> properties) => properties;

    /// <summary>The same properties as an <see cref="ImmutableSortedDictionary{TKey, TValue}"/>.</summary>
    public ImmutableSortedDictionary<string, PropertyValue> ToImmutableSortedDictionary() => this;

    /// <inheritdoc/>
    public int Count => _items.Length;

    /// <summary>True when there is no property.</summary>
    public bool IsEmpty => _items.Length == 0;

    /// <inheritdoc/>
    public PropertyValue this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No property '{key}'.");

    /// <inheritdoc/>
    public IEnumerable<string> Keys => _items.Select(kv => kv.Key);

    /// <inheritdoc/>
    public IEnumerable<PropertyValue> Values => _items.Select(kv => kv.Value);

    /// <inheritdoc/>
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <inheritdoc/>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out PropertyValue value)
    {
        var i = IndexOf(key);
        value = i >= 0 ? _items[i].Value : default;
        return i >= 0;
    }

    /// <summary>This map with <paramref name="key"/> set to <paramref name="value"/> (added, or in place of the value it had).</summary>
    public PropertyDictionary SetItem(string key, PropertyValue value)
    {
        ArgumentNullException.ThrowIfNull(key);
        var i = IndexOf(key);
        if (i >= 0)
        {
            var copy = (KeyValuePair<string, PropertyValue>[])_items.Clone();
            copy[i] = new(_items[i].Key, value);
            return new PropertyDictionary(copy);
        }
        var at = ~i;
        var items = new KeyValuePair<string, PropertyValue>[_items.Length + 1];
        Array.Copy(_items, items, at);
        items[at] = new(key, value);
        Array.Copy(_items, at, items, at + 1, _items.Length - at);
        return new PropertyDictionary(items);
    }

    /// <summary>This map without <paramref name="key"/>.</summary>
    public PropertyDictionary Remove(string key)
    {
        var i = IndexOf(key);
        if (i < 0)
            return this;
        var items = new KeyValuePair<string, PropertyValue>[_items.Length - 1];
        Array.Copy(_items, items, i);
        Array.Copy(_items, i + 1, items, i, _items.Length - i - 1);
        return FromSorted(items);
    }

    /// <summary>Enumerates the properties by name (ordinal).</summary>
    public Enumerator GetEnumerator() => new(_items);

    IEnumerator<KeyValuePair<string, PropertyValue>> IEnumerable<KeyValuePair<string, PropertyValue>>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // The index of key, or the complement of where it would go.
    private int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        int lo = 0, hi = _items.Length - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var c = string.CompareOrdinal(_items[mid].Key, key);
            if (c == 0)
                return mid;
            if (c < 0)
                lo = mid + 1;
            else
                hi = mid - 1;
        }
        return ~lo;
    }

    /// <summary>Walks the properties by name.</summary>
    public struct Enumerator : IEnumerator<KeyValuePair<string, PropertyValue>>
    {
        private readonly KeyValuePair<string, PropertyValue>[] _items;
        private int _index;

        internal Enumerator(KeyValuePair<string, PropertyValue>[] items)
        {
            _items = items;
            _index = -1;
        }

        /// <inheritdoc/>
        public readonly KeyValuePair<string, PropertyValue> Current => _items[_index];

        readonly object IEnumerator.Current => Current;

        /// <inheritdoc/>
        public bool MoveNext() => ++_index < _items.Length;

        /// <inheritdoc/>
        public void Reset() => _index = -1;

        /// <inheritdoc/>
        public readonly void Dispose()
        {
        }
    }
}
