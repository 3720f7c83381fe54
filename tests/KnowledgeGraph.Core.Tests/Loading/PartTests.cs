using System.Text;
using KnowledgeGraph.Core.Stages.Loading;

namespace KnowledgeGraph.Core.Tests.Loading;

public class PartTests
{
    [Fact]
    public async Task ReadAsync_TextLongerThanPart_SplitsAtParagraphBreaks()
    {
        // Arrange: 30 paragraphs of 99 characters, parts of at most 1,000.
        using var temp = new TempFolder();
        var paragraphs = Enumerable.Range(0, 30).Select(i => $"P{i:D2} " + new string('x', 95)).ToList();
        var path = temp.Write("big.txt", string.Join("\n\n", paragraphs));

        // Act
        var (docs, _, stats) = await Load.AllAsync(new FileDocumentSourceOptions { Inputs = [path], MaxPartChars = 1_000 });

        // Assert
        Assert.True(docs.Count > 1);
        Assert.Equal(Enumerable.Range(0, docs.Count), docs.Select(d => d.Part));
        Assert.All(docs, d => Assert.Equal("big.txt", d.Id));
        Assert.All(docs, d => Assert.True(d.Text.Length <= 1_000));
        Assert.All(docs, d => Assert.StartsWith("P", d.Text, StringComparison.Ordinal));
        Assert.Equal(paragraphs, docs.SelectMany(d => d.Text.Split("\n\n")));
        Assert.Equal(new FileInfo(path).Length, docs.Sum(d => d.Bytes));
        Assert.Equal(1, stats.Documents);
        Assert.Equal(docs.Count, stats.Parts);
    }

    [Fact]
    public async Task ReadAsync_OneHugeLineWithoutSpaces_SplitsHard()
    {
        // Arrange
        using var temp = new TempFolder();
        var line = new string('a', 5_500);
        var path = temp.Write("line.txt", line);

        // Act
        var (docs, _, _) = await Load.AllAsync(new FileDocumentSourceOptions { Inputs = [path], MaxPartChars = 1_000 });

        // Assert
        Assert.Equal(6, docs.Count);
        Assert.Equal(line, string.Concat(docs.Select(d => d.Text)));
    }

    [Fact]
    public async Task ReadAsync_HugeLineWithSpaces_SplitsAtSpaces()
    {
        // Arrange: 5 MB of words on one line, parts of at most 100,000 characters.
        using var temp = new TempFolder();
        var text = new StringBuilder();
        for (var i = 0; text.Length < 5_000_000; i++)
            text.Append("word").Append(i % 1000).Append(' ');
        var line = text.ToString().TrimEnd();
        var path = temp.Write("words.txt", line);

        // Act
        var (docs, _, _) = await Load.AllAsync(new FileDocumentSourceOptions { Inputs = [path], MaxPartChars = 100_000 });

        // Assert
        Assert.True(docs.Count >= 50);
        Assert.All(docs, d => Assert.True(d.Text.Length <= 100_000));
        Assert.All(docs, d => Assert.Matches(@"^word\d+( word\d+)*$", d.Text));
        Assert.Equal(line, string.Join(' ', docs.Select(d => d.Text)));
    }
}
