using KnowledgeGraph.Cli.Tests.Support;

namespace KnowledgeGraph.Cli.Tests.DataFiles;

/// <summary>
/// A copy of data/ edited by hand, with one mistake each: <c>kg check</c> and <c>kg build</c> both stop with exit 2 and
/// a message that names the file, the line, and the fix.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class BrokenDataTests
{
    private const int PeopleRows = 606;

    public static TheoryData<string, string> Breaks => new()
    {
        { "wrong-column-count", $"gazetteer/people.csv:{PeopleRows + 1}: 3 columns, expected 5 (id,type,name,aliases,country); quote fields that contain commas" },
        { "unknown-type", $"gazetteer/people.csv:{PeopleRows + 1}: unknown type 'Persn' (expected Person, Organization, Country, Location, Event)" },
        { "duplicate-id", $"gazetteer/people.csv:{PeopleRows + 1}: duplicate id 'person:abbas-araghchi' (first defined at gazetteer/people.csv:2; ids must be unique across all gazetteer files)" },
        { "bad-role-date", "gazetteer/roles.csv:2: invalid date '2024-02-30' in column 'from' (expected YYYY-MM-DD, or empty)" },
        { "malformed-rule", "rules/relations.rules:55: malformed slot '{Person:a' (write {Type:name}, e.g. {Person:a})" },
        { "unknown-rule-kind", "rules/relations.rules:55: unknown rule kind 'meet-with' (expected role, member-of, met-with, attend, refer, visited, place, block, define)" },
        { "unknown-slot-type", "rules/relations.rules:55: unknown slot type 'Persn' (expected " },
    };

    [Theory]
    [MemberData(nameof(Breaks))]
    public async Task Check_BrokenDataFile_ExitsTwoNamingFileLineAndFix(string mistake, string expected)
    {
        // Arrange
        using var t = new TempDir();
        var data = Break(t, mistake);

        // Act
        var run = await Kg.RunAsync("check", "--data", data);

        // Assert
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
        Assert.StartsWith("error: ", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(": ok", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Breaks))]
    public async Task Build_BrokenDataFile_ExitsTwoBeforeReadingArticles(string mistake, string expected)
    {
        // Arrange
        using var t = new TempDir();
        var data = Break(t, mistake);
        t.Write("in/article.txt", Repo.Article);

        // Act
        var run = await Kg.RunAsync("build", t["in"], "--out", t["out"], "--data", data);

        // Assert
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(t["out"]));
    }

    [Fact]
    public async Task Check_MistakesInSeveralFiles_ListsThemAllInOneRun()
    {
        // Arrange: a gazetteer mistake and a rule mistake at once.
        using var t = new TempDir();
        var data = Break(t, "unknown-type");
        Edit(Path.Combine(data, "rules", "relations.rules"), 55, _ => "meet-with {Person:a} met {Person:b}");

        // Act
        var run = await Kg.RunAsync("check", "--data", data);

        // Assert
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"gazetteer/people.csv:{PeopleRows + 1}: unknown type 'Persn'", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("rules/relations.rules:55: unknown rule kind 'meet-with'", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ShippedData_IsValid()
    {
        // Act
        var run = await Kg.RunAsync("check", "--data", Repo.Data);

        // Assert
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"{Repo.Data}: ok", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_MissingDataFolder_ExitsTwoSayingWhatToPass()
    {
        // Arrange
        using var t = new TempDir();

        // Act
        var run = await Kg.RunAsync("check", "--data", t["nothing"]);

        // Assert
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("gazetteer folder not found; pass --data with the folder that holds gazetteer/ and rules/", run.Stderr, StringComparison.Ordinal);
    }

    /// <summary>Copies data/ into the temp folder and makes one mistake in it.</summary>
    private static string Break(TempDir t, string mistake)
    {
        var data = t["data"];
        foreach (var file in Directory.EnumerateFiles(Repo.Data, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(data, Path.GetRelativePath(Repo.Data, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var people = Path.Combine(data, "gazetteer", "people.csv");
        Assert.Equal(PeopleRows, File.ReadAllLines(people).Length);
        switch (mistake)
        {
            case "wrong-column-count":
                File.AppendAllText(people, "person:zed-test,Person,Zed Test\n");
                break;
            case "unknown-type":
                File.AppendAllText(people, "person:zed-test,Persn,Zed Test,,us\n");
                break;
            case "duplicate-id":
                File.AppendAllText(people, "person:abbas-araghchi,Person,Abbas Again,,ir\n");
                break;
            case "bad-role-date":
                Edit(Path.Combine(data, "gazetteer", "roles.csv"), 2, l => l.Replace("2024-08-21", "2024-02-30", StringComparison.Ordinal));
                break;
            case "malformed-rule":
                Edit(Path.Combine(data, "rules", "relations.rules"), 55, _ => "met-with   {Person:a met|meets {Person+:b}");
                break;
            case "unknown-rule-kind":
                Edit(Path.Combine(data, "rules", "relations.rules"), 55, _ => "meet-with   {Person:a} met {Person+:b}");
                break;
            case "unknown-slot-type":
                Edit(Path.Combine(data, "rules", "relations.rules"), 55, _ => "met-with   {Persn:a} met {Person+:b}");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(mistake), mistake, null);
        }
        return data;
    }

    private static void Edit(string file, int line, Func<string, string> edit)
    {
        var lines = File.ReadAllLines(file);
        lines[line - 1] = edit(lines[line - 1]);
        File.WriteAllLines(file, lines);
    }
}
