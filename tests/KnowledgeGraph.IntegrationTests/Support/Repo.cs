namespace KnowledgeGraph.IntegrationTests.Support;

/// <summary>Paths in the repository, found by walking up from the test binaries to KnowledgeGraph.sln.</summary>
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

    /// <summary>The committed exports of seeds/ (kg build seeds --out graph-exports).</summary>
    public static string GraphExports => Path.Combine(LazyRoot.Value, "graph-exports");
}
