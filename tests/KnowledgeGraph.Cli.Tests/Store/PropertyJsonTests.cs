using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.Store;

namespace KnowledgeGraph.Cli.Tests.Store;

public sealed class PropertyJsonTests
{
    [Fact]
    public void Write_EveryKind_IsTheDocumentedJsonAndReadsBackTheSameTypes()
    {
        // Arrange: a whole-number float and an integer, a date and a date-shaped string, a list and booleans.
        var props = new PropertyBag()
            .Add("betweenness", 1.0).Add("degree", 3L).Add("date", new DateOnly(2023, 5, 30)).Add("dateText", "2023-05-30")
            .Add("aliases", ["Støre", "a \"quoted\" one"]).Build().SetItem("flag", PropertyValue.Of(true));

        // Act
        var json = PropertyJson.Write(props);
        var back = PropertyJson.Read(json).ToImmutable();

        // Assert
        Assert.Equal("""{"aliases":["Støre","a \"quoted\" one"],"betweenness":{"float":1},"date":{"date":"2023-05-30"},"dateText":"2023-05-30","degree":3,"flag":true}""", json);
        Assert.Equal(PropertyKind.Float, back["betweenness"].Kind);
        Assert.Equal(PropertyKind.Integer, back["degree"].Kind);
        Assert.Equal(new DateOnly(2023, 5, 30), back["date"].AsDate());
        Assert.Equal(PropertyKind.String, back["dateText"].Kind);
        Assert.Equal(["Støre", "a \"quoted\" one"], back["aliases"].AsList().ToArray());
        Assert.True(back["flag"].AsBoolean());
    }

    [Fact]
    public void Write_ManyInARow_EachAsWrittenAlone()
    {
        // Arrange: the writer and its buffer are reused from call to call on a thread; a long object, a short one, an
        // empty one and one whose writing failed must leave nothing behind for the next.
        var longOne = new PropertyBag().Add("name", new string('x', 5000)).Add("n", 1L).Build();
        var shortOne = new PropertyBag().Add("a", "b").Build();
        var empty = new PropertyBag().Build();
        static IEnumerable<KeyValuePair<string, PropertyValue>> Broken()
        {
            yield return new("k", PropertyValue.Of("v"));
            throw new InvalidOperationException("failed half-way");
        }

        // Act
        var first = PropertyJson.Write(shortOne);
        var afterLong = (PropertyJson.Write(longOne), PropertyJson.Write(shortOne)).Item2;
        Assert.Throws<InvalidOperationException>(() => PropertyJson.Write(Broken()));
        var afterBroken = PropertyJson.Write(shortOne);

        // Assert
        Assert.Equal("""{"a":"b"}""", first);
        Assert.Equal(first, afterLong);
        Assert.Equal(first, afterBroken);
        Assert.Equal("{}", PropertyJson.Write(empty));
        Assert.Equal(5000 + """{"n":1,"name":""}""".Length, PropertyJson.Write(longOne).Length);
    }
}
