using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace KnowledgeGraph.Writers.Tests.Interop;

/// <summary>What an outside reader saw in one export file, in the shape the reader scripts print.</summary>
/// <param name="Labels">Nodes per primary label.</param>
/// <param name="Types">Relationships per type (an edge standing for several relationships counts each).</param>
/// <param name="Names">Each node's name by our id.</param>
/// <param name="Meetings">Every MET_WITH as "smaller id|larger id|date|place", sorted.</param>
/// <param name="Raw">The whole summary, for the checks particular to one reader.</param>
internal sealed record ReaderView(SortedDictionary<string, int> Labels, SortedDictionary<string, int> Types, SortedDictionary<string, string> Names, List<string> Meetings, JsonElement Raw)
{
    public static ReaderView From(JsonElement e) => new(
        new(e.GetProperty("labels").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32()), StringComparer.Ordinal),
        new(e.GetProperty("types").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32()), StringComparer.Ordinal),
        new(e.GetProperty("names").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!), StringComparer.Ordinal),
        MeetingLines(e.GetProperty("meetings")),
        e);

    /// <summary>A JSON array of [a, b, date, place] arrays as sorted "a|b|date|place" lines.</summary>
    public static List<string> MeetingLines(JsonElement list) =>
        [.. list.EnumerateArray().Select(m => string.Join('|', m.EnumerateArray().Select(x => x.GetString()))).Order(StringComparer.Ordinal)];
}

/// <summary>
/// Runs the reader scripts next to this file (NetworkX and igraph through Python, graphology through Node) as child
/// processes. A reader that is not installed is reported with the reason, so the tests can skip rather than fail.
/// </summary>
internal static class ExternalReaders
{
    private static readonly string ScriptDir = Path.Combine(AppContext.BaseDirectory, "Interop");

    /// <summary>The exit code the scripts use for "this reader is not installed".</summary>
    private const int NotInstalled = 3;

    /// <summary>
    /// Python interpreters to try: <c>KG_PYTHON</c> (colon-separated), <c>python3</c> on the PATH, and Debian's
    /// <c>/usr/bin/python3</c> (where <c>apt-get install python3-networkx python3-igraph</c> puts the modules, which a
    /// pyenv or venv <c>python3</c> on the PATH does not see).
    /// </summary>
    public static IEnumerable<string> PythonCandidates()
    {
        var env = Environment.GetEnvironmentVariable("KG_PYTHON");
        var list = new List<string>();
        if (!string.IsNullOrWhiteSpace(env))
            list.AddRange(env.Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        list.Add("python3");
        if (File.Exists("/usr/bin/python3"))
            list.Add("/usr/bin/python3");
        return list.Distinct(StringComparer.Ordinal);
    }

    /// <summary>The <c>node_modules</c> folder holding graphology: <c>KG_NODE_MODULES</c>, else the one <c>.ci/run</c> fills.</summary>
    public static string NodeModules() =>
        Environment.GetEnvironmentVariable("KG_NODE_MODULES") is { Length: > 0 } dir
            ? dir
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "kg-interop", "node_modules");

    /// <summary>Runs <c>read_with_python.py</c> with one interpreter; null output and a reason when it cannot run.</summary>
    public static Task<(JsonElement? Output, string Reason)> PythonAsync(string python, string reader, string exportDir) =>
        RunAsync(python, [Path.Combine(ScriptDir, "read_with_python.py"), reader, exportDir], null);

    /// <summary>Runs <c>read_with_graphology.js</c>; null output and a reason when Node or graphology is missing.</summary>
    public static Task<(JsonElement? Output, string Reason)> GraphologyAsync(string exportDir) =>
        RunAsync("node", [Path.Combine(ScriptDir, "read_with_graphology.js"), exportDir], NodeModules());

    private static async Task<(JsonElement? Output, string Reason)> RunAsync(string program, string[] args, string? nodePath)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in args)
            start.ArgumentList.Add(a);
        if (nodePath is not null)
            start.Environment["NODE_PATH"] = nodePath;
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (null, $"{program} is not installed ({e.Message})");
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            // A guard against a hung child, not a speed check: the readers take about a second.
            using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(cts.Token);
            var output = await stdout;
            var error = await stderr;
            if (process.ExitCode == NotInstalled)
                return (null, error.Trim());
            Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)} failed with exit code {process.ExitCode}:\n{error}");
            using var doc = JsonDocument.Parse(output);
            return (doc.RootElement.Clone(), "");
        }
    }
}
