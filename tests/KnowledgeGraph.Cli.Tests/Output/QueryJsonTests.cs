using System.Text.Encodings.Web;
using System.Text.Json;
using KnowledgeGraph.Analysis;
using KnowledgeGraph.Cli.Commands;
using KnowledgeGraph.Core.Graph;

namespace KnowledgeGraph.Cli.Tests.Output;

/// <summary>
/// The query commands' JSON is source-generated (<see cref="QueryJson"/>) so that the native build of kg can write it;
/// it must be byte for byte what the reflection-based serialiser wrote before.
/// </summary>
public sealed class QueryJsonTests
{
    private static readonly JsonSerializerOptions Reflection = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    };

    [Fact]
    public void Write_Json_SameBytesAsReflection()
    {
        // Arrange: nulls, quotes, non-ASCII, HTML characters and a newline.
        string[] columns = ["name", "date", "evidence"];
        string?[][] rows =
        [
            ["Jonas Gahr Støre", "2023-05-01", "He said \"we met\" <b>& talked</b>\nagain."],
            ["محمد", null, ""],
        ];
        var stdout = new StringWriter();

        // Act
        OutputFormat.Write("json", columns, rows, stdout);

        // Assert
        var objects = rows.Select(r => columns.Select((c, i) => (c, r[i])).ToDictionary(x => x.c, x => x.Item2)).ToList();
        Assert.Equal(JsonSerializer.Serialize(objects, Reflection) + Environment.NewLine, stdout.ToString());
    }

    [Fact]
    public void WriteJson_Path_SameBytesAsReflectionOfTheAnonymousObjects()
    {
        // Arrange: two hops, one with an undated, placeless encounter.
        static GraphNode Person(string id, string name) => new(id, [GraphSchema.Person], new PropertyBag().Add("name", name).Build());
        var a = Person("person:a", "Anna Berg");
        var b = Person("person:b", "Carl \"C\" Dahl");
        var c = Person("person:c", "Dóra Eng");
        var met = new Encounter(["r1"], "met-with", new DateOnly(2023, 5, 1), "Oslo", ["a.txt", "b.txt"], ["Anna met Carl <there>."]);
        var covisit = new Encounter(["r2", "r3"], "co-visit", null, null, ["c.txt"], []);
        Hop[] hops = [new(a, b, new PersonLink(a, b, [met, covisit])), new(b, c, new PersonLink(b, c, [met]))];
        var stdout = new StringWriter();

        // Act
        PathCommand.WriteJson(hops, stdout);

        // Assert: the anonymous objects the command serialised by reflection before.
        var objects = hops.Select((h, i) => new
        {
            hop = i + 1,
            from = new { id = h.From.Id, name = h.From.Name },
            to = new { id = h.To.Id, name = h.To.Name },
            meetings = h.Link.Encounters.Select(e => new { kind = e.Kind, date = PathCommand.Date(e.Date), place = e.Place, documents = e.Documents, evidence = e.Evidence }),
        });
        Assert.Equal(JsonSerializer.Serialize(objects, Reflection) + Environment.NewLine, stdout.ToString());
    }
}
