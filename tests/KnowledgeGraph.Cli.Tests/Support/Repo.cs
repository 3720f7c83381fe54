namespace KnowledgeGraph.Cli.Tests.Support;

/// <summary>Paths in the repository: found by walking up from the test binaries to KnowledgeGraph.sln.</summary>
internal static class Repo
{
    private static readonly Lazy<string> LazyRoot = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KnowledgeGraph.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"KnowledgeGraph.sln not found above {AppContext.BaseDirectory}");
    });

    public static string Root => LazyRoot.Value;

    public static string Data => Path.Combine(Root, "data");

    public static string Seeds => Path.Combine(Root, "seeds");

    /// <summary>The built kg.dll, copied next to the tests by the project reference.</summary>
    public static string KgDll => Path.Combine(AppContext.BaseDirectory, "kg.dll");

    /// <summary>The seed articles' texts, in name order.</summary>
    public static IReadOnlyList<string> SeedTexts { get; } =
        [.. Directory.EnumerateFiles(Path.Combine(Root, "seeds"), "*.txt").Order(StringComparer.Ordinal).Select(File.ReadAllText)];

    /// <summary>A short article that yields people, a meeting and a place.</summary>
    public const string Article =
        "NATO Secretary General Jens Stoltenberg met with U.S. Secretary of Defense Lloyd Austin at the Pentagon on Feb. 8, 2023.\n\n" +
        "The two men discussed support for Ukraine.\n";
}
