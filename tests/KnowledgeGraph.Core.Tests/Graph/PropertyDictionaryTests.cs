using System.Collections.Immutable;
using KnowledgeGraph.Core.Graph;

namespace KnowledgeGraph.Core.Tests.Graph;

public class PropertyDictionaryTests
{
    [Fact]
    public void Build_KeysAddedInAnyOrder_EnumeratedByOrdinalNameAndFound()
    {
        // Arrange / Act: ordinal order puts "placeId" after "place" and capitals before lower case.
        var props = new PropertyBag().Add("placeId", "city:kyiv").Add("name", "Kyiv talks").Add("Zeta", 1L).Add("place", "Kyiv").Build();

        // Assert
        Assert.Equal(["Zeta", "name", "place", "placeId"], props.Keys);
        Assert.Equal(4, props.Count);
        Assert.True(props.TryGetValue("place", out var place));
        Assert.Equal("Kyiv", place.AsString());
        Assert.False(props.TryGetValue("date", out _));
        Assert.False(props.ContainsKey("Name"));
        Assert.Throws<KeyNotFoundException>(() => props["date"]);
    }

    [Fact]
    public void Build_NameSetTwice_KeepsTheLaterValue()
    {
        var props = new PropertyBag().Add("name", "first").Add("name", "second").Build();

        Assert.Equal(["name"], props.Keys);
        Assert.Equal("second", props["name"].AsString());
    }

    [Fact]
    public void SetItemAndRemove_LeaveTheOriginalAndKeepTheOrder()
    {
        // Arrange
        var props = new PropertyBag().Add("b", "2").Add("d", "4").Build();

        // Act
        var added = props.SetItem("c", PropertyValue.Of("3")).SetItem("a", PropertyValue.Of("1")).SetItem("e", PropertyValue.Of("5"));
        var replaced = added.SetItem("c", PropertyValue.Of("three"));
        var removed = replaced.Remove("a").Remove("missing");

        // Assert
        Assert.Equal(["b", "d"], props.Keys);
        Assert.Equal(["a", "b", "c", "d", "e"], added.Keys);
        Assert.Equal("3", added["c"].AsString());
        Assert.Equal("three", replaced["c"].AsString());
        Assert.Equal(["b", "c", "d", "e"], removed.Keys);
        Assert.True(PropertyDictionary.Empty.SetItem("x", PropertyValue.Of(1.5)).Remove("x").IsEmpty);
    }

    [Fact]
    public void Conversions_FromAndToImmutableSortedDictionary_SameProperties()
    {
        // Arrange: a dictionary with the default (culture) comparer, as a reader might make one.
        var tree = ImmutableSortedDictionary.CreateRange(new Dictionary<string, PropertyValue>
        {
            ["placeId"] = PropertyValue.Of("city:kyiv"),
            ["place"] = PropertyValue.Of("Kyiv"),
            ["documents"] = PropertyValue.Of(["b.txt", "a.txt"]),
        });

        // Act
        PropertyDictionary props = tree;
        ImmutableSortedDictionary<string, PropertyValue> back = props;

        // Assert: ordinal order either way, values by content.
        Assert.Equal(["documents", "place", "placeId"], props.Keys);
        Assert.Equal(new[] { "b.txt", "a.txt" }, props["documents"].AsList().ToArray());
        Assert.Equal(props.Keys, back.Keys);
        Assert.All(back, kv => Assert.True(props[kv.Key].Equals(kv.Value)));
    }

    [Fact]
    public void Create_SameNameTwice_RefusedUnlessTheSameValue()
    {
        var same = PropertyDictionary.Create([new("a", PropertyValue.Of(1L)), new("a", PropertyValue.Of(1L))]);

        Assert.Equal(["a"], same.Keys);
        Assert.Throws<ArgumentException>(() => PropertyDictionary.Create([new("a", PropertyValue.Of(1L)), new("a", PropertyValue.Of(2L))]));
    }
}
