using System.Globalization;
using System.Text;
using KnowledgeGraph.Cli.Tests.Support;
using KnowledgeGraph.Core.Pipeline;
using KnowledgeGraph.Core.Stages.Assembly;
using KnowledgeGraph.Core.Stages.Loading;
using KnowledgeGraph.Core.Text;
using KnowledgeGraph.Writers;
using Xunit.Abstractions;

namespace KnowledgeGraph.Cli.Tests.Fuzz;

/// <summary>
/// Property: whatever the articles, the pipeline does not throw and every export parses. Thousands of random and
/// mutated articles (seeded, reproducible: set KG_FUZZ_SEED to replay a failure) go through the loader as files and
/// through <c>Analyze</c> as strings (which can carry lone surrogates no decoder produces), then through every writer.
/// In the kg collection although it does not run kg: the memory figures of the big-input tests are process-wide.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class PipelineFuzzTests(ITestOutputHelper output)
{
    private const int Batches = 4;
    private const int FilesPerBatch = 300;
    private const int StringsPerBatch = 250;

    private static readonly string[] Hostile =
    [
        "\"}) DETACH DELETE n //", "'}) MATCH (n) DETACH DELETE n; //", "`name`: 1}) DELETE n //", "\\", "\\\"", "`", "``", "\";", "';",
        "]]>", "<!--", "<![CDATA[", "&#x1;", "&amp;", "<script>alert(1)</script>", "=cmd|' /C calc'!A0", "+1", "-1", "@SUM(A1)",
        "\u0000", "\u0001", "\u0008", "\u000b", "\u000c", "\u001b[31m", "\u007f", "\u0085", "\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff",
        "\u202e", "\u200f", "\u200b", "\ud800", "\udfff", "\udbff\udfff", "\ud83c\udf0d", "e\u0301", "\u0627\u0644\u0646\u0627\u062a\u0648",
        "\u5317\u7ea6", ";", ",", "\r", "\r\n", "\t", "\n\n", "...", "U.N.", "Mr.", "\"Jens Stoltenberg\"", "Jens Stoltenberg's`",
    ];

    [Fact]
    public async Task Pipeline_RandomAndMutatedArticles_NeverThrowsAndEveryExportParses()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("KG_FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : 20_240_601;
        output.WriteLine($"[fuzz] seed {seed} (replay with KG_FUZZ_SEED={seed})");
        var random = new Random(seed);
        var pipeline = new PipelineBuilder().UseDataDirectory(Repo.Data).Build();
        var seeds = Repo.SeedTexts;
        var total = 0;
        for (var batch = 0; batch < Batches; batch++)
        {
            using var t = new TempDir("kg-fuzz");
            var stage = "generating";
            try
            {
                // As files: bytes mutated after encoding (flips, truncation, BOMs, NULs), read by the loader.
                for (var i = 0; i < FilesPerBatch; i++)
                {
                    var ext = random.Next(10) switch { 0 => ".html", 1 => ".md", _ => ".txt" };
                    t.Write($"in/{i:D4}{ext}", MutateBytes(random, Encoding.UTF8.GetBytes(Article(random, seeds, ext == ".html"))));
                }
                stage = "loading and analysing files";
                var source = new FileDocumentSource(new FileDocumentSourceOptions { Inputs = [t["in"]], OnBadDocument = BadDocumentPolicy.Skip });
                var fromFiles = await pipeline.RunAsync(source.ReadAsync(), 0, null, CancellationToken.None);
                stage = "writing the file graph";
                await WriteAllAsync(fromFiles.Graph, t["out-files"]);
                stage = "validating the file graph";
                Exports.AssertValid(t["out-files"], $"seed {seed}, batch {batch}, file graph");

                // As strings: straight into Analyze, lone surrogates included.
                stage = "analysing strings";
                var analyses = new List<DocumentAnalysis>();
                for (var i = 0; i < StringsPerBatch; i++)
                {
                    var text = MutateText(random, Article(random, seeds, html: false));
                    stage = $"analysing string {i}";
                    analyses.Add(pipeline.Analyze(new SourceDocument($"s{batch}-{i}.txt", $"s{batch}-{i}.txt", 0, text, random.Next(2) == 0 ? null : new DateOnly(2023, 5, 30), text.Length)));
                }
                stage = "assembling and writing the string graph";
                await WriteAllAsync(pipeline.Assemble(analyses), t["out-strings"]);
                stage = "validating the string graph";
                Exports.AssertValid(t["out-strings"], $"seed {seed}, batch {batch}, string graph");
                total += FilesPerBatch + StringsPerBatch;
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                var keep = Path.Combine(Path.GetTempPath(), $"kg-fuzz-failure-{seed}-{batch}");
                CopyFolder(t.Path, keep);
                throw new InvalidOperationException($"fuzz seed {seed}, batch {batch}, while {stage}: {e.GetType().Name}: {e.Message}\ninputs kept in {keep}; replay with KG_FUZZ_SEED={seed}", e);
            }
        }
        Assert.True(total >= 2_000, $"{total} articles");
        output.WriteLine($"[fuzz] {total} articles, all exports valid");
    }

    private static string Article(Random random, IReadOnlyList<string> seeds, bool html)
    {
        var sb = new StringBuilder();
        switch (random.Next(4))
        {
            case 0:
                // Pure noise: random code points from every plane (surrogate halves come out as U+FFFD once encoded).
                for (var n = random.Next(1, 400); n > 0; n--)
                    sb.Append(random.Next(5) == 0 ? ' ' : (char)random.Next(1, 0x10000));
                break;
            case 1:
                // A huge token.
                sb.Append(seeds[random.Next(seeds.Count)].AsSpan(0, 200)).Append(' ').Append('x', random.Next(1_000, 40_000)).Append(" met Lloyd Austin.");
                break;
            default:
                // A slice of a seed with hostile fragments dropped in.
                var seed = seeds[random.Next(seeds.Count)];
                var start = random.Next(seed.Length / 2);
                sb.Append(seed.AsSpan(start, Math.Min(seed.Length - start, random.Next(100, 2_500))));
                for (var k = random.Next(8); k > 0; k--)
                    sb.Insert(random.Next(sb.Length + 1), Hostile[random.Next(Hostile.Length)]);
                break;
        }
        if (random.Next(3) == 0)
            sb.Insert(0, Hostile[random.Next(Hostile.Length)] + " Jens Stoltenberg " + Hostile[random.Next(Hostile.Length)] + "\n");
        return html ? $"<html><head><script>{Hostile[random.Next(Hostile.Length)]}</script></head><body><p>{sb}</p></body></html>" : sb.ToString();
    }

    private static byte[] MutateBytes(Random random, byte[] bytes)
    {
        var list = new List<byte>(bytes);
        switch (random.Next(8))
        {
            case 0:
                for (var k = random.Next(1, 20); k > 0 && list.Count > 0; k--)
                    list[random.Next(list.Count)] ^= (byte)(1 << random.Next(8));
                break;
            case 1:
                list.RemoveRange(random.Next(list.Count + 1) is var cut && cut < list.Count ? cut : list.Count, list.Count - Math.Min(cut, list.Count));
                break;
            case 2:
                list.Insert(random.Next(list.Count + 1), (byte)random.Next(0, 32));
                break;
            case 3:
                list.InsertRange(0, random.Next(3) switch { 0 => [0xEF, 0xBB, 0xBF], 1 => [0xFF, 0xFE], _ => [0xFE, 0xFF] });
                break;
            case 4:
                list.Insert(random.Next(list.Count + 1), (byte)random.Next(0x80, 0x100));
                break;
        }
        return [.. list];
    }

    private static string MutateText(Random random, string text)
    {
        var sb = new StringBuilder(text);
        for (var k = random.Next(6); k > 0; k--)
        {
            var at = random.Next(sb.Length + 1);
            switch (random.Next(4))
            {
                case 0:
                    sb.Insert(at, (char)random.Next(0xD800, 0xE000));
                    break;
                case 1:
                    sb.Insert(at, (char)random.Next(0, 32));
                    break;
                case 2:
                    sb.Insert(at, Hostile[random.Next(Hostile.Length)]);
                    break;
                default:
                    if (sb.Length > 0)
                        sb.Length = at;
                    break;
            }
        }
        return sb.ToString();
    }

    private static async Task WriteAllAsync(Core.Graph.PropertyGraph graph, string dir)
    {
        Directory.CreateDirectory(dir);
        foreach (var w in GraphWriters.All)
            await w.WriteAsync(graph, dir, CancellationToken.None);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
