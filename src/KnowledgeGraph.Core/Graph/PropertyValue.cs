using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;

namespace KnowledgeGraph.Core.Graph;

/// <summary>The kinds of value a node or relationship property can hold; every writer maps each kind to its format's type.</summary>
public enum PropertyKind
{
    /// <summary>A string.</summary>
    String,
    /// <summary>A list of strings.</summary>
    StringList,
    /// <summary>A 64-bit integer.</summary>
    Integer,
    /// <summary>A double.</summary>
    Float,
    /// <summary>A boolean.</summary>
    Boolean,
    /// <summary>A calendar date, written as ISO <c>yyyy-MM-dd</c>.</summary>
    Date,
}

/// <summary>One typed property value. Immutable; compare with <see cref="Equals(PropertyValue)"/>, which compares lists by content.</summary>
public readonly struct PropertyValue : IEquatable<PropertyValue>
{
    private readonly object _value;

    private PropertyValue(PropertyKind kind, object value)
    {
        Kind = kind;
        _value = value;
    }

    /// <summary>The kind of the value.</summary>
    public PropertyKind Kind { get; }

    /// <summary>Creates a string value.</summary>
    public static PropertyValue Of(string value) => new(PropertyKind.String, value ?? throw new ArgumentNullException(nameof(value)));

    // A list is held as its array (an ImmutableArray boxed into the object field would cost an object more per list).
    /// <summary>Creates a string-list value.</summary>
    public static PropertyValue Of(IEnumerable<string> values) =>
        new(PropertyKind.StringList, ImmutableCollectionsMarshal.AsArray(values.ToImmutableArray())!);

    /// <summary>Creates an integer value.</summary>
    public static PropertyValue Of(long value) => new(PropertyKind.Integer, value);

    /// <summary>Creates a floating-point value.</summary>
    public static PropertyValue Of(double value) => new(PropertyKind.Float, value);

    /// <summary>Creates a boolean value.</summary>
    public static PropertyValue Of(bool value) => new(PropertyKind.Boolean, value);

    /// <summary>Creates a date value.</summary>
    public static PropertyValue Of(DateOnly value) => new(PropertyKind.Date, value);

    /// <summary>The string of a <see cref="PropertyKind.String"/> value.</summary>
    public string AsString() => (string)_value;

    /// <summary>The items of a <see cref="PropertyKind.StringList"/> value.</summary>
    public ImmutableArray<string> AsList() => ImmutableCollectionsMarshal.AsImmutableArray((string[])_value);

    /// <summary>The number of an <see cref="PropertyKind.Integer"/> value.</summary>
    public long AsInteger() => (long)_value;

    /// <summary>The number of a <see cref="PropertyKind.Float"/> value.</summary>
    public double AsFloat() => (double)_value;

    /// <summary>The flag of a <see cref="PropertyKind.Boolean"/> value.</summary>
    public bool AsBoolean() => (bool)_value;

    /// <summary>The date of a <see cref="PropertyKind.Date"/> value.</summary>
    public DateOnly AsDate() => (DateOnly)_value;

    /// <summary>The value as invariant text: ISO dates, round-trip doubles, lists joined with <paramref name="listSeparator"/>.</summary>
    public string ToInvariantString(string listSeparator = ";") => Kind switch
    {
        PropertyKind.String => AsString(),
        PropertyKind.StringList => string.Join(listSeparator, AsList()),
        PropertyKind.Integer => AsInteger().ToString(CultureInfo.InvariantCulture),
        PropertyKind.Float => AsFloat().ToString("R", CultureInfo.InvariantCulture),
        PropertyKind.Boolean => AsBoolean() ? "true" : "false",
        PropertyKind.Date => AsDate().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException($"Unknown property kind {Kind}."),
    };

    /// <inheritdoc/>
    public bool Equals(PropertyValue other) =>
        Kind == other.Kind && (Kind == PropertyKind.StringList
            ? AsList().SequenceEqual(other.AsList(), StringComparer.Ordinal)
            : Equals(_value, other._value));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PropertyValue other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Kind == PropertyKind.StringList
        ? AsList().Aggregate((int)Kind, (h, s) => HashCode.Combine(h, StringComparer.Ordinal.GetHashCode(s)))
        : HashCode.Combine(Kind, _value);

    /// <inheritdoc/>
    public override string ToString() => ToInvariantString();

    /// <summary>Equality operator.</summary>
    public static bool operator ==(PropertyValue left, PropertyValue right) => left.Equals(right);

    /// <summary>Inequality operator.</summary>
    public static bool operator !=(PropertyValue left, PropertyValue right) => !left.Equals(right);
}
