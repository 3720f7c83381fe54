using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using KnowledgeGraph.Writers.Html;
using KnowledgeGraph.Writers.Tests.Support;

namespace KnowledgeGraph.Writers.Tests.Html;

/// <summary>
/// graph.html's data block is source-generated (<see cref="HtmlPageJson"/>) so that the native build of kg can write it;
/// it must be byte for byte what the reflection-based serialiser wrote before.
/// </summary>
public sealed class HtmlPageJsonTests
{
    private static readonly JsonSerializerOptions Reflection = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    };

    public static TheoryData<string> Graphs => ["hostile", "kinds"];

    [Theory]
    [MemberData(nameof(Graphs))]
    public void Render_DataBlock_SameBytesAsReflection(string name)
    {
        // Arrange
        var graph = name == "hostile" ? SampleGraphs.Hostile() : SampleGraphs.Kinds();

        // Act
        var page = HtmlWriter.Render(graph);

        // Assert
        var data = JsonSerializer.Serialize(HtmlPageData.Of(graph, HtmlWriter.DefaultTopPeople), Reflection);
        Assert.Contains("<script type=\"application/json\" id=\"kg-data\">" + data + "</script>", page, StringComparison.Ordinal);
    }
}
