using System.Collections.Immutable;

namespace KnowledgeGraph.Core.Graph;

/// <summary>Small helper to build a sorted property map, skipping absent values.</summary>
public sealed class PropertyBag
{
    private readonly ImmutableSortedDictionary<string, PropertyValue>.Builder _builder =
        ImmutableSortedDictionary.CreateBuilder<string, PropertyValue>(StringComparer.Ordinal);

    /// <summary>Adds a string unless it is null or empty.</summary>
    public PropertyBag Add(string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
            _builder[key] = PropertyValue.Of(value);
        return this;
    }

    /// <summary>Adds a list unless it is null or empty.</summary>
    public PropertyBag Add(string key, IEnumerable<string>? values)
    {
        var list = values?.ToImmutableArray() ?? [];
        if (list.Length > 0)
            _builder[key] = PropertyValue.Of(list);
        return this;
    }

    /// <summary>Adds an integer.</summary>
    public PropertyBag Add(string key, long? value)
    {
        if (value is { } v)
            _builder[key] = PropertyValue.Of(v);
        return this;
    }

    /// <summary>Adds a double.</summary>
    public PropertyBag Add(string key, double? value)
    {
        if (value is { } v && double.IsFinite(v))
            _builder[key] = PropertyValue.Of(v);
        return this;
    }

    /// <summary>Adds a date.</summary>
    public PropertyBag Add(string key, DateOnly? value)
    {
        if (value is { } v)
            _builder[key] = PropertyValue.Of(v);
        return this;
    }

    /// <summary>The properties built so far.</summary>
    public ImmutableSortedDictionary<string, PropertyValue> Build() => _builder.ToImmutable();
}
