using System.CommandLine;

namespace KnowledgeGraph.Cli.Commands;

/// <summary>Options shared by several commands.</summary>
internal static class CommonOptions
{
    public static Option<string?> Data() => new("--data")
    {
        Description = "Folder with gazetteer/, lexicon/ and rules/ (default: $KG_DATA, else the data folder shipped with kg)",
    };

    public static Option<bool> Quiet() => new("--quiet", "-q") { Description = "No progress or summary lines on stderr" };

    /// <summary>The data folder: the option, then $KG_DATA, then the one next to the program.</summary>
    public static string ResolveData(string? option)
    {
        if (!string.IsNullOrEmpty(option))
            return Path.GetFullPath(option);
        var env = Environment.GetEnvironmentVariable("KG_DATA");
        return !string.IsNullOrEmpty(env) ? Path.GetFullPath(env) : Path.Combine(AppContext.BaseDirectory, "data");
    }

    /// <summary>graph.json inside a folder, or the file itself.</summary>
    public static string GraphJson(string graphDirOrFile) =>
        Directory.Exists(graphDirOrFile) ? Path.Combine(graphDirOrFile, "graph.json") : graphDirOrFile;
}
