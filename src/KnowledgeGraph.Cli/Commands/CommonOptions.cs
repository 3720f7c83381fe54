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

    /// <summary>
    /// The graph store a query reads: graph.db inside a folder (what kg build writes), or a .db file given itself; null
    /// for a folder that only has graph.json (built by an older kg) or a graph.json file.
    /// </summary>
    public static string? GraphStore(string graphDirOrFile)
    {
        if (Directory.Exists(graphDirOrFile))
        {
            var db = Path.Combine(graphDirOrFile, Store.GraphStore.FileName);
            return File.Exists(db) ? db : null;
        }
        return graphDirOrFile.EndsWith(".db", StringComparison.OrdinalIgnoreCase) && File.Exists(graphDirOrFile) ? graphDirOrFile : null;
    }

    /// <summary>The file a query reads, to name in messages: the store when there is one, else graph.json.</summary>
    public static string GraphFile(string graphDirOrFile) => GraphStore(graphDirOrFile) ?? GraphJson(graphDirOrFile);
}
