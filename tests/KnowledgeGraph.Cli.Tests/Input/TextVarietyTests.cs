using System.Text;
using KnowledgeGraph.Cli.Tests.Support;
using Xunit.Abstractions;

namespace KnowledgeGraph.Cli.Tests.Input;

/// <summary>
/// Files that are text, but not the tidy UTF-8 the pipeline prefers: other encodings, broken bytes, control characters,
/// right-to-left and CJK scripts, hostile HTML. They are read (never skipped), under both policies, and the exports stay
/// valid: XML-illegal characters never reach GraphML/GEXF.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class TextVarietyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Build_InvalidUtf8Bytes_ReadAsWindows1252WithAWarning()
    {
        // Arrange: UTF-8 text with stray bytes that cannot be UTF-8 (a truncated sequence, 0xFF).
        using var t = new TempDir();
        var bytes = Encoding.UTF8.GetBytes("Broken \u00e9 bytes: ").Concat(new byte[] { 0xC3, 0x28, 0xFF, 0xFE, 0x80 }).Concat(Encoding.UTF8.GetBytes("\n" + Repo.Article)).ToArray();
        var file = t.Write("in/broken.txt", bytes);

        // Act
        var skip = await Kg.BuildAsync(t["in"], t["out"]);
        var fail = await Kg.BuildAsync(t["in"], t["out2"], "--on-bad-document", "fail");

        // Assert: a guess is not a failure, so fail builds too.
        foreach (var run in new[] { skip, fail })
        {
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Equal($"warning: {file}: not valid UTF-8; read as Windows-1252. If characters look wrong, save the file as UTF-8", Assert.Single(run.Warnings));
        }
        Exports.AssertValid(t["out"], skip.ToString());
        Assert.Contains("Jens Stoltenberg", Exports.Names(t["out"], "Person"));
    }

    [Fact]
    public async Task Build_Windows1252Text_DecodesAccentsAndQuotes()
    {
        // Arrange: a Windows-1252 file (curly quotes 0x93/0x94, ü 0xFC, € 0x80).
        using var t = new TempDir();
        var cp1252 = CodePagesEncoding();
        var file = t.Write("in/legacy.txt", cp1252.GetBytes("\u201cZ\u00fcrich talks cost \u20ac5m\u201d\n" + Repo.Article));

        // Act
        var run = await Kg.BuildAsync(t["in"], t["out"]);

        // Assert
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"warning: {file}: not valid UTF-8; read as Windows-1252. If characters look wrong, save the file as UTF-8", run.Warnings);
        Exports.AssertValid(t["out"], run.ToString());
        Assert.Contains("\u201cZ\u00fcrich talks cost \u20ac5m\u201d", Exports.Names(t["out"], "Article"));
    }

    [Theory]
    [InlineData("utf-16le")]
    [InlineData("utf-16be")]
    [InlineData("utf-32le")]
    [InlineData("utf-8-bom")]
    public async Task Build_TextWithByteOrderMark_ReadWithoutWarning(string encodingName)
    {
        // Arrange
        using var t = new TempDir();
        Encoding encoding = encodingName switch
        {
            "utf-16le" => new UnicodeEncoding(false, true),
            "utf-16be" => new UnicodeEncoding(true, true),
            "utf-32le" => new UTF32Encoding(false, true),
            _ => new UTF8Encoding(true),
        };
        t.Write("in/wide.txt", [.. encoding.GetPreamble(), .. encoding.GetBytes("Caf\u00e9 diplomacy \u2014 \u201cquotes\u201d\n" + Repo.Article)]);

        // Act
        var run = await Kg.BuildAsync(t["in"], t["out"], "--on-bad-document", "fail");

        // Assert
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(run.Warnings);
        Exports.AssertValid(t["out"], run.ToString());
        Assert.Contains("Jens Stoltenberg", Exports.Names(t["out"], "Person"));
        Assert.Contains("Caf\u00e9 diplomacy \u2014 \u201cquotes\u201d", Exports.Names(t["out"], "Article"));
    }

    [Fact]
    public async Task Build_ControlCharactersAndNoncharacters_NeverReachTheXml()
    {
        // Arrange: C0 controls (not NUL: that makes a file binary), DEL, ANSI escapes, U+FFFE/U+FFFF, all valid UTF-8.
        using var t = new TempDir();
        var title = "Title\u0001 with \u001b[31mcontrols\u001b[0m \u000b\u000c\u007f\ufffe\uffff\u0008 end";
        t.Write("in/controls.txt", title + "\n" + Repo.Article.Replace("Lloyd Austin", "Lloyd\u0007 Austin\u0002", StringComparison.Ordinal) + "\u0003\u001f tail.\n");

        // Act
        var run = await Kg.BuildAsync(t["in"], t["out"], "--on-bad-document", "fail");

        // Assert
        Assert.True(run.ExitCode == 0, run.ToString());
        Exports.AssertValid(t["out"], run.ToString());
        Assert.Contains("Jens Stoltenberg", Exports.Names(t["out"], "Person"));
        foreach (var xml in new[] { "graph.graphml", "graph.gexf" })
        {
            var text = File.ReadAllText(t[Path.Combine("out", xml)]);
            Assert.DoesNotContain(text, c => c < ' ' && c is not ('\t' or '\n' or '\r') || c is '\ufffe' or '\uffff');
            Assert.DoesNotContain("&#x1;", text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Build_RightToLeftAndCjkText_KeptIntactInEveryExport()
    {
        // Arrange: Arabic, Hebrew, Chinese, Japanese, bidi controls (RLO, LRM), an astral character and a combining mark.
        using var t = new TempDir();
        const string Title = "\u0627\u0644\u0623\u0645\u064a\u0646 \u0627\u0644\u0639\u0627\u0645 \u05e9\u05dc\u05d5\u05dd \u5317\u7ea6\u79d8\u4e66\u957f \u65e5\u672c\u8a9e \u202eevil\u202c \u200f\ud83c\udf0d e\u0301";
        t.Write("in/scripts.txt", Title + "\n" +
            "\u5317\u7ea6\u79d8\u4e66\u957f\u65af\u6258\u5c14\u6ed5\u8d1d\u683c\u4e0e\u5965\u65af\u6c40\u4f1a\u6664\u3002\n" +
            "\u0627\u0644\u062a\u0642\u0649 \u0633\u062a\u0648\u0644\u062a\u0646\u0628\u0631\u063a \u0623\u0648\u0633\u062a\u0646 \u0641\u064a \u0648\u0627\u0634\u0646\u0637\u0646.\n" + Repo.Article);

        // Act
        var run = await Kg.BuildAsync(t["in"], t["out"], "--on-bad-document", "fail");

        // Assert
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(run.Warnings);
        Exports.AssertValid(t["out"], run.ToString());
        Assert.Contains("Jens Stoltenberg", Exports.Names(t["out"], "Person"));
        var title = Assert.Single(Exports.Names(t["out"], "Article"));
        Assert.StartsWith("\u0627\u0644\u0623\u0645\u064a\u0646 \u0627\u0644\u0639\u0627\u0645 \u05e9\u05dc\u05d5\u05dd \u5317\u7ea6\u79d8\u4e66\u957f", title, StringComparison.Ordinal);
        Assert.Contains("\ud83c\udf0d", title, StringComparison.Ordinal);
        // The title is an Article's name: in the whole graph (GraphML), not in graph.gexf's default people scope.
        Assert.Contains("\u5317\u7ea6\u79d8\u4e66\u957f", File.ReadAllText(t[Path.Combine("out", "graph.graphml")]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_HtmlWithScriptsStylesAndTenThousandNestedElements_KeepsOnlyTheArticle()
    {
        // Arrange
        using var t = new TempDir();
        var html = new StringBuilder("<!DOCTYPE html><html><head><title>Deep page</title>")
            .Append("<style>p::before { content: 'Vladimir Putin met Xi Jinping in Beijing.'; }</style>")
            .Append("<script>document.write('Vladimir Putin met Xi Jinping in Beijing. </div></p>');</script></head><body>")
            .Append("<p>").Append(Repo.Article).Append("</p>");
        for (var i = 0; i < 10_000; i++)
            html.Append(i % 3 == 0 ? "<div>" : i % 3 == 1 ? "<span>" : "<b>");
        html.Append("Deep text.<script>var x = '<p>Vladimir Putin</p>';</script>");
        for (var i = 9_999; i >= 0; i--)
            html.Append(i % 3 == 0 ? "</div>" : i % 3 == 1 ? "</span>" : "</b>");
        html.Append("<noscript>Vladimir Putin</noscript></body></html>");
        t.Write("in/deep.html", html.ToString());

        // Act
        var run = await Kg.BuildAsync(t["in"], t["out"], "--on-bad-document", "fail");

        // Assert
        Assert.True(run.ExitCode == 0, run.ToString());
        Exports.AssertValid(t["out"], run.ToString());
        var people = Exports.Names(t["out"], "Person");
        Assert.Contains("Jens Stoltenberg", people);
        Assert.DoesNotContain("Vladimir Putin", people);
    }

    [Fact]
    public async Task Build_FiveMegabyteLineWithoutPunctuation_StaysLinearAndBounded()
    {
        // Arrange: one 5 MB line, no sentence punctuation, names sprinkled in (a list or a dump pasted as one line).
        using var t = new TempDir();
        var words = new[] { "talks", "on", "security", "support", "for", "the", "alliance", "and", "partners", "continued", "with" };
        var random = new Random(5);
        var line = new StringBuilder(5 * 1024 * 1024 + 100);
        while (line.Length < 5 * 1024 * 1024)
            line.Append(random.Next(400) == 0 ? "Jens Stoltenberg met Lloyd Austin" : words[random.Next(words.Length)]).Append(' ');
        t.Write("in/line.txt", line.ToString());
        line.Clear();

        // Act
        using var memory = new MemoryProbe();
        var run = await Kg.BuildAsync(t["in"], t["out"], "--on-bad-document", "fail");
        var peak = memory.PeakMegabytes;

        // Assert
        Assert.True(run.ExitCode == 0, run.ToString());
        Exports.AssertValid(t["out"], run.ToString());
        Assert.Contains("Jens Stoltenberg", Exports.Names(t["out"], "Person"));
        // Evidence is one sentence of at most 300 tokens, never the whole line.
        var evidence = Exports.ReadJson(t["out"])
            .SelectMany(e => e.GetProperty("properties").TryGetProperty("evidence", out var ev) ? ev.EnumerateArray().Select(x => x.GetString()!) : [])
            .ToList();
        Assert.NotEmpty(evidence);
        Assert.All(evidence, e => Assert.True(e.Length < 10_000, $"evidence of {e.Length:N0} chars"));
        Assert.True(peak < 400, $"peak managed heap {peak:F0} MB for a 5 MB line");
        output.WriteLine($"[figures] 5 MB line: peak managed heap +{peak:F0} MB");
    }

    private static Encoding CodePagesEncoding()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }
}
