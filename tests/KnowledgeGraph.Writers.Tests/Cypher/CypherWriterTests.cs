using KnowledgeGraph.Core.Errors;
using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.Writers.Cypher;
using KnowledgeGraph.Writers.Tests.Support;

namespace KnowledgeGraph.Writers.Tests.Cypher;

public sealed class CypherWriterTests
{
    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("back\\slash", "\"back\\\\slash\"")]
    [InlineData("it's `x`", "\"it's `x`\"")]
    [InlineData("a\nb\r\tc", "\"a\\nb\\r\\tc\"")]
    [InlineData("bell\u0007 nul\0", "\"bell\\u0007 nul\\u0000\"")]
    [InlineData("stop; now", "\"stop\\u003B now\"")]
    [InlineData("Олена 奥莲娜 أولينا 🤝", "\"Олена 奥莲娜 أولينا 🤝\"")]
    [InlineData("\"}) DETACH DELETE n //", "\"\\\"}) DETACH DELETE n //\"")]
    [InlineData("\\\"", "\"\\\\\\\"\"")]
    public void String_HostileText_IsEscapedExactly(string text, string expected)
    {
        // Act
        var literal = CypherLiteral.String(text);

        // Assert
        Assert.Equal(expected, literal);
    }

    [Fact]
    public void String_LoneSurrogate_BecomesReplacementCharacter()
    {
        // Act + Assert
        Assert.Equal("\"a\uFFFDb\"", CypherLiteral.String("a\uD800b"));
    }

    [Fact]
    public void String_AnyInput_HasNoUnescapedQuoteOrRawControl()
    {
        // Arrange: every char 0..0x2030 plus quote/backslash runs.
        var all = new string([.. Enumerable.Range(0, 0x2030).Select(i => (char)i).Where(c => !char.IsSurrogate(c))]) + "\\\\\"\"\\";

        // Act
        var literal = CypherLiteral.String(all);

        // Assert: walk the literal like a Cypher lexer; it must end exactly at the last character.
        var i = 1;
        while (literal[i] != '"')
        {
            Assert.False(literal[i] < ' ' || literal[i] == ';', $"raw control or ';' at {i}");
            i += literal[i] == '\\' ? 2 : 1;
        }
        Assert.Equal(literal.Length - 1, i);
    }

    [Fact]
    public void Name_Backticks_AreDoubled()
    {
        // Act + Assert
        Assert.Equal("`we``ird key`", CypherLiteral.Name("we`ird key"));
    }

    [Fact]
    public void Value_EachKind_IsCypherLiteral()
    {
        // Act + Assert
        Assert.Equal("date(\"2023-02-08\")", CypherLiteral.Value(PropertyValue.Of(new DateOnly(2023, 2, 8))));
        Assert.Equal("3.0", CypherLiteral.Value(PropertyValue.Of(3.0)));
        Assert.Equal("-2", CypherLiteral.Value(PropertyValue.Of(-2L)));
        Assert.Equal("true", CypherLiteral.Value(PropertyValue.Of(true)));
        Assert.Equal("[\"a\", \"b\\u003Bc\"]", CypherLiteral.Value(PropertyValue.Of(["a", "b;c"])));
    }

    [Fact]
    public void NodeStatement_Person_MergesOnIdAndSetsMap()
    {
        // Arrange
        var node = SampleGraphs.Node("person:evil", GraphSchema.Person, new PropertyBag().Add("name", SampleGraphs.InjectionName).Add("mentions", 1L));

        // Act
        var statement = CypherWriter.NodeStatement(node);

        // Assert
        Assert.Equal("MERGE (n:Person {id: \"person:evil\"}) SET n += {`mentions`: 1, `name`: \"Evil\\\"}) DETACH DELETE n //\"}", statement);
    }

    [Fact]
    public void RelationshipStatement_MetWith_MergesOnKeyWithLabelledMatches()
    {
        // Arrange
        var rel = SampleGraphs.Rel("r1", GraphSchema.MetWith, "person:a", "person:b", new PropertyBag().Add("date", new DateOnly(2023, 2, 8)).Add("place", "Pentagon"));

        // Act
        var statement = CypherWriter.RelationshipStatement(rel, GraphSchema.Person, GraphSchema.Person);

        // Assert
        Assert.Equal(
            "MATCH (a:Person {id: \"person:a\"}) MATCH (b:Person {id: \"person:b\"}) MERGE (a)-[r:MET_WITH {key: \"r1\"}]->(b) " +
            "SET r += {`date`: date(\"2023-02-08\"), `place`: \"Pentagon\"}",
            statement);
    }

    [Fact]
    public void NodeStatement_LabelOutsideSchema_Throws()
    {
        // Arrange
        var node = new GraphNode("x", ["Person) DETACH DELETE (m"], PropertyValueBag());

        // Act + Assert
        Assert.Throws<ArgumentException>(() => CypherWriter.NodeStatement(node));
    }

    [Fact]
    public async Task WriteAsync_HostileGraph_ConstraintsFirstThenOneStatementPerLine()
    {
        // Arrange
        var dir = SampleGraphs.TempDir();

        // Act
        await new CypherWriter().WriteAsync(SampleGraphs.Hostile(), dir, CancellationToken.None);

        // Assert
        var lines = (await File.ReadAllTextAsync(Path.Combine(dir, CypherWriter.FileName))).TrimEnd('\n').Split('\n');
        var statements = lines.Where(l => !l.StartsWith("//", StringComparison.Ordinal)).ToList();
        Assert.Equal(6 + 9 + 9, statements.Count);
        Assert.Equal("CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;", statements[0]);
        Assert.Equal("CREATE CONSTRAINT article_id IF NOT EXISTS FOR (n:Article) REQUIRE n.id IS UNIQUE;", statements[5]);
        Assert.All(statements, s => Assert.EndsWith(";", s, StringComparison.Ordinal));
        // Exactly one ';' per statement: literals never contain a raw one, so naive splitters are safe too.
        Assert.All(statements, s => Assert.Equal(1, s.Count(c => c == ';')));
        Assert.Contains(statements, s => s.StartsWith("MATCH (a:Person {id: \"person:lloyd-austin\"}) MATCH (b:Country {id: \"country:be\"}) MERGE (a)-[r:VISITED {key: \"r7\"}]->(b)", StringComparison.Ordinal));
    }

    [Fact]
    public void Constraints_Labels_OnePerLine()
    {
        // Act + Assert
        Assert.Equal(
            "CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;\nCREATE CONSTRAINT meeting_id IF NOT EXISTS FOR (n:Meeting) REQUIRE n.id IS UNIQUE;\n",
            CypherWriter.Constraints([GraphSchema.Person, GraphSchema.Meeting]));
    }

    [Fact]
    public void Style_Grass_HasEveryLabelSingleQuotesAndThickMetWith()
    {
        // Act
        var style = GrassWriter.Style();

        // Assert
        Assert.DoesNotContain('"', style);
        Assert.All(GraphSchema.NodeLabels, l => Assert.Contains($"node.{l} {{", style, StringComparison.Ordinal));
        Assert.Contains("node.Person {\n  color: #4C8EDA;", style, StringComparison.Ordinal);
        Assert.Contains("caption: '{name}';", style, StringComparison.Ordinal);
        Assert.Contains("node.Meeting {\n  color: #FFC454;", style, StringComparison.Ordinal);
        Assert.Contains("relationship.MET_WITH {\n  color: #4C8EDA;\n  shaft-width: 4px;", style, StringComparison.Ordinal);
        Assert.Contains("relationship.VISITED {\n  color: #A5ABB6;\n  shaft-width: 2px;", style, StringComparison.Ordinal);
    }

    [Fact]
    public void Queries_HostileGraph_UseMostConnectedNamesAndCypher5Syntax()
    {
        // Act
        var text = QueriesWriter.Queries(SampleGraphs.Hostile());

        // Assert: Jens has degree 4 (r1, r2, r5, r8), Lloyd 3 (r1, r3, r7); Brussels hosted the meeting.
        Assert.Contains("//   :param person => \"Jens Stoltenberg\"", text, StringComparison.Ordinal);
        Assert.Contains("//   :param other => \"Lloyd J. Austin III\"", text, StringComparison.Ordinal);
        Assert.Contains("//   :param organization => \"NATO\"", text, StringComparison.Ordinal);
        Assert.Contains("//   :param place => \"Brussels\"", text, StringComparison.Ordinal);
        Assert.Contains("COUNT { (p)--() }", text, StringComparison.Ordinal);
        Assert.Contains("shortestPath((a:Person {name: $person})-[:MET_WITH*..10]-(b:Person {name: $other}))", text, StringComparison.Ordinal);
        Assert.DoesNotContain("size((", text, StringComparison.Ordinal);
        Assert.DoesNotContain("{0}", text, StringComparison.Ordinal);
        Assert.Equal(6, text.Split('\n').Count(l => l.EndsWith(';') && !l.StartsWith("//", StringComparison.Ordinal)));
    }

    [Fact]
    public void Resolve_KnownNames_ReturnsWritersInOrderWithoutDuplicates()
    {
        // Act
        var writers = GraphWriters.Resolve(" graphml, JSON ,graphml");

        // Assert
        Assert.Equal(["graphml", "json"], writers.Select(w => w.Name));
    }

    [Fact]
    public void Resolve_All_ReturnsEveryWriter()
    {
        // Act + Assert
        Assert.Equal(["json", "graphml", "gexf", "people-graphml", "people-gexf", "neo4j-csv", "cypher", "grass", "queries", "html"], GraphWriters.Resolve("all").Select(w => w.Name));
    }

    [Fact]
    public void Resolve_None_ReturnsNoWriterAndRefusesOtherNamesBesideIt()
    {
        // Act
        var none = GraphWriters.Resolve(" None ");
        var ex = Assert.Throws<KnowledgeGraphException>(() => GraphWriters.Resolve("json,none"));

        // Assert
        Assert.Empty(none);
        Assert.Equal(ErrorKind.Validation, ex.Kind);
        Assert.Equal("'none' (no export, the store only) cannot be given with other formats: 'json,none'.", ex.Message);
    }

    [Fact]
    public void Resolve_UnknownName_ThrowsUsageListingValidNames()
    {
        // Act
        var ex = Assert.Throws<KnowledgeGraphException>(() => GraphWriters.Resolve("json,csvv"));

        // Assert
        Assert.Equal(ErrorKind.Validation, ex.Kind);
        Assert.Equal("Unknown export format 'csvv'. Valid formats: json, graphml, gexf, people-graphml, people-gexf, neo4j-csv, cypher, grass, queries, html (or all, or none).", ex.Message);
    }

    [Fact]
    public async Task AllWriters_HostileGraph_WriteDeterministicallyWithoutBom()
    {
        // Arrange
        var a = SampleGraphs.TempDir();
        var b = SampleGraphs.TempDir();

        // Act
        foreach (var w in GraphWriters.All)
        {
            await w.WriteAsync(SampleGraphs.Hostile(), a, CancellationToken.None);
            await w.WriteAsync(SampleGraphs.Hostile(), b, CancellationToken.None);
        }

        // Assert
        var files = Directory.GetFiles(a, "*", SearchOption.AllDirectories);
        Assert.Equal(10 + 13, files.Length);
        foreach (var file in files)
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(b, Path.GetRelativePath(a, file))));
            Assert.False(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB, $"BOM in {file}");
            Assert.True(bytes[^1] == (byte)'\n', $"no final newline in {file}");
        }
        Assert.Empty(Directory.GetFiles(a, "*.tmp", SearchOption.AllDirectories));
    }

    private static System.Collections.Immutable.ImmutableSortedDictionary<string, PropertyValue> PropertyValueBag() => new PropertyBag().Build();
}
