using CsvHelper;
using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.Writers.Csv;
using KnowledgeGraph.Writers.Tests.Support;

namespace KnowledgeGraph.Writers.Tests.Csv;

public sealed class Neo4jCsvWriterTests
{
    private static async Task<string> WriteAsync(PropertyGraph graph)
    {
        var dir = SampleGraphs.TempDir();
        await new Neo4jCsvWriter().WriteAsync(graph, dir, CancellationToken.None);
        return Path.Combine(dir, Neo4jCsvWriter.FolderName);
    }

    [Fact]
    public async Task WriteAsync_HostileGraph_WritesOneFilePerLabelAndTypePlusScripts()
    {
        // Act
        var dir = await WriteAsync(SampleGraphs.Hostile());

        // Assert
        var files = Directory.GetFiles(dir).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(
        [
            "constraints.cypher", "import.sh",
            "nodes-Article.csv", "nodes-Country.csv", "nodes-Location.csv", "nodes-Meeting.csv", "nodes-Organization.csv", "nodes-Person.csv",
            "rels-ATTENDED.csv", "rels-HELD_IN.csv", "rels-MEMBER_OF.csv", "rels-MENTIONED_IN.csv", "rels-MET_WITH.csv", "rels-VISITED.csv",
        ], files);
    }

    [Fact]
    public async Task WriteAsync_NodeHeader_HasIdLabelAndTypedUnionOfKeys()
    {
        // Act
        var dir = await WriteAsync(SampleGraphs.Hostile());

        // Assert
        var person = (await File.ReadAllTextAsync(Path.Combine(dir, "nodes-Person.csv"))).Split('\n')[0];
        Assert.Equal("id:ID,:LABEL,aliases:string[],documents:string[],mentions:long,name:string,role:string", person);
        var country = (await File.ReadAllTextAsync(Path.Combine(dir, "nodes-Country.csv"))).Split('\n')[0];
        Assert.Equal("id:ID,:LABEL,latitude:double,longitude:double,name:string,population:long", country);
        var meeting = (await File.ReadAllTextAsync(Path.Combine(dir, "nodes-Meeting.csv"))).Split('\n')[0];
        Assert.Equal("id:ID,:LABEL,date:date,name:string", meeting);
    }

    [Fact]
    public async Task WriteAsync_Cells_QuoteTextNotNumbersAndKeepFormulasVerbatim()
    {
        // Act
        var dir = await WriteAsync(SampleGraphs.Hostile());

        // Assert
        var lines = (await File.ReadAllTextAsync(Path.Combine(dir, "nodes-Person.csv"))).Split('\n');
        // Jens: role "=SUM(A1)" is NOT prefixed with an apostrophe (neo4j-admin would import it); mentions unquoted.
        Assert.Contains("\"person:jens-stoltenberg\",Person,\"Stoltenberg;the Secretary General\",\"000_bb1e87f7cc61eab3.txt\",7,\"Jens Stoltenberg\",\"=SUM(A1)\"", lines);
        // Olena: negative number stays a number; missing documents is an empty unquoted cell.
        Assert.Contains("\"person:olena\",Person,\"أولينا;奥莲娜\",,-2,\"Олена Зеленська\",", lines);
        // Evil: quotes doubled, backslash kept as-is (no backslash escaping in neo4j-admin CSV).
        Assert.Contains("\"person:evil\",Person,\"back\\slash;tick`tock\",,,\"Evil\"\"}) DETACH DELETE n //\",", lines);
    }

