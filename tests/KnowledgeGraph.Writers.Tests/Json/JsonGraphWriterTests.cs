using System.Text;
using System.Text.Json;
using KnowledgeGraph.Core.Errors;
using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.Writers.Json;
using KnowledgeGraph.Writers.Tests.Support;

namespace KnowledgeGraph.Writers.Tests.Json;

public sealed class JsonGraphWriterTests
{
    private static async Task<string> WriteAsync(PropertyGraph graph)
    {
        var dir = SampleGraphs.TempDir();
        await new JsonGraphWriter().WriteAsync(graph, dir, CancellationToken.None);
        return await File.ReadAllTextAsync(Path.Combine(dir, JsonGraphWriter.FileName));
    }

    [Fact]
    public async Task WriteAsync_HostileGraph_WritesNodesThenRelationshipsOnePerLine()
    {
        // Arrange
        var graph = SampleGraphs.Hostile();

        // Act
        var text = await WriteAsync(graph);

        // Assert
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var lines = text.TrimEnd('\n').Split('\n');
        Assert.Equal(9 + 9, lines.Length);
        var types = lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("type").GetString()).ToList();
        Assert.All(types.Take(9), t => Assert.Equal("node", t));
        Assert.All(types.Skip(9), t => Assert.Equal("relationship", t));
    }

    [Fact]
    public async Task WriteAsync_MetWith_HasApocShapeWithTypedValues()
    {
        // Arrange
        var graph = SampleGraphs.Hostile();

        // Act
        var text = await WriteAsync(graph);

        // Assert
        var r1 = text.Split('\n').Select(l => l.Length == 0 ? default : JsonDocument.Parse(l).RootElement)
            .First(e => e.ValueKind == JsonValueKind.Object && e.GetProperty("id").GetString() == "r1");
        Assert.Equal("MET_WITH", r1.GetProperty("label").GetString());
        Assert.Equal("person:jens-stoltenberg", r1.GetProperty("start").GetProperty("id").GetString());
        Assert.Equal("Person", r1.GetProperty("start").GetProperty("labels")[0].GetString());
        Assert.Equal("person:lloyd-austin", r1.GetProperty("end").GetProperty("id").GetString());
        var props = r1.GetProperty("properties");
        Assert.Equal("2023-02-08", props.GetProperty("date").GetString());
        Assert.Equal("Brussels", props.GetProperty("place").GetString());
        Assert.Equal(JsonValueKind.Number, props.GetProperty("count").ValueKind);
        Assert.Equal(2, props.GetProperty("count").GetInt64());
        Assert.Equal(SampleGraphs.HostileEvidence, props.GetProperty("evidence")[0].GetString());
    }

    [Fact]
    public async Task WriteAsync_Text_KeepsUnicodeReadableAndEscapesControls()
    {
        // Arrange
        var graph = SampleGraphs.Hostile();

        // Act
        var text = await WriteAsync(graph);

        // Assert
        Assert.Contains("Олена Зеленська", text, StringComparison.Ordinal);
        // System.Text.Json always escapes characters outside the BMP; the surrogate-pair escape is valid JSON.
        Assert.Contains("\\uD83E\\uDD1D", text, StringComparison.Ordinal);
        Assert.Contains("\\u0007", text, StringComparison.Ordinal);
        Assert.Contains("\\r\\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\u0007', text);
        Assert.DoesNotContain('\r', text);
    }

    [Fact]
    public async Task WriteAsync_SameGraphTwice_IsByteIdenticalUtf8WithoutBom()
    {
        // Arrange
        var graph = SampleGraphs.Hostile();
        var a = SampleGraphs.TempDir();
        var b = SampleGraphs.TempDir();

        // Act
        await new JsonGraphWriter().WriteAsync(graph, a, CancellationToken.None);
        await new JsonGraphWriter().WriteAsync(SampleGraphs.Hostile(), b, CancellationToken.None);

        // Assert
        var bytesA = await File.ReadAllBytesAsync(Path.Combine(a, JsonGraphWriter.FileName));
        var bytesB = await File.ReadAllBytesAsync(Path.Combine(b, JsonGraphWriter.FileName));
        Assert.Equal(bytesA, bytesB);
        Assert.NotEqual(0xEF, bytesA[0]);
    }

    [Theory]
    [MemberData(nameof(RoundTripGraphs))]
    public async Task ReadAsync_WhatWriterWrote_RestoresSameGraph(string name)
    {
        // Arrange
        var graph = name == "hostile" ? SampleGraphs.Hostile() : SampleGraphs.Kinds();
        var dir = SampleGraphs.TempDir();
        await new JsonGraphWriter().WriteAsync(graph, dir, CancellationToken.None);

        // Act
        var read = await JsonGraphReader.ReadAsync(Path.Combine(dir, JsonGraphWriter.FileName));

        // Assert
        Assert.True(graph.ContentEquals(read));
    }

    public static TheoryData<string> RoundTripGraphs() => new() { "hostile", "kinds" };

    [Fact]
    public async Task ReadAsync_KindsGraph_KeepsFloatIntegerAndNonDateStringApart()
    {
        // Arrange
        var dir = SampleGraphs.TempDir();
        await new JsonGraphWriter().WriteAsync(SampleGraphs.Kinds(), dir, CancellationToken.None);

        // Act
        var node = (await JsonGraphReader.ReadAsync(Path.Combine(dir, JsonGraphWriter.FileName))).Nodes[0];

        // Assert
        Assert.Equal(PropertyKind.Float, node.Properties["score"].Kind);
        Assert.Equal(PropertyKind.Integer, node.Properties["count"].Kind);
        Assert.Equal(PropertyKind.String, node.Properties["date"].Kind);
        Assert.Equal(new DateOnly(2020, 1, 31), node.Properties["firstDate"].AsDate());
        Assert.Empty(node.Properties["empty"].AsList());
    }

    [Fact]
    public async Task ReadAsync_MalformedLine_ThrowsWithFileAndLine()
    {
        // Arrange
        var dir = SampleGraphs.TempDir();
        var path = Path.Combine(dir, "graph.json");
        await File.WriteAllTextAsync(path, "{\"type\":\"node\",\"id\":\"a\",\"labels\":[\"Person\"],\"properties\":{}}\n\n{\"type\":\"node\",\"id\":", Encoding.UTF8);

        // Act
        var ex = await Assert.ThrowsAsync<KnowledgeGraphException>(() => JsonGraphReader.ReadAsync(path));

        // Assert
        Assert.Equal(3, ex.Line);
        Assert.Equal(path, ex.File);
        Assert.StartsWith($"{path}:3: not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_DanglingRelationship_ThrowsValidationNamingFile()
    {
        // Arrange
        var dir = SampleGraphs.TempDir();
        var path = Path.Combine(dir, "graph.json");
        await File.WriteAllTextAsync(path, "{\"type\":\"relationship\",\"id\":\"r\",\"label\":\"MET_WITH\",\"start\":{\"id\":\"a\"},\"end\":{\"id\":\"b\"},\"properties\":{}}\n");

        // Act
        var ex = await Assert.ThrowsAsync<KnowledgeGraphException>(() => JsonGraphReader.ReadAsync(path));

        // Assert
        Assert.Equal(ErrorKind.Validation, ex.Kind);
        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_MissingFile_ThrowsValidation()
    {
        // Act
        var ex = await Assert.ThrowsAsync<KnowledgeGraphException>(() => JsonGraphReader.ReadAsync("/nonexistent/graph.json"));

        // Assert
        Assert.Contains("file not found", ex.Message, StringComparison.Ordinal);
    }
}
