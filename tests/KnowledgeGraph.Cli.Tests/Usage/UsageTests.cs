using System.CommandLine;
using KnowledgeGraph.Cli.Console;
using KnowledgeGraph.Cli.Tests.Support;

namespace KnowledgeGraph.Cli.Tests.Usage;

/// <summary>Usage errors exit 2 with a message that says what is wrong; every example in the help parses.</summary>
[Collection(CliCollection.Name)]
public sealed class UsageTests
{
    public static TheoryData<string[], string> UsageErrors => new()
    {
        { ["build", Repo.Seeds, "--bogus"], "error: unknown option '--bogus' for kg build (see kg build --help; for a file whose name starts with '-', write ./--bogus)" },
        { ["build"], "error: Required argument missing for command: 'build'." },
        { ["build", Repo.Seeds, "--date-of", "note.txt=2023-13-01"], "error: --date-of 'note.txt=2023-13-01' is not FILE=YYYY-MM-DD (e.g. --date-of article.txt=2023-05-30)" },
        { ["build", Repo.Seeds, "--date-of", "2023-05-30"], "error: --date-of '2023-05-30' is not FILE=YYYY-MM-DD (e.g. --date-of article.txt=2023-05-30)" },
        { ["build", Repo.Seeds, "--format", "json,xml"], "error: Unknown export format 'xml'. Valid formats: json, graphml, gexf, people-graphml, people-gexf, neo4j-csv, cypher, grass, queries, html (or all, or none)." },
        { ["build", Repo.Seeds, "--format", ","], "error: No export format given. Valid formats: json, graphml, gexf, people-graphml, people-gexf, neo4j-csv, cypher, grass, queries, html (or all, or none)." },
        { ["build", Repo.Seeds, "--on-bad-document", "maybe"], "error: Argument 'maybe' not recognized. Must be one of:" },
        { ["build", Repo.Seeds, "--parallelism", "-1"], "error: --parallelism must be 0 (all cores) or more" },
        { ["build", Repo.Seeds, "--parallelism", "many"], "error: Cannot parse argument 'many' for option '--parallelism' as expected type 'System.Int32'." },
        { ["meetings", Repo.Seeds, "--format", "xml"], "error: --format 'xml' is not a query format (expected table, csv or json)" },
        { ["meetings", Path.Combine(Repo.Root, "graph-exports"), "--from", "last week"], "error: --from 'last week' is not a date (expected YYYY-MM-DD)" },
        { ["entities", Path.Combine(Repo.Root, "graph-exports"), "--type", "Persn"], "error: --type 'Persn' is not an entity type (expected Person, Organization, Country, Location, Event)" },
        { ["meetings", Path.Combine(Repo.Root, "no-such-graph")], "(run kg build first, or give the folder that holds graph.json)" },
        { ["push", Path.Combine(Repo.Root, "graph-exports"), "--neo4j", "bolt://localhost:7687"], "error: --neo4j 'bolt://localhost:7687' is not an http(s) URL (the HTTP API listens on port 7474, e.g. http://localhost:7474)" },
        { ["frobnicate"], "error: Unrecognized command or argument 'frobnicate'." },
    };

    [Theory]
    [MemberData(nameof(UsageErrors))]
    public async Task Run_UsageError_ExitsTwoWithAClearMessage(string[] args, string expected)
    {
        // Act
        var run = await Kg.RunAsync(args);

        // Assert
        Assert.True(run.ExitCode == ExitCodes.UsageError, run.ToString());
        Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public void Help_EveryExample_Parses()
    {
        // Arrange
        var root = Program.BuildRoot(() => new Reporter(TextWriter.Null, quiet: true, interactive: false));
        var examples = Examples(root).ToList();

        // Assert: every command has examples, and each parses without errors.
        Assert.All(root.Subcommands, c => Assert.Contains(examples, e => e.Command == c.Name));
        Assert.All(examples, e =>
        {
            var errors = root.Parse(e.Args).Errors;
            Assert.True(errors.Count == 0, $"'{e.Line}': {string.Join("; ", errors.Select(x => x.Message))}");
        });
    }

    /// <summary>The "Examples:" lines of every command's description, as argument arrays (an environment prefix dropped).</summary>
    private static IEnumerable<(string Command, string Line, string[] Args)> Examples(Command command)
    {
        var description = command.Description ?? "";
        var at = description.IndexOf("Examples:", StringComparison.Ordinal);
        if (at >= 0)
        {
            foreach (var line in description[(at + "Examples:".Length)..].Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                // Words as a shell splits them: a "quoted name" is one argument.
                var words = System.Text.RegularExpressions.Regex.Matches(line, "\"([^\"]*)\"|(\\S+)")
                    .Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).SkipWhile(w => w != "kg").Skip(1).ToArray();
                Assert.True(words.Length > 0, $"example '{line}' of '{command.Name}' does not run kg");
                yield return (command.Name, line, words);
            }
        }
        foreach (var sub in command.Subcommands)
        {
            foreach (var e in Examples(sub))
                yield return e;
        }
    }
}