    [Fact]
    public async Task WriteAsync_ListItemWithSemicolon_UsesFullwidthSemicolon()
    {
        // Act
        var dir = await WriteAsync(SampleGraphs.Hostile());

        // Assert
        var text = await File.ReadAllTextAsync(Path.Combine(dir, "nodes-Person.csv"));
        Assert.Contains("\"Austin;a\uFF1Bb\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_RelationshipFile_ParsesBackWithNewlinesAndQuotes()
    {
        // Act
        var dir = await WriteAsync(SampleGraphs.Hostile());

        // Assert
        using var reader = CsvReader.Create(new StringReader(await File.ReadAllTextAsync(Path.Combine(dir, "rels-MET_WITH.csv"))), CsvReaderOptions.Default with { HasHeader = false });
        var rows = new List<string[]>();
        while (reader.Read())
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i))]);
        Assert.Equal([":START_ID", ":END_ID", ":TYPE", "key:string", "count:long", "date:date", "documents:string[]", "evidence:string[]", "place:string", "placeId:string"], rows[0]);
        Assert.Equal(3, rows.Count);
        var r1 = rows[1];
        Assert.Equal(["person:jens-stoltenberg", "person:lloyd-austin", "MET_WITH", "r1", "2", "2023-02-08"], r1[..6]);
        var evidence = r1[7].Split(';');
        Assert.Equal(SampleGraphs.HostileEvidence.Replace(';', '\uFF1B'), evidence[0]);
        Assert.Equal("Second\uFF1B sentence", evidence[1]);
    }

    [Fact]
    public async Task WriteAsync_ReadBack_RestoresGraphExceptSemicolonsInLists()
    {
        // Arrange
        var graph = SampleGraphs.Hostile();

        // Act
        var read = Neo4jCsvTestReader.Read(await WriteAsync(graph));

        // Assert
        var expected = new PropertyGraph(
            graph.Nodes.Select(n => n with { Properties = Neo4jCsvTestReader.ReplaceSemicolons(n.Properties) }),
            graph.Relationships.Select(r => r with { Properties = Neo4jCsvTestReader.ReplaceSemicolons(r.Properties) }));
        Assert.True(expected.ContentEquals(read), XmlRoundTrip.Diff(expected, read));
    }

    [Fact]
    public async Task WriteAsync_ImportScript_HasExactCommandForEveryFile()
    {
        // Act
        var dir = await WriteAsync(SampleGraphs.Hostile());

        // Assert
        var script = await File.ReadAllTextAsync(Path.Combine(dir, "import.sh"));
        Assert.StartsWith("#!/bin/sh\n", script, StringComparison.Ordinal);
        Assert.Contains("neo4j-admin database import full neo4j \\\n  --overwrite-destination=true --id-type=string --array-delimiter=\";\" --multiline-fields=true", script, StringComparison.Ordinal);
        Assert.Contains("--nodes=\"$DIR/nodes-Person.csv\"", script, StringComparison.Ordinal);
        Assert.Contains("--relationships=\"$DIR/rels-MET_WITH.csv\"", script, StringComparison.Ordinal);
        Assert.Equal(6, script.Split("--nodes=").Length - 1);
        Assert.Equal(6, script.Split("--relationships=").Length - 1);
        var constraints = await File.ReadAllTextAsync(Path.Combine(dir, "constraints.cypher"));
        Assert.StartsWith("CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;\n", constraints, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
            Assert.True(File.GetUnixFileMode(Path.Combine(dir, "import.sh")).HasFlag(UnixFileMode.UserExecute));
    }

    [Fact]
    public void ForPeople_FormulaCell_IsEscapedButNeo4jImportIsNot()
    {
        // Arrange
        string Write(CsvWriterOptions options)
        {
            using var sw = new StringWriter { NewLine = "\n" };
            using (var csv = CsvWriter.Create(sw, options, leaveOpen: true))
            {
                csv.WriteField("=HYPERLINK(\"http://x\")");
                csv.WriteField("-Ali");
                csv.WriteField("Plain");
                csv.EndRecord();
            }
            return sw.ToString();
        }

        // Act
        var people = Write(CsvOptions.ForPeople);
        var neo4j = Write(CsvOptions.ForNeo4jImport);

        // Assert
        Assert.Equal("\"'=HYPERLINK(\"\"http://x\"\")\",\"'-Ali\",Plain\n", people);
        Assert.Equal("\"=HYPERLINK(\"\"http://x\"\")\",-Ali,Plain\n", neo4j);
    }

    [Fact]
    public async Task WriteAsync_SameGraphTwice_IsByteIdentical()
    {
        // Act
        var a = await WriteAsync(SampleGraphs.Hostile());
        var b = await WriteAsync(SampleGraphs.Hostile());

        // Assert
        foreach (var file in Directory.GetFiles(a))
            Assert.Equal(await File.ReadAllBytesAsync(file), await File.ReadAllBytesAsync(Path.Combine(b, Path.GetFileName(file))));
    }
}
