using System.Collections.Immutable;

namespace KnowledgeGraph.Core.Graph;

/// <summary>Small helper to build a sorted property map, skipping absent values.</summary>
public sealed class PropertyBag
{
    private readonly List<KeyValuePair<string, PropertyValue>> _items = [];

    // Sets a property (a name set again takes the later value).
    private void Set(string key, PropertyValue value)
    {
        ArgumentNullException.ThrowIfNull(key);
        for (var i = 0; i < _items.Count; i++)
        {
            if (_items[i].Key == key)
            {
                _items[i] = new(key, value);
                return;
            }
        }
        _items.Add(new(key, value));
    }

    /// <summary>Adds a string unless it is null or empty.</summary>
    public PropertyBag Add(string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
            Set(key, PropertyValue.Of(value));
        return this;
    }

    /// <summary>Adds a list unless it is null or empty.</summary>
    public PropertyBag Add(string key, IEnumerable<string>? values)
    {
        var list = values?.ToImmutableArray() ?? [];
        if (list.Length > 0)
            Set(key, PropertyValue.Of(list));
        return this;
    }

    /// <summary>Adds an integer.</summary>
    public PropertyBag Add(string key, long? value)
    {
        if (value is { } v)
            Set(key, PropertyValue.Of(v));
        return this;
    }

    /// <summary>Adds a double.</summary>
    public PropertyBag Add(string key, double? value)
    {
        if (value is { } v && double.IsFinite(v))
            Set(key, PropertyValue.Of(v));
        return this;
    }

    /// <summary>Adds a date.</summary>
    public PropertyBag Add(string key, DateOnly? value)
    {
        if (value is { } v)
            Set(key, PropertyValue.Of(v));
        return this;
    }

    /// <summary>The properties built so far.</summary>
    public PropertyDictionary Build()
    {
        var items = _items.ToArray();
        Array.Sort(items, (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return PropertyDictionary.FromSorted(items);
    }
}
